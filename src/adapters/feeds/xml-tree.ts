import sax from 'sax';

/** A child of an element: a nested element or a run of text (entities and CDATA already decoded). */
export type XmlChild = XmlElement | string;

/**
 * One element of a document, with its children in document order: the order xml2js loses when it
 * groups children by name. Comments and processing instructions are not kept.
 */
export interface XmlElement {
  /** Qualified name as written, e.g. `dc:date`, `rss`, `xhtml:body`. */
  readonly name: string;
  /** Local name, without the prefix. */
  readonly local: string;
  /**
   * Namespace URI; `''` for none. A prefix the document never declares maps to the namespace it
   * stands for by convention (`dc:` to Dublin Core...), or to `undeclared:PREFIX`.
   */
  readonly uri: string;
  /** Attributes by qualified name as written, values decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlChild[];
  readonly parent: XmlElement | undefined;
  /** True when a CDATA section was among the children (xml2js keeps such text even if blank). */
  hasCdata: boolean;
}

/** Bounds on one order-preserving parse; the document's size is already capped by the caller. */
export interface XmlTreeLimits {
  /** Deepest nesting accepted. Real feeds, XHTML content included, stay under 40. */
  maxDepth: number;
  /** Most elements in one document. */
  maxElements: number;
}

/** Defaults: far above any real feed, low enough that a hostile document costs bounded memory. */
export const DEFAULT_XML_TREE_LIMITS: XmlTreeLimits = { maxDepth: 256, maxElements: 1_000_000 };

/** Namespaces by the prefix feeds conventionally give them, for documents that forget to declare one. */
export const CONVENTIONAL_NAMESPACES: Readonly<Record<string, string>> = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  atom: 'http://www.w3.org/2005/Atom',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  media: 'http://search.yahoo.com/mrss/',
  xhtml: 'http://www.w3.org/1999/xhtml',
};

/** Prefix -> namespace URI; `''` is the default namespace. */
type Scope = Readonly<Record<string, string>>;

/** Raised for a document beyond {@link XmlTreeLimits}; never repaired or retried. */
export class XmlLimitError extends Error {
  override readonly name = 'XmlLimitError';
}

/**
 * Parses XML text into a tree that keeps every element's children in document order, with
 * namespaces resolved, in one streaming pass of `sax` (the tokenizer xml2js itself runs on) in
 * strict mode: what xml2js accepts, this accepts. Like xml2js, anything after the root element
 * closes is ignored.
 *
 * @param entities - extra named entities (from the document's internal DTD subset) by name. Their
 *   lookups may throw to stop a document that expands too much (see `dtd-entities.ts`).
 * @throws Error from sax for XML that is not well-formed; {@link XmlLimitError} past the limits.
 * @example
 * ```ts
 * const root = parseXmlTree('<title>Breaking: <b>Astana</b> summit</title>');
 * root.children; // ['Breaking: ', { local: 'b', ... }, ' summit']
 * ```
 */
export function parseXmlTree(
  xml: string,
  entities: Readonly<Record<string, string>> = {},
  limits: XmlTreeLimits = DEFAULT_XML_TREE_LIMITS,
): XmlElement {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false });
  // Getters on `entities` (the expansion budget) must stay getters: define them on the table.
  for (const name in entities) Object.defineProperty(parser.ENTITIES, name, Object.getOwnPropertyDescriptor(entities, name) ?? {});
  // Two parallel stacks rather than a frame object per element: what the parse keeps alive
  // decides what garbage collection costs.
  const stack: XmlElement[] = [];
  const scopes: Scope[] = [];
  let root: XmlElement | undefined;
  let elements = 0;

  parser.onopentag = (tag) => {
    if (++elements > limits.maxElements) throw new XmlLimitError(`the feed has more than ${limits.maxElements} elements`);
    if (stack.length >= limits.maxDepth) throw new XmlLimitError(`the feed nests elements deeper than ${limits.maxDepth} levels`);
    const attributes = hasAny(tag.attributes) ? (tag.attributes as Record<string, string>) : NO_ATTRIBUTES;
    const parent = stack[stack.length - 1];
    const scope = attributes === NO_ATTRIBUTES ? (scopes[scopes.length - 1] ?? NO_NAMESPACES) : scopeWith(scopes[scopes.length - 1] ?? NO_NAMESPACES, attributes);
    const colon = tag.name.indexOf(':');
    const prefix = colon === -1 ? '' : tag.name.slice(0, colon);
    const element: XmlElement = {
      name: tag.name,
      local: colon === -1 ? tag.name : tag.name.slice(colon + 1),
      uri: scope[prefix] ?? CONVENTIONAL_NAMESPACES[prefix] ?? (prefix === '' ? '' : `undeclared:${prefix}`),
      attributes,
      children: [],
      parent,
      hasCdata: false,
    };
    parent?.children.push(element);
    stack.push(element);
    scopes.push(scope);
  };
  parser.onclosetag = () => {
    const closed = stack.pop();
    scopes.pop();
    if (stack.length > 0 || closed === undefined) return;
    root = closed;
    // After the root element closes, junk (a second document, a PHP warning) is ignored, as xml2js does.
    parser.onopentag = parser.onclosetag = parser.ontext = parser.oncdata = () => undefined;
  };
  parser.ontext = (text) => {
    stack[stack.length - 1]?.children.push(text);
  };
  parser.oncdata = (text) => {
    const top = stack[stack.length - 1];
    if (top === undefined) return;
    top.children.push(text);
    top.hasCdata = true;
  };
  parser.onerror = (error) => {
    if (root === undefined) throw error;
    parser.resume();
  };
  parser.write(xml).close();
  const tree = root;
  if (tree === undefined) throw new Error('Unclosed root tag');
  // The parser's callbacks and the variables they share often outlive a parse in the old
  // generation (a parse spans several minor collections). Left pointing at the tree, they keep
  // every new tree alive until a full collection: that was a third of the parse time.
  root = undefined;
  stack.length = 0;
  scopes.length = 0;
  return tree;
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const NO_NAMESPACES: Scope = Object.freeze({});

function hasAny(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

function scopeWith(parent: Scope, attributes: Readonly<Record<string, string>>): Scope {
  let scope: Record<string, string> | undefined;
  for (const name in attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= { ...parent };
    scope[name === 'xmlns' ? '' : name.slice(6)] = attributes[name] ?? '';
  }
  return scope ?? parent;
}

/**
 * All text inside `element`, descendants included, in document order.
 *
 * @example
 * ```ts
 * textContent(parseXmlTree('<t>a <b>b</b> c</t>')); // 'a b c'
 * ```
 */
export function textContent(element: XmlElement): string {
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textContent(child);
  return text;
}

/** The child elements of `element` named `local` in one of `uris`, in document order. */
export function childrenNamed(element: XmlElement, uris: readonly string[], local: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && uris.includes(child.uri)) found.push(child);
  }
  return found;
}

/** The first child element of `element` named `local` in one of `uris`. */
export function childNamed(element: XmlElement, uris: readonly string[], local: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && uris.includes(child.uri)) return child;
  }
  return undefined;
}

/** The value of attribute `name` (qualified as conventionally written) on `element` or its nearest ancestor. */
export function inherited(element: XmlElement, name: string): string | undefined {
  for (let at: XmlElement | undefined = element; at !== undefined; at = at.parent) {
    const value = at.attributes[name];
    if (value !== undefined) return value;
  }
  return undefined;
}
