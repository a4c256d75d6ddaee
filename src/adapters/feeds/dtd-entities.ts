import { XmlLimitError } from './xml-tree.js';

/** Most entity declarations read from one document; real feeds declare a handful. */
export const MAX_DECLARED_ENTITIES = 256;
/** Longest replacement text of one entity once its own references are expanded. */
export const MAX_ENTITY_CHARS = 8 * 1024;
/** Most characters all entity references of one document may expand to together. */
export const MAX_EXPANDED_CHARS = 1024 * 1024;

const DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([A-Za-z_][\w.-]*));/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MAX_NESTING = 8;

/**
 * Internal general entities declared in a document's DOCTYPE (`<!ENTITY ndash "&#8211;">`), ready
 * for {@link parseXmlTree}. XML parsers must expand them; xml2js never did, so such feeds were
 * refused. Expansion is bounded three ways, so a "billion laughs" document costs little: at most
 * {@link MAX_DECLARED_ENTITIES} declarations, each at most {@link MAX_ENTITY_CHARS} once expanded
 * (one that would be longer, or refers to itself, is left undeclared), and every lookup counted
 * against {@link MAX_EXPANDED_CHARS} for the whole document, past which the parse stops with an
 * {@link XmlLimitError}. Parameter entities and external (`SYSTEM`/`PUBLIC`) entities are ignored:
 * nothing is ever fetched.
 *
 * Replacement text is inserted as text, not parsed as markup: entities in feeds name characters.
 *
 * @param doctypes - the prolog's DOCTYPE declarations as written (see `prologDoctypes`)
 * @example
 * ```ts
 * const entities = declaredEntities(['<!DOCTYPE rss [<!ENTITY mdash "&#8212;">]>']);
 * parseXmlTree('<t>a&mdash;b</t>', entities); // text 'a—b'
 * ```
 */
export function declaredEntities(doctypes: readonly string[]): Record<string, string> {
  const raw = new Map<string, string>();
  for (const doctype of doctypes) {
    for (const match of doctype.matchAll(DECLARATION)) {
      const [, name = '', double, single] = match;
      if (raw.size >= MAX_DECLARED_ENTITIES) break;
      // The first declaration of a name is binding.
      if (!raw.has(name)) raw.set(name, double ?? single ?? '');
    }
  }
  const table: Record<string, string> = {};
  const expanded = new Map<string, string | undefined>();
  let budget = MAX_EXPANDED_CHARS;
  for (const name of raw.keys()) {
    const value = expand(name, raw, expanded, []);
    if (value === undefined) continue;
    Object.defineProperty(table, name, {
      enumerable: true,
      get() {
        budget -= Math.max(value.length, 1);
        if (budget < 0) {
          throw new XmlLimitError(`the feed's DTD entities expand to more than ${MAX_EXPANDED_CHARS} characters`);
        }
        return value;
      },
    });
  }
  return table;
}

/** `name`'s replacement text, each entity expanded once (memoized in `done`), or undefined if unusable. */
function expand(name: string, raw: ReadonlyMap<string, string>, done: Map<string, string | undefined>, open: string[]): string | undefined {
  if (done.has(name)) return done.get(name);
  const value = raw.get(name);
  if (value === undefined || open.length > MAX_NESTING || open.includes(name)) return undefined;
  let failed = false;
  // Counted as it grows: 64 KiB of `&big;` references must not build a huge string first.
  let length = value.length;
  const expanded = value.replace(REFERENCE, (whole, decimal?: string, hex?: string, entity?: string) => {
    if (failed) return '';
    let text: string | undefined = whole;
    if (decimal !== undefined || hex !== undefined) {
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      if (code > 0 && code <= 0x10ffff) text = String.fromCodePoint(code);
    } else {
      text = PREDEFINED[entity ?? ''] ?? expand(entity ?? '', raw, done, [...open, name]);
    }
    length += (text?.length ?? 0) - whole.length;
    if (text === undefined || length > MAX_ENTITY_CHARS) failed = true;
    return text ?? '';
  });
  const result = failed || expanded.length > MAX_ENTITY_CHARS ? undefined : expanded;
  done.set(name, result);
  return result;
}
