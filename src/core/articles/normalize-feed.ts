/**
 * From a parsed feed to the {@link Article}s every later step reads.
 */
import type { Article } from '../article.js';
import type { FeedItem, ParsedFeed } from '../feed.js';
import { detectLanguage } from '../text/detect-language.js';
import { htmlToText, titleText } from '../text/html-to-text.js';
import { normalizeLanguageTag } from '../text/language-tag.js';
import { truncateText } from '../text/truncate-text.js';
import { articleIdFor, articleSourceKey } from './article-id.js';
import { canonicalizeUrl } from './canonical-url.js';
import { MAX_ITEMS_PER_FEED, MAX_TEXT_CHARS, MAX_TITLE_CHARS } from './limits.js';

// A title made up from the text (for items that have none) is cut to about this many characters.
const DERIVED_TITLE_CHARS = 140;

interface Draft {
  item: FeedItem;
  title: string;
  link: string;
  sourceKey: string;
}

/**
 * Normalizes every item of `feed` into an {@link Article}:
 *
 * - `id`: from the guid, else the Atom id, else the canonical link, else title + date (see
 *   `articleSourceKey`), hashed to a fixed-length, `:`-free id. When one document repeats a guid,
 *   every item carrying it is told apart by its link and title, the same way on every poll.
 *   Items that are exact repeats of an earlier one are dropped.
 * - `link`: canonical (see {@link canonicalizeUrl}), relative links resolved against `feedUrl`; a
 *   permalink guid stands in for a missing link; empty when there is neither.
 * - `title`, `summary`, `content`: plain text (see {@link htmlToText}), without control or bidi
 *   override characters; a title escaped twice is decoded twice (see {@link titleText}); an
 *   item without a title gets the start of its text. Titles are cut to
 *   {@link MAX_TITLE_CHARS}, summary and content each to {@link MAX_TEXT_CHARS}, at a word,
 *   sentence or paragraph boundary (see {@link truncateText}).
 * - `language`: the item's, else the feed's, else detected from the text; base code only.
 *
 * Only the newest {@link MAX_ITEMS_PER_FEED} items by date are read (undated ones count as
 * oldest, ties go in document order); the articles keep document order. Items with neither a
 * title nor a link are dropped after that, so a document can yield fewer, unless they have an id
 * and text: RSS allows an item that is only a `<description>`, and that is still news.
 *
 * @example
 * ```ts
 * const articles = normalizeFeed(parsed, 'https://www.thenationalnews.com/rss');
 * ```
 */
export function normalizeFeed(feed: ParsedFeed, feedUrl: string): Article[] {
  const feedLanguage = normalizeLanguageTag(feed.language);
  const drafts = newestItems(feed.items, MAX_ITEMS_PER_FEED).flatMap((item) => draftOf(item, feedUrl) ?? []);
  const uses = new Map<string, number>();
  for (const draft of drafts) uses.set(draft.sourceKey, (uses.get(draft.sourceKey) ?? 0) + 1);

  const articles: Article[] = [];
  const ids = new Set<string>();
  for (const draft of drafts) {
    const shared = (uses.get(draft.sourceKey) ?? 0) > 1;
    const id = articleIdFor(shared ? `${draft.sourceKey}\n${draft.link}\n${draft.title}` : draft.sourceKey);
    if (ids.has(id)) continue;
    ids.add(id);
    articles.push(articleOf(draft, id, feedUrl, feedLanguage));
  }
  return articles;
}

/**
 * The `max` items with the latest dates, in document order. Selecting by date, not position, keeps
 * the new items of a feed that lists oldest first.
 */
function newestItems(items: readonly FeedItem[], max: number): readonly FeedItem[] {
  if (items.length <= max) return items;
  const dated = items.map((item, index) => ({ index, date: usableDate(item.publishedAt) ?? -Infinity }));
  dated.sort((a, b) => (a.date === b.date ? a.index - b.index : b.date > a.date ? 1 : -1));
  return dated
    .slice(0, max)
    .map(({ index }) => index)
    .sort((a, b) => a - b)
    .map((index) => items[index] as FeedItem);
}

function usableDate(publishedAt: number | undefined): number | undefined {
  return publishedAt !== undefined && Number.isFinite(publishedAt) ? publishedAt : undefined;
}

function draftOf(item: FeedItem, feedUrl: string): Draft | undefined {
  const title = truncateText(titleText(item.title ?? ''), MAX_TITLE_CHARS);
  const link = canonicalizeUrl(item.link ?? '', feedUrl) ?? permalinkGuid(item.guid) ?? '';
  if (title === '' && link === '' && htmlToText(`${item.summary ?? ''}\n${item.content ?? ''}`) === '') return undefined;
  const parts = {
    title,
    link,
    ...(item.guid === undefined ? {} : { guid: item.guid }),
    ...(item.atomId === undefined ? {} : { atomId: item.atomId }),
    ...(item.publishedAt === undefined ? {} : { publishedAt: item.publishedAt }),
  };
  const sourceKey = articleSourceKey(parts, feedUrl);
  return sourceKey === undefined ? undefined : { item, title, link, sourceKey };
}

/** RSS guids are permalinks by default; one that is an absolute http(s) URL can stand in for a link. */
function permalinkGuid(guid: string | undefined): string | undefined {
  return guid === undefined || !/^https?:\/\//i.test(guid.trim()) ? undefined : canonicalizeUrl(guid);
}

function articleOf(draft: Draft, id: string, feedUrl: string, feedLanguage: string | undefined): Article {
  const { item } = draft;
  const summary = truncateText(htmlToText(item.summary ?? ''), MAX_TEXT_CHARS);
  const content = truncateText(htmlToText(item.content ?? ''), MAX_TEXT_CHARS);
  const title = draft.title === '' ? titleFromText(summary === '' ? content : summary) : draft.title;
  const language =
    normalizeLanguageTag(item.language) ?? feedLanguage ?? detectLanguage(`${title}\n${summary}\n${content}`);
  const publishedAt = usableDate(item.publishedAt);
  return {
    id,
    feedUrl,
    title,
    link: draft.link,
    summary,
    content,
    ...(language === undefined ? {} : { language }),
    ...(publishedAt === undefined ? {} : { publishedAt }),
  };
}

/** The first paragraph of `text`, cut at a word boundary when long: a title for an untitled item. */
function titleFromText(text: string): string {
  const first = text.split('\n')[0] ?? '';
  if (first.length <= DERIVED_TITLE_CHARS) return first;
  let cut = first.lastIndexOf(' ', DERIVED_TITLE_CHARS);
  if (cut <= 0) cut = DERIVED_TITLE_CHARS;
  // Never leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]/.test(first.charAt(cut - 1))) cut--;
  return `${first.slice(0, cut).trimEnd()}…`;
}
