import { createHash } from 'node:crypto';
import type { FeedItem } from '../../core/feed.js';

/** The fields of a {@link FeedItem}, each possibly missing. */
export type FeedItemFields = { [K in keyof FeedItem]-?: FeedItem[K] | undefined };

/**
 * Builds a {@link FeedItem} from fields that may be `undefined` (which `exactOptionalPropertyTypes`
 * forbids in the item itself). Returns `undefined` for an item with nothing to identify or show
 * (no id, link, title or text), such as the empty `<item />` some generators emit. An item with
 * text but no id, link or title (RSS allows an item that is only a `<description>`) is still
 * news: its guid is derived from its text, `content-sha256-…`, the same on every poll.
 */
export function buildFeedItem(fields: FeedItemFields): FeedItem | undefined {
  const item: FeedItem = {};
  const anonymous = fields.guid === undefined && fields.atomId === undefined && fields.link === undefined && fields.title === undefined;
  if (fields.guid !== undefined) item.guid = fields.guid;
  else if (anonymous && (fields.summary !== undefined || fields.content !== undefined)) {
    item.guid = `content-sha256-${createHash('sha256').update(`${fields.summary ?? ''}\n${fields.content ?? ''}`).digest('hex').slice(0, 32)}`;
  }
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

/**
 * A language tag in BCP 47 form as feeds almost write it: `en_US` and `EN-us` become `en-US`,
 * `zh_hant_tw` becomes `zh-Hant-TW`. A value that is not tag-shaped (`English`) is kept as written
 * for the core to read (see `normalizeLanguageTag`); blank gives `undefined`.
 *
 * @example
 * ```ts
 * languageTag(' en_US '); // 'en-US'
 * ```
 */
export function languageTag(value: unknown): string | undefined {
  const tag = nonBlank(value);
  if (tag === undefined || !/^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag)) return tag;
  return tag
    .split(/[-_]/)
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (/^[A-Za-z]{2}$|^\d{3}$/.test(part)) return part.toUpperCase();
      if (/^[A-Za-z]{4}$/.test(part)) return `${part.charAt(0).toUpperCase()}${part.slice(1).toLowerCase()}`;
      return part.toLowerCase();
    })
    .join('-');
}
