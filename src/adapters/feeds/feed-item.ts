import type { FeedItem } from '../../core/feed.js';

/** The fields of a {@link FeedItem}, each possibly missing. */
export type FeedItemFields = { [K in keyof FeedItem]-?: FeedItem[K] | undefined };

/**
 * Builds a {@link FeedItem} from fields that may be `undefined` (which `exactOptionalPropertyTypes`
 * forbids in the item itself). Returns `undefined` for an item with nothing to identify or show
 * (no id, link, title or text), such as the empty `<item />` some generators emit.
 */
export function buildFeedItem(fields: FeedItemFields): FeedItem | undefined {
  const item: FeedItem = {};
  if (fields.guid !== undefined) item.guid = fields.guid;
  if (fields.atomId !== undefined) item.atomId = fields.atomId;
  if (fields.link !== undefined) item.link = fields.link;
  if (fields.title !== undefined) item.title = fields.title;
  if (fields.summary !== undefined) item.summary = fields.summary;
  if (fields.content !== undefined) item.content = fields.content;
  if (fields.publishedAt !== undefined) item.publishedAt = fields.publishedAt;
  if (fields.language !== undefined) item.language = fields.language;
  const meaningful = item.guid ?? item.atomId ?? item.link ?? item.title ?? item.summary ?? item.content;
  return meaningful === undefined ? undefined : item;
}

/**
 * Resolves a feed link against `base` and keeps it only if it is http(s): a `javascript:` or
 * `data:` link must never reach a chat message. Returns `undefined` when it cannot be made absolute.
 *
 * @example
 * ```ts
 * resolveHttpLink('/news/1', 'https://example.com/feed'); // 'https://example.com/news/1'
 * resolveHttpLink('javascript:alert(1)', undefined); // undefined
 * ```
 */
export function resolveHttpLink(href: string | undefined, base: string | undefined): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** A trimmed string, or `undefined` for anything else and for blank strings. */
export function nonBlank(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A positive whole number from a string or number (`<ttl>60</ttl>`), else `undefined`. */
export function positiveInteger(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : nonBlank(value);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const number = Number(text);
  return number > 0 && Number.isSafeInteger(number) ? number : undefined;
}
