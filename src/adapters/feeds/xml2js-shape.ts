import { CONVENTIONAL_NAMESPACES, textContent, type XmlElement } from './xml-tree.js';

/** xml2js output: child name -> array of children, `$` attributes, `_` text of mixed content. */
export type Xml2jsNode = { [name: string]: unknown };

/** The tree element each projected item or entry came from; rss-parser never sees it. */
const items = new WeakMap<object, XmlElement>();
/** The elements whose projections remember their tree element: RSS items and Atom entries. */
const ITEM_NAMES = new Set(['item', 'entry']);
const XHTML_NAMESPACE = CONVENTIONAL_NAMESPACES.xhtml;

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
 * Elements in the XHTML namespace are projected as their text: rss-parser has no use for their
 * markup. Each projected item and entry remembers its element: see {@link treeElementOf}.
 *
 * @example
 * ```ts
 * toXml2js(parseXmlTree('<rss version="2.0"><channel><title>T</title></channel></rss>'));
 * // { rss: { $: { version: '2.0' }, channel: [{ title: ['T'] }] } }
 * ```
 */
export function toXml2js(root: XmlElement): Xml2jsNode {
  const document: Xml2jsNode = Object.create(null) as Xml2jsNode;
  const context: Projection = { rootUri: root.uri, atom: root.local === 'feed' };
  document[projectedName(root, context)] = project(root, context);
  return document;
}

/** The tree element a projected `<item>` or `<entry>` came from; `undefined` for anything else. */
export function treeElementOf(node: unknown): XmlElement | undefined {
  return typeof node === 'object' && node !== null ? items.get(node) : undefined;
}

interface Projection {
  rootUri: string;
  /** An Atom document, whose `<link>`s rss-parser reads by attribute. */
  atom: boolean;
}

function project(element: XmlElement, context: Projection): unknown {
  // rss-parser never reads XHTML markup (kabar reads it from the tree), and rebuilding it as xml2js
  // objects, which rss-parser then serializes back to XML, was most of the cost of an XHTML feed.
  if (element.uri === XHTML_NAMESPACE) return textContent(element);
  const node: Xml2jsNode = Object.create(null) as Xml2jsNode;
  let text = '';
  let hasAttributes = false;
  for (const _ in element.attributes) {
    hasAttributes = true;
    break;
  }
  if (hasAttributes || (context.atom && element.local === 'link')) {
    node.$ = Object.assign(Object.create(null) as object, element.attributes);
    hasAttributes = true;
  }
  let hasChildren = false;
  for (const child of element.children) {
    if (typeof child === 'string') {
      text += child;
      continue;
    }
    hasChildren = true;
    const name = projectedName(child, context);
    const value = project(child, context);
    const existing = node[name];
    if (Array.isArray(existing)) existing.push(value);
    else node[name] = [value];
  }
  const blank = !element.hasCdata && /^\s*$/.test(text);
  // xml2js: text alone becomes a string, and an empty element its (blank) text.
  if (!hasAttributes && !hasChildren) return text;
  if (!blank) node._ = text;
  if (ITEM_NAMES.has(element.local)) items.set(node, element);
  return node;
}

function projectedName(element: XmlElement, context: Projection): string {
  if (element.uri === '') return element.local;
  const prefix = CONVENTIONAL_PREFIX.get(element.uri);
  if (element.uri === context.rootUri && prefix !== 'rdf') return element.local;
  if (UNPREFIXED.has(element.uri)) return element.local;
  return prefix === undefined ? element.name : `${prefix}:${element.local}`;
}
