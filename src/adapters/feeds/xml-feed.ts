import Parser from 'rss-parser';
import type { FeedItem, ParsedFeed } from '../../core/feed.js';
import { feedError } from './feed-errors.js';
import { findAlternateFeedLink } from './feed-discovery.js';
import { buildFeedItem, nonBlank, positiveInteger, resolveHttpLink } from './feed-item.js';
import { plainText } from './html-text.js';
import { parseFeedDate } from './parse-date.js';
import { attributeOf, findRootElement, repairXml, stripPrologJunk, type RootElement } from './xml-repair.js';

/** xml2js output: child name -> array of children, `$` attributes, `_` text of mixed content. */
type XmlNode = { [name: string]: unknown };

/** Where the raw xml2js node of an item is kept next to rss-parser's fields. */
const RAW: unique symbol = Symbol('kabar.feeds.rawItem');

/** One item as rss-parser builds it, plus its raw node. */
type ParserItem = { [field: string]: unknown; [RAW]?: XmlNode };

/** rss-parser's per-item builders. Not in its type definitions, but stable since 3.0. */
interface ItemBuilders {
  parseItemRss(xmlItem: XmlNode, itemFields: unknown): ParserItem;
  parseItemAtom(entry: XmlNode): ParserItem;
}
const builders = Parser.prototype as unknown as ItemBuilders;

/**
 * rss-parser, made tolerant per item. Out of the box one Atom entry with an unparseable date makes
 * `parseString` reject the whole feed (it calls `toISOString()` on an Invalid Date); here such an
 * entry is rebuilt without its dates, and an item that still fails keeps only its raw node, from
 * which {@link rssItem} / {@link atomItem} take what they can. Each item also carries its raw node
 * so fields rss-parser drops (`dc:language`, `xml:lang`, `rdf:about`, Atom dates) stay readable.
 *
 * If a future rss-parser renames these builders the overrides are simply not called: parsing keeps
 * working, only that tolerance is lost (the "bad Atom date" test would catch it).
 */
class TolerantParser extends Parser<ParserItem, ParserItem> {
  parseItemRss(xmlItem: XmlNode, itemFields: unknown): ParserItem {
    return withRaw(xmlItem, () => builders.parseItemRss.call(this, xmlItem, itemFields));
  }

  parseItemAtom(entry: XmlNode): ParserItem {
    return withRaw(
      entry,
      () => builders.parseItemAtom.call(this, entry),
      () => {
        const { published: _published, updated: _updated, ...undated } = entry;
        return builders.parseItemAtom.call(this, undated);
      },
    );
  }
}

function withRaw(raw: XmlNode, ...attempts: Array<() => ParserItem>): ParserItem {
  for (const attempt of attempts) {
    try {
      const item = attempt();
      item[RAW] = raw;
      return item;
    } catch {
      // Fall through to the next, more forgiving attempt.
    }
  }
  return { [RAW]: raw };
}

type ParserOutput = ParserItem & Parser.Output<ParserItem>;

function runParser(xml: string): Promise<ParserOutput> {
  // A fresh parser per document: xml2js parsers keep state after an error.
  // defaultRSS 2 reads an unversioned <rss> (common, and invalid) as RSS 2.0.
  const parser = new TolerantParser({ defaultRSS: 2, customFields: { feed: ['dc:language'] } });
  return parser.parseString(xml);
}

/** Options for {@link parseXmlFeed}. */
export interface XmlFeedOptions {
  /** URL the document came from; relative links are resolved against it. */
  baseUrl?: string;
}

/**
 * Parses RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 or Atom text into a {@link ParsedFeed}.
 * Tolerates junk before the first `<`, a DOCTYPE, bare `&` and HTML entities; one bad item or
 * date drops only that item or date.
 *
 * @throws KabarError `not-a-feed` (an HTML page, another XML document) or `parse-error`
 *   (XML broken beyond repair).
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
  const format = root.name === 'feed' ? 'atom' : root.name === 'rss' || root.name === 'rdf:RDF' ? 'rss' : undefined;
  if (format === undefined) {
    throw feedError('not-a-feed', `the document is an XML <${root.name}>, not an RSS, RDF or Atom feed`);
  }
  // rss-parser throws a TypeError on a well-formed <rss> without <channel>: that is just an empty feed.
  if (format === 'rss' && !/<channel[\s>/]/.test(xml)) return { format, items: [] };
  const output = await parseTolerantly(xml);
  return toParsedFeed(output, format, root, options.baseUrl);
}

async function parseTolerantly(xml: string): Promise<ParserOutput> {
  try {
    return await runParser(xml);
  } catch (error) {
    if (!isXmlSyntaxError(error)) throw classify(error);
    const repaired = repairXml(xml);
    if (repaired === xml) throw classify(error);
    try {
      return await runParser(repaired);
    } catch (again) {
      throw classify(again);
    }
  }
}

function isXmlSyntaxError(error: unknown): boolean {
  return error instanceof Error && !(error instanceof TypeError) && !/^Feed not recognized/.test(error.message);
}

function classify(error: unknown): Error {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (/^Feed not recognized/.test(message)) {
    return feedError('not-a-feed', 'the XML is not an RSS, RDF or Atom feed', { cause: error });
  }
  if (error instanceof TypeError) {
    return feedError('parse-error', `the feed's structure is broken (${message}); the publisher must fix it`, { cause: error });
  }
  return feedError('parse-error', `the feed is not well-formed XML (${message}); the publisher must fix it`, {
    cause: error,
  });
}

function toParsedFeed(output: ParserOutput, format: 'rss' | 'atom', root: RootElement, baseUrl: string | undefined): ParsedFeed {
  const xmlBase = attributeOf(root.startTag, 'xml:base');
  const base =
    resolveHttpLink(xmlBase, baseUrl) ?? baseUrl ?? resolveHttpLink(textOf(output.link), undefined);
  const items: FeedItem[] = [];
  for (const item of output.items) {
    try {
      const mapped = format === 'atom' ? atomItem(item, base) : rssItem(item, base);
      if (mapped !== undefined) items.push(mapped);
    } catch {
      // One malformed item never costs the others.
    }
  }
  const feed: ParsedFeed = { format, items };
  const title = titleOf(output.title);
  if (title !== undefined) feed.title = title;
  const language =
    format === 'atom'
      ? nonBlank(attributeOf(root.startTag, 'xml:lang'))
      : nonBlank(textOf(output.language)) ?? nonBlank(textOf(output['dc:language']));
  if (language !== undefined) feed.language = language;
  const ttl = format === 'rss' ? positiveInteger(textOf(output.ttl)) : undefined;
  if (ttl !== undefined) feed.ttlMinutes = ttl;
  return feed;
}

function rssItem(item: ParserItem, base: string | undefined): FeedItem | undefined {
  const raw = item[RAW] ?? {};
  const guidNode = first(raw.guid);
  const guidText = nonBlank(textOf(item.guid)) ?? nonBlank(textOf(guidNode));
  const isPermaLink = attribute(guidNode, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  const link =
    resolveHttpLink(textOf(item.link) ?? hrefOf(first(raw.link)), base) ??
    (isPermaLink ? resolveHttpLink(guidText, undefined) : undefined);
  return buildFeedItem({
    // RSS 1.0 has no <guid>; its identifier is the item's rdf:about.
    guid: guidText ?? nonBlank(attribute(raw, 'rdf:about')),
    atomId: undefined,
    link,
    title: titleOf(item.title) ?? titleOf(first(raw.title)) ?? titleOf(first(raw['dc:title'])),
    // rss-parser puts <description> in `content` and <content:encoded> in `content:encoded`.
    summary: nonBlank(item.content),
    content: nonBlank(item['content:encoded']),
    publishedAt: parseFeedDate(textOf(first(raw.pubDate))) ?? parseFeedDate(textOf(first(raw['dc:date']))),
    language: nonBlank(textOf(first(raw['dc:language']))) ?? nonBlank(attribute(raw, 'xml:lang')),
  });
}

function atomItem(item: ParserItem, base: string | undefined): FeedItem | undefined {
  const raw = item[RAW] ?? {};
  const entryBase = resolveHttpLink(attribute(raw, 'xml:base'), base) ?? base;
  return buildFeedItem({
    guid: undefined,
    atomId: nonBlank(textOf(item.id)) ?? nonBlank(textOf(first(raw.id))),
    link: resolveHttpLink(atomLink(raw.link) ?? textOf(item.link), entryBase),
    title: titleOf(item.title) ?? titleOf(first(raw.title)),
    summary: nonBlank(item.summary),
    content: nonBlank(item.content),
    publishedAt: parseFeedDate(textOf(first(raw.published))) ?? parseFeedDate(textOf(first(raw.updated))),
    language: nonBlank(attribute(raw, 'xml:lang')),
  });
}

/** The `rel="alternate"` link (or one without `rel`), else the first link with an href. */
function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const withHref = links.filter((link): link is XmlNode => attribute(link, 'href') !== undefined);
  const alternate = withHref.find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
  return attribute(alternate ?? withHref[0], 'href');
}

/** Text of an element: a string, or the `_` of one with attributes. */
function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (isNode(node) && typeof node._ === 'string') return node._;
  return undefined;
}

/** `<link>text</link>` or, in feeds that mix Atom into RSS, `<link href="..."/>`. */
function hrefOf(node: unknown): string | undefined {
  return textOf(node) ?? attribute(node, 'href');
}

/** A title as plain text; XHTML titles (nested elements) are flattened to their text. */
function titleOf(node: unknown): string | undefined {
  const text = textOf(node) ?? (isNode(node) ? deepText(node) : undefined);
  return text === undefined ? undefined : nonBlank(plainText(text));
}

function deepText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(deepText).join(' ');
  if (!isNode(node)) return '';
  // xml2js loses the order of mixed content; leading text first is right for "Text <b>bold</b>".
  const children = Object.entries(node).filter(([key]) => key !== '$' && key !== '_');
  return [node._, ...children.map(([, value]) => value)].map(deepText).join(' ');
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

function attribute(node: unknown, name: string): string | undefined {
  if (!isNode(node) || !isNode(node.$)) return undefined;
  const value = node.$[name];
  return typeof value === 'string' ? value : undefined;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
