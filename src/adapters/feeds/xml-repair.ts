import { entityCodePoint } from '../../core/text/html-entities.js';

/** The document element of an XML text, found without parsing it. */
export interface RootElement {
  /** Qualified name as written, e.g. `rss`, `rdf:RDF`, `feed`, `html`. */
  name: string;
  /** The element's whole start tag, for reading `xml:lang` / `xml:base` cheaply. */
  startTag: string;
}

/**
 * Finds the document element after the prolog (XML declaration, processing instructions,
 * comments, DOCTYPE). Used to tell a feed from an HTML page before handing text to the parser.
 *
 * @example
 * ```ts
 * findRootElement('<?xml version="1.0"?><!-- hi --><rss version="2.0">')?.name; // 'rss'
 * ```
 */
export function findRootElement(text: string): RootElement | undefined {
  const rest = text.slice(prologLength(text));
  const start = /^<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?\/?>/.exec(rest);
  if (start === null) return undefined;
  return { name: start[1] ?? '', startTag: start[0] };
}

const doctype = /<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/i;

/** Length of the prolog: whitespace, declaration, processing instructions, comments, DOCTYPE. */
function prologLength(text: string): number {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i.exec(text);
  return prolog?.[0].length ?? 0;
}

/** Reads one attribute from a start tag found by {@link findRootElement}. */
export function attributeOf(startTag: string, name: string): string | undefined {
  const escaped = name.replace(/[.:]/g, '\\$&');
  const match = new RegExp(`\\s${escaped}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(startTag);
  return match?.[2] ?? match?.[3];
}

/**
 * Drops whatever comes before the first `<` (stray whitespace, a BOM decoded twice, PHP
 * warnings) and any DOCTYPE. Feeds have no use for a DTD, and an external one (often XHTML's)
 * only makes parsers choke or stop recognizing the feed.
 */
export function stripPrologJunk(text: string): string {
  const first = text.indexOf('<');
  const body = first > 0 ? text.slice(first) : text;
  // Only the prolog's DOCTYPE: one quoted inside an item's HTML must stay.
  const end = prologLength(body);
  return body.slice(0, end).replace(doctype, '') + body.slice(end);
}

const predefined = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Fixes the mistakes that make a strict XML parser reject a whole feed though only one item is
 * wrong: bare `&` (`?a=1&b=2` in a link), HTML entities XML does not define (`&nbsp;`), and
 * control characters XML forbids. CDATA sections are left alone: there `&` is already literal.
 *
 * @example
 * ```ts
 * repairXml('<link>http://x/?a=1&b=2</link>'); // '<link>http://x/?a=1&amp;b=2</link>'
 * ```
 */
export function repairXml(text: string): string {
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, index) => (index % 2 === 1 ? part : repairOutsideCdata(part)))
    .join('');
}

function repairOutsideCdata(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters; dropping them is the repair
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&(?:(#\d+|#[xX][0-9a-fA-F]+)|([A-Za-z][\w.-]*))?(;?)/g, (whole, numeric: string | undefined, name: string | undefined, semi: string) => {
      if (numeric !== undefined && semi === ';') return whole;
      if (name !== undefined && semi === ';') {
        if (predefined.has(name)) return whole;
        const code = entityCodePoint(name);
        if (code !== undefined) return `&#${code};`;
      }
      return `&amp;${whole.slice(1)}`;
    });
}
