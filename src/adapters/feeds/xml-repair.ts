import { entityAsNumericReferences } from '../../core/text/html-entities.js';

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
  const rest = text.slice(scanProlog(text).end);
  const start = /^<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?\/?>/.exec(rest);
  if (start === null) return undefined;
  return { name: start[1] ?? '', startTag: start[0] };
}

/**
 * How far into a document the prolog is looked for, in UTF-16 code units. Real prologs are a few
 * hundred bytes; a DOCTYPE with an internal subset a few KB. Past this, what looks like a prolog is
 * an attack or garbage, and the document is treated as having no root element.
 */
export const PROLOG_SCAN_LIMIT = 64 * 1024;

const DOCTYPE_OPEN = '<!doctype';

/** Where the prolog ends, and the DOCTYPE declarations inside it as `[start, end)` spans. */
interface Prolog {
  end: number;
  doctypes: Array<readonly [start: number, end: number]>;
}

/**
 * Reads the prolog (whitespace, declaration, processing instructions, comments, DOCTYPE) part by
 * part with `indexOf`, never with a backtracking regex: a hostile `<!DOCTYPE x [a][a][a]...` must
 * cost time linear in its length, not exponential.
 */
function scanProlog(text: string): Prolog {
  const head = text.length > PROLOG_SCAN_LIMIT ? text.slice(0, PROLOG_SCAN_LIMIT) : text;
  const doctypes: Array<readonly [number, number]> = [];
  let at = 0;
  for (;;) {
    const isDoctype = head.slice(at, at + DOCTYPE_OPEN.length).toLowerCase() === DOCTYPE_OPEN;
    const end = isDoctype ? doctypeEnd(head, at + DOCTYPE_OPEN.length) : otherPrologPartEnd(head, at);
    if (end === undefined) return { end: at, doctypes };
    if (isDoctype) doctypes.push([at, end]);
    at = end;
  }
}

const WHITESPACE_RUN = /\s+/y;

/** End of the whitespace, processing instruction or comment starting at `at`, if one does. */
function otherPrologPartEnd(text: string, at: number): number | undefined {
  WHITESPACE_RUN.lastIndex = at;
  if (WHITESPACE_RUN.test(text)) return WHITESPACE_RUN.lastIndex;
  if (text.startsWith('<?', at)) return endAfter(text, '?>', at + 2);
  if (text.startsWith('<!--', at)) return endAfter(text, '-->', at + 4);
  return undefined;
}

function endAfter(text: string, close: string, from: number): number | undefined {
  const found = text.indexOf(close, from);
  return found === -1 ? undefined : found + close.length;
}

/** End of a DOCTYPE whose name starts at `from`: the first `>` outside `[...]` (the internal subset). */
function doctypeEnd(text: string, from: number): number | undefined {
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (char === '>') return at + 1;
    if (char === '[') {
      const close = text.indexOf(']', at + 1);
      if (close === -1) return undefined;
      at = close;
    }
  }
  return undefined;
}

/** Reads one attribute from a start tag found by {@link findRootElement}. */
export function attributeOf(startTag: string, name: string): string | undefined {
  const escaped = name.replace(/[.:]/g, '\\$&');
  const match = new RegExp(`\\s${escaped}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(startTag);
  return match?.[2] ?? match?.[3];
}

/**
 * The DOCTYPE declarations of the prolog, as written: where `dtd-entities.ts` reads the entities a
 * document declares before {@link stripPrologJunk} drops them.
 */
export function prologDoctypes(text: string): string[] {
  const first = text.indexOf('<');
  const body = first > 0 ? text.slice(first) : text;
  return scanProlog(body).doctypes.map(([start, end]) => body.slice(start, end));
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
  const { doctypes } = scanProlog(body);
  if (doctypes.length === 0) return body;
  let kept = '';
  let from = 0;
  for (const [start, end] of doctypes) {
    kept += body.slice(from, start);
    from = end;
  }
  return kept + body.slice(from);
}

const predefined = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Fixes the mistakes that make a strict XML parser reject a whole feed though only one item is
 * wrong: bare `&` (`?a=1&b=2` in a link), HTML entities XML does not define (`&nbsp;`), and
 * control characters XML forbids. CDATA sections are left alone: there `&` is already literal.
 * References to the entities in `declared` (from the document's own DTD) are left alone too.
 *
 * @example
 * ```ts
 * repairXml('<link>http://x/?a=1&b=2</link>'); // '<link>http://x/?a=1&amp;b=2</link>'
 * ```
 */
export function repairXml(text: string, declared: ReadonlySet<string> = new Set()): string {
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, index) => (index % 2 === 1 ? part : repairOutsideCdata(part, declared)))
    .join('');
}

function repairOutsideCdata(text: string, declared: ReadonlySet<string>): string {
  return text
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters; dropping them is the repair
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&(?:(#\d+|#[xX][0-9a-fA-F]+)|([A-Za-z][\w.-]*))?(;?)/g, (whole, numeric: string | undefined, name: string | undefined, semi: string) => {
      if (numeric !== undefined && semi === ';') return whole;
      if (name !== undefined && semi === ';') {
        if (predefined.has(name) || declared.has(name)) return whole;
        const references = entityAsNumericReferences(name);
        if (references !== undefined) return references;
      }
      return `&amp;${whole.slice(1)}`;
    });
}
