import type { FeedItem, ParsedFeed } from '../../core/feed.js';
import { feedError } from './feed-errors.js';
import { buildFeedItem, languageTag, nonBlank, resolveHttpLink } from './feed-item.js';
import { looseTitleText, textAsHtml, titleAsHtml } from './field-html.js';
import { parseFeedDate } from './parse-date.js';

type JsonObject = { [key: string]: unknown };

/** Options for {@link parseJsonFeed}. */
export interface JsonFeedOptions {
  /** URL the document came from; relative item URLs are resolved against it. */
  baseUrl?: string;
  /** The language the server declared (`Content-Language`), used when the feed declares none. */
  language?: string;
}

/**
 * Parses a JSON Feed (https://jsonfeed.org, versions 1 and 1.1), which rss-parser does not read.
 * Items that are not objects, or carry nothing usable, are skipped; a bad date is dropped.
 *
 * @throws KabarError `parse-error` for invalid JSON, `not-a-feed` for JSON that is not a JSON Feed.
 * @example
 * ```ts
 * const feed = parseJsonFeed('{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[]}');
 * feed.format; // 'json-feed'
 * ```
 */
export function parseJsonFeed(text: string, options: JsonFeedOptions = {}): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw feedError('parse-error', `the feed is not valid JSON (${reason}); the publisher must fix it`, { cause });
  }
  if (!isObject(document) || typeof document.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/.test(document.version)) {
    throw feedError('not-a-feed', 'got a JSON document that is not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")');
  }
  const base =
    options.baseUrl ?? resolveHttpLink(nonBlank(document.feed_url), undefined) ?? resolveHttpLink(nonBlank(document.home_page_url), undefined);
  const items: FeedItem[] = [];
  for (const entry of Array.isArray(document.items) ? document.items : []) {
    if (!isObject(entry)) continue;
    const item = jsonItem(entry, base);
    if (item !== undefined) items.push(item);
  }
  const feed: ParsedFeed = { format: 'json-feed', items };
  const title = nonBlank(document.title);
  const titleString = title === undefined ? undefined : looseTitleText(title);
  if (titleString !== undefined) feed.title = titleString;
  const language = languageTag(document.language) ?? languageTag(options.language?.split(',')[0]);
  if (language !== undefined) feed.language = language;
  return feed;
}

function jsonItem(entry: JsonObject, base: string | undefined): FeedItem | undefined {
  const id = typeof entry.id === 'number' && Number.isFinite(entry.id) ? String(entry.id) : nonBlank(entry.id);
  const title = nonBlank(entry.title);
  return buildFeedItem({
    guid: id,
    atomId: undefined,
    link: resolveHttpLink(nonBlank(entry.url), base) ?? resolveHttpLink(nonBlank(entry.external_url), base),
    title: title === undefined ? undefined : titleAsHtml(looseTitleText(title)),
    // JSON Feed's summary is "plain text" that feeds fill with HTML as often as not; content_text
    // is plain text, so `<blink>` there is text, escaped for the core's HTML reading.
    summary: nonBlank(entry.summary),
    content: nonBlank(entry.content_html) ?? mapDefined(nonBlank(entry.content_text), textAsHtml),
    publishedAt: parseFeedDate(entry.date_published) ?? parseFeedDate(entry.date_modified),
    language: languageTag(entry.language),
  });
}

function mapDefined(text: string | undefined, toHtml: (text: string) => string): string | undefined {
  return text === undefined ? undefined : toHtml(text);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
