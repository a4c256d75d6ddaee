import { CONVENTIONAL_NAMESPACES, textContent, type XmlElement } from './xml-tree.js';

/** xml2js output: child name -> array of children, `$` attributes, `_` text of mixed content. */
export type Xml2jsNode = { [name: string]: unknown };

/** The elements whose projections remember their tree element: RSS items and Atom entries. */
const ITEM_NAMES = new Set(['item', 'entry']);
const XHTML_NAMESPACE = CONVENTIONAL_NAMESPACES.xhtml;
/**
 * An item's text bodies, which kabar reads from the tree: projecting them only made rss-parser
 * strip and decode each one into a snippet nobody reads (about a tenth of the parse in a profile).
 */
const TEXT_BODIES = new Set(['description', 'encoded', 'summary', 'content', 'body']);

/** Namespaces whose elements rss-parser expects without a prefix: RSS 0.90, 1.0 and the Userland RSS 2 one. */
const UNPREFIXED = new Set(['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/', 'http://backend.userland.com/rss2']);

const CONVENTIONAL_PREFIX = new Map(Object.entries(CONVENTIONAL_NAMESPACES).map(([prefix, uri]) => [uri, prefix]));

/**
 * The xml2js object (default options, as rss-parser configures it) for a document already parsed
 * by {@link parseXmlTree}, so that rss-parser builds its feed from the one order-preserving parse
 * instead of running xml2js over the same bytes a second time.
 *
 * Names are projected by namespace, not by the prefix the document chose: the root's namespace
 * and the RSS ones lose their prefix (`<r:rss xmlns:r="...">` reads as `rss`, RSS 1.0's
 * `<rss:item>` as `item`), and the well-known ones get their conventional prefix (`rdf:`, `dc:`,
 * `content:`...). One deliberate difference from xml2js: an Atom `<link>` always gets a `$`, so
 * rss-parser's link lookup does not throw on a link given as element text.
 *
 * Elements in the XHTML namespace are projected as their text, and an item's text bodies
 * (`description`, `content:encoded`, `summary`, `content`, `body`) not at all: rss-parser has no
 * use for them here. The projection maps each projected item and entry back to its element.
 *
 * @example
 * ```ts
 * toXml2js(parseXmlTree('<rss version="2.0"><channel><title>T</title></channel></rss>')).document;
 * // { rss: { $: { version: '2.0' }, channel: [{ title: ['T'] }] } }
 * ```
 */
export function toXml2js(root: XmlElement): Projection {
  const document: Xml2jsNode = {};
  const context: ProjectionContext = { rootUri: root.uri, atom: root.local === 'feed', items: new Map() };
  document[projectedName(root, context)] = project(root, context);
  return { document, items: context.items };
}

/** A document in xml2js shape, and where its items came from. */
export interface Projection {
  document: Xml2jsNode;
  /**
   * The tree element of each projected `<item>` and `<entry>`, by the projected node. A plain Map
   * that lives as long as one parse, so nothing outlives it.
   */
  items: ReadonlyMap<unknown, XmlElement>;
}

interface ProjectionContext {
  rootUri: string;
  /** An Atom document, whose `<link>`s rss-parser reads by attribute. */
  atom: boolean;
  items: Map<unknown, XmlElement>;
}

function project(element: XmlElement, context: ProjectionContext): unknown {
  // rss-parser never reads XHTML markup (kabar reads it from the tree), and rebuilding it as xml2js
  // objects, which rss-parser then serializes back to XML, was a large part of an XHTML feed's parse.
  if (element.uri === XHTML_NAMESPACE) return textContent(element);
  // Plain objects, not xml2js's prototype-less ones, which V8 keeps as hash tables: this projection
  // lives next to the tree for the whole parse. `__proto__` is never projected.
  const node: Xml2jsNode = {};
  let text = '';
  let hasAttributes = false;
  for (const _ in element.attributes) {
    hasAttributes = true;
    break;
  }
  if (hasAttributes || (context.atom && element.local === 'link')) {
    node.$ = { ...element.attributes };
    hasAttributes = true;
  }
  let hasChildren = false;
  const isItem = ITEM_NAMES.has(element.local);
  for (const child of element.children) {
    if (typeof child === 'string') {
      text += child;
      continue;
    }
    if ((isItem && TEXT_BODIES.has(child.local)) || child.local === '__proto__') continue;
    hasChildren = true;
    const name = projectedName(child, context);
    const value = project(child, context);
    const existing = node[name];
    if (Array.isArray(existing)) existing.push(value);
    else node[name] = [value];
  }
  const blank = !element.hasCdata && /^\s*$/.test(text);
  // xml2js: text alone becomes a string, and an empty element its (blank) text. Not an item: one
  // with only a description must still lead back to its element.
  if (!hasAttributes && !hasChildren && !isItem) return text;
  if (!blank) node._ = text;
  if (isItem) context.items.set(node, element);
  return node;
}

function projectedName(element: XmlElement, context: ProjectionContext): string {
  if (element.uri === '') return element.local;
  const prefix = CONVENTIONAL_PREFIX.get(element.uri);
  if (element.uri === context.rootUri && prefix !== 'rdf') return element.local;
  if (UNPREFIXED.has(element.uri)) return element.local;
  return prefix === undefined ? element.name : `${prefix}:${element.local}`;
}
