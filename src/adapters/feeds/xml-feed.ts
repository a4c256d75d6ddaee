import type { FeedItem, ParsedFeed } from '../../core/feed.js';
import { declaredEntities } from './dtd-entities.js';
import { ATOM_NAMESPACES, atomEntry, atomLinkOf, languageAt, linkOf, RSS_NAMESPACES, rssEntry, type EntryContext } from './entry-fields.js';
import { feedError } from './feed-errors.js';
import { findAlternateFeedLink } from './feed-discovery.js';
import { atomTitleText, looseTitleText } from './field-html.js';
import { languageTag, nonBlank, positiveInteger } from './feed-item.js';
import { rawNodeOf, runRssParser, type ParserOutput } from './tolerant-rss-parser.js';
import { toXml2js, type Projection } from './xml2js-shape.js';
import { findRootElement, prologDoctypes, repairXml, stripPrologJunk } from './xml-repair.js';
import { childNamed, CONVENTIONAL_NAMESPACES, parseXmlTree, textContent, XmlLimitError, type XmlElement } from './xml-tree.js';

/** Options for {@link parseXmlFeed}. */
export interface XmlFeedOptions {
  /** URL the document came from (or its `Content-Location`); relative links are resolved against it. */
  baseUrl?: string;
  /** The language the server declared (`Content-Language`), used when the feed declares none. */
  language?: string;
}

/**
 * Parses RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 or Atom (1.0 and 0.3) text into a {@link ParsedFeed}.
 *
 * The text is parsed once, into an order-preserving tree (`parseXmlTree`), bounded in depth,
 * element count and entity expansion. rss-parser reads that tree in its own xml2js shape to decide
 * the format and build its items; every text field is read from the tree itself, so mixed content
 * (XHTML titles and content, inline markup) keeps its document order. Prefixes do not matter, only
 * namespaces: `<r:rss xmlns:r="...">` and RSS 1.0 written as `<rss:item>` read like the usual forms.
 * Tolerates junk before the first `<`, bare `&` and HTML entities, and reads the entities declared
 * in the document's DOCTYPE; one bad item or date drops only that item or date.
 *
 * @throws KabarError `not-a-feed` (an HTML page, another XML document) or `parse-error`
 *   (XML broken beyond repair, or beyond the parse's bounds).
 * @example
 * ```ts
 * const feed = await parseXmlFeed('<rss version="2.0"><channel><title>T</title></channel></rss>');
 * feed.title; // 'T'
 * ```
 */
export async function parseXmlFeed(text: string, options: XmlFeedOptions = {}): Promise<ParsedFeed> {
  const xml = stripPrologJunk(text);
  const root = findRootElement(xml);
  if (root === undefined) throw feedError('not-a-feed', 'the document contains no XML element; it is not a feed');
  if (/^html$/i.test(root.name)) {
    const alternate = findAlternateFeedLink(xml, options.baseUrl);
    throw feedError(
      'not-a-feed',
      alternate === undefined
        ? "got an HTML page, not a feed; use the address of the site's RSS or Atom feed"
        : `got an HTML page, not a feed; the page names its feed: ${alternate} — use that URL`,
    );
  }
  const local = root.name.slice(root.name.indexOf(':') + 1);
  const format = local === 'feed' ? 'atom' : local === 'rss' || local === 'RDF' ? 'rss' : undefined;
  if (format === undefined) {
    throw feedError('not-a-feed', `the document is an XML <${root.name}>, not an RSS, RDF or Atom feed`);
  }
  const tree = parseTolerantly(xml, prologDoctypes(text));
  const own = [...new Set([tree.uri, ...(format === 'atom' ? ATOM_NAMESPACES : RSS_NAMESPACES)])];
  const channel = format === 'rss' ? childNamed(tree, own, 'channel') : tree;
  // rss-parser throws a TypeError on a well-formed <rss> without <channel>: that is just an empty feed.
  if (channel === undefined) return { format, items: [] };
  const projection = toXml2js(tree);
  let output: ParserOutput;
  try {
    output = await runRssParser(projection.document);
  } catch (error) {
    throw classify(error);
  }
  return toParsedFeed(output, { format, channel, own, options, projection });
}

/**
 * The tree of `xml`; on a syntax error, of `xml` with the usual mistakes repaired (see `repairXml`).
 * Each attempt gets its own entity table, so its expansion budget is its own.
 */
function parseTolerantly(xml: string, doctypes: readonly string[]): XmlElement {
  const entities = declaredEntities(doctypes);
  try {
    return parseXmlTree(xml, entities);
  } catch (error) {
    if (error instanceof XmlLimitError) throw classify(error);
    const repaired = repairXml(xml, new Set(Object.keys(entities)));
    if (repaired === xml) throw classify(error);
    try {
      return parseXmlTree(repaired, declaredEntities(doctypes));
    } catch (again) {
      throw classify(again);
    }
  }
}

function classify(error: unknown): Error {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (/^Feed not recognized/.test(message)) {
    return feedError('not-a-feed', 'the XML is not an RSS, RDF or Atom feed', { cause: error });
  }
  if (error instanceof XmlLimitError) {
    return feedError('parse-error', `${message}; kabar does not read such a document`, { cause: error });
  }
  if (error instanceof TypeError) {
    return feedError('parse-error', `the feed's structure is broken (${message}); the publisher must fix it`, { cause: error });
  }
  return feedError('parse-error', `the feed is not well-formed XML (${message}); the publisher must fix it`, {
    cause: error,
  });
}

interface FeedDocument {
  format: 'rss' | 'atom';
  /** `<channel>` in RSS, `<feed>` in Atom. */
  channel: XmlElement;
  own: string[];
  options: XmlFeedOptions;
  projection: Projection;
}

function toParsedFeed(output: ParserOutput, { format, channel, own, options, projection }: FeedDocument): ParsedFeed {
  // A file has no URL: its links resolve against the site the feed names, as feed readers do.
  const siteContext: EntryContext = { own, documentBase: undefined, feed: channel };
  const documentBase = options.baseUrl ?? (format === 'atom' ? atomLinkOf(channel, siteContext) : linkOf(channel, siteContext));
  const context: EntryContext = { own, documentBase, feed: channel };
  const items: FeedItem[] = [];
  for (const item of output.items) {
    const element = projection.items.get(rawNodeOf(item));
    if (element === undefined) continue;
    try {
      const mapped =
        format === 'atom'
          ? atomEntry(element, context, nonBlank(stringOf(item.id)))
          : rssEntry(element, context, nonBlank(stringOf(item.guid)));
      if (mapped !== undefined) items.push(mapped);
    } catch {
      // One malformed item never costs the others.
    }
  }
  const feed: ParsedFeed = { format, items };
  const titleElement = childNamed(channel, own, 'title');
  const title =
    titleElement === undefined ? undefined : format === 'atom' ? atomTitleText(titleElement) : looseTitleText(titleElement);
  if (title !== undefined) feed.title = title;
  const language = feedLanguage(format, channel, own) ?? languageTag(options.language?.split(',')[0]);
  if (language !== undefined) feed.language = language;
  const ttl = format === 'rss' ? positiveInteger(stringOf(output.ttl)) : undefined;
  if (ttl !== undefined) feed.ttlMinutes = ttl;
  return feed;
}

function feedLanguage(format: 'rss' | 'atom', channel: XmlElement, own: string[]): string | undefined {
  if (format === 'atom') return languageAt(channel);
  const written = childNamed(channel, own, 'language') ?? childNamed(channel, [CONVENTIONAL_NAMESPACES.dc ?? ''], 'language');
  return languageTag(written && textContent(written)) ?? languageAt(channel);
}

/** A field rss-parser read: a string, or the `_` text of an element that had attributes. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { _?: unknown })._ === 'string') return (value as { _: string })._;
  return undefined;
}
