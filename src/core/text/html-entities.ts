/**
 * Decoding of HTML character references (`&amp;`, `&#8217;`, `&#x2019;`) in feed text.
 *
 * The names and the numeric rules (Windows-1252 for `&#128;` to `&#159;`, U+FFFD for NUL,
 * surrogates and out-of-range numbers) come from `entities`, the htmlparser2 family's decoder,
 * which carries the whole WHATWG table. It replaced a hand-written table of HTML 4 and some HTML 5
 * names: on the 2,125 HTML 5 names with a semicolon that table decoded 314 (14.8%), `entities`
 * all of them (issue 12; BENCHMARKS.md, "Text modules against libraries").
 *
 * What kabar keeps of its own is where it must be stricter than a browser, because feed text is
 * full of ampersands that are not references: a name is decoded only with its semicolon, except
 * the five that hand-written feeds drop it from (`&amp`, `&lt`, `&gt`, `&quot`, `&nbsp`), and only
 * whole (`&notanentity;` and `?id=1&copy=2` stay as written, where a browser would show
 * `¬anentity;` and `©=2`); and an entity broken by a hard line wrap is mended first.
 */
import { decodeHTMLStrict, replaceCodePoint } from 'entities/decode';

// The last alternative: the five names that hand-written feeds use without the semicolon.
const REFERENCE = /&(?:#(\d{1,8});?|#[xX]([0-9a-fA-F]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});|(amp|lt|gt|quot|nbsp)(?![A-Za-z0-9=;]))/g;

// An entity broken by a hard line wrap (`&rs\nquo;`), which some feed generators produce.
const BROKEN_BY_NEWLINE = /&(#?[A-Za-z0-9]{0,31})[ \t]*\r?\n[ \t]*(#?[A-Za-z0-9]{1,31};)/g;

function fromCodePoint(code: number): string {
  return String.fromCodePoint(replaceCodePoint(code));
}

// Names already looked up. Only real names are kept, so the memo holds at most the 2,125 of the
// table whatever a feed sends.
const known = new Map<string, string>();

/** The text of the named reference `&name;`, or undefined when the WHATWG table has no such name. */
function namedText(name: string): string | undefined {
  const memo = known.get(name);
  if (memo !== undefined) return memo;
  const reference = `&${name};`;
  const text = decodeHTMLStrict(reference);
  if (text === reference) return undefined;
  known.set(name, text);
  return text;
}

/** True when `name` (without `&` and `;`) is an entity name this module decodes. */
export function isKnownEntityName(name: string): boolean {
  return namedText(name) !== undefined;
}

/**
 * A named entity (without `&` and `;`) as numeric references, one per code point, or undefined
 * for a name this module does not know. The feed parser uses it to turn HTML-only names into
 * references a strict XML parser accepts, the few that stand for two code points included.
 *
 * @example
 * ```ts
 * entityAsNumericReferences('rsquo'); // '&#8217;'
 * entityAsNumericReferences('NotEqualTilde'); // '&#8770;&#824;'
 * ```
 */
export function entityAsNumericReferences(name: string): string | undefined {
  const text = namedText(name);
  if (text === undefined) return undefined;
  return [...text].map((character) => `&#${character.codePointAt(0)};`).join('');
}

/**
 * Decodes every HTML character reference in `text`: named (all 2,125 HTML 5 names, `&rsquo;`,
 * `&nbsp;`, `&NotEqualTilde;`), decimal (`&#8217;`) and hexadecimal (`&#x2019;`). Unknown names
 * are kept verbatim. Decoding is done once: `&amp;lt;` becomes `&lt;`, as a browser would show it.
 *
 * @example
 * ```ts
 * decodeHtmlEntities('Tokayev&rsquo;s visit &amp; the accords&#8230;'); // "Tokayev’s visit & the accords…"
 * ```
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  const repaired = text.replace(BROKEN_BY_NEWLINE, (whole, head: string, tail: string) => {
    const joined = `${head}${tail}`;
    const name = joined.slice(0, -1);
    const valid = /^#(\d+|[xX][0-9a-fA-F]+);$/.test(joined) || namedText(name) !== undefined;
    return valid ? `&${joined}` : whole;
  });
  return repaired.replace(
    REFERENCE,
    (whole, decimal?: string, hex?: string, name?: string, legacy?: string) => {
      if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
      if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
      return namedText(name ?? legacy ?? '') ?? whole;
    },
  );
}
