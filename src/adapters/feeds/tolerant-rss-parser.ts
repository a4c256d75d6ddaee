import Parser from 'rss-parser';
import type { Xml2jsNode } from './xml2js-shape.js';

/** Where the raw xml2js node of an item is kept next to rss-parser's fields. */
const RAW: unique symbol = Symbol('kabar.feeds.rawItem');

/** One item as rss-parser builds it, plus its raw node. */
export type ParserItem = { [field: string]: unknown; [RAW]?: unknown };

/** What rss-parser returns: feed fields and items. */
export type ParserOutput = ParserItem & Parser.Output<ParserItem>;

/** rss-parser's per-item builders. Not in its type definitions, but stable since 3.0. */
interface ItemBuilders {
  parseItemRss(xmlItem: Xml2jsNode, itemFields: unknown): ParserItem;
  parseItemAtom(entry: Xml2jsNode): ParserItem;
}
const builders = Parser.prototype as unknown as ItemBuilders;

/**
 * rss-parser, made tolerant per item. Out of the box one Atom entry with an unparseable date makes
 * `parseString` reject the whole feed (it calls `toISOString()` on an Invalid Date); here such an
 * entry is rebuilt without its dates, and an item that still fails keeps only its raw node. Each
 * item carries its raw node (see {@link rawNodeOf}), which leads back to the item's element in the
 * order-preserving tree.
 *
 * If a future rss-parser renames these builders the overrides are simply not called: parsing keeps
 * working, only that tolerance is lost (the "bad Atom date" test would catch it).
 */
class TolerantParser extends Parser<ParserItem, ParserItem> {
  parseItemRss(xmlItem: Xml2jsNode, itemFields: unknown): ParserItem {
    return withRaw(xmlItem, () => builders.parseItemRss.call(this, xmlItem, itemFields));
  }

  parseItemAtom(entry: Xml2jsNode): ParserItem {
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

function withRaw(raw: Xml2jsNode, ...attempts: Array<() => ParserItem>): ParserItem {
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

/**
 * Runs rss-parser over a document already parsed into xml2js shape (see `toXml2js`): its XML
 * layer is handed the result instead of parsing the text again. rss-parser still decides whether
 * the document is a feed it knows and builds its feed and items from it.
 *
 * @throws Error `Feed not recognized...` for XML that is not RSS or Atom; TypeError for a feed whose
 *   structure rss-parser cannot walk.
 */
export function runRssParser(document: Xml2jsNode): Promise<ParserOutput> {
  // defaultRSS 2 reads an unversioned <rss> (common, and invalid) as RSS 2.0.
  const parser = new TolerantParser({ defaultRSS: 2 });
  const preparsed = {
    parseString(_xml: string, done: (error: Error | null, result: Xml2jsNode) => void): void {
      done(null, document);
    },
  };
  (parser as unknown as { xmlParser: typeof preparsed }).xmlParser = preparsed;
  return parser.parseString('');
}

/** The xml2js node an item rss-parser built came from. */
export function rawNodeOf(item: ParserItem): unknown {
  return item[RAW];
}
