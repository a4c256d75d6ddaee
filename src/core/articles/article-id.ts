/**
 * Article ids: stable, fixed-length, and safe wherever kabar uses them (Redis keys, BullMQ job ids,
 * which may not contain `:`).
 */
import { SHORT_HASH_LENGTH, shortHash } from '../short-hash.js';

/** Length of every article id: `a` followed by {@link SHORT_HASH_LENGTH} base64url characters. */
export const ARTICLE_ID_LENGTH = 1 + SHORT_HASH_LENGTH;

/**
 * The article id for a source key (see {@link articleSourceKey}): `a` + a short base64url
 * SHA-256 of the key. The leading letter keeps ids from starting with `-`, which command-line
 * tools would read as an option.
 *
 * @example
 * ```ts
 * articleIdFor('id:https://example.com/?p=1'); // "a" + 22 characters from [A-Za-z0-9_-]
 * ```
 */
export function articleIdFor(sourceKey: string): string {
  return `a${shortHash(sourceKey)}`;
}

/** What an item offers to identify itself with. */
export interface IdentityParts {
  /** RSS guid or JSON Feed id. */
  guid?: string;
  /** Atom id. */
  atomId?: string;
  /** Canonical link. */
  link?: string;
  title: string;
  publishedAt?: number;
}

/**
 * The key an article id is derived from: the guid, else the Atom id, else the canonical link,
 * else title + date. Identifiers that are URIs (`http:`, `urn:`, `tag:`) are global and used as
 * they are, so the same story in two feeds of one site gets one id; bare identifiers such as
 * WordPress post numbers are only unique within a site, so they are scoped to the feed's host.
 * Returns undefined when the item offers nothing to go by.
 */
export function articleSourceKey(parts: IdentityParts, feedUrl: string): string | undefined {
  const scope = hostOf(feedUrl);
  const identifier = nonEmpty(parts.guid) ?? nonEmpty(parts.atomId);
  if (identifier !== undefined) {
    return /^[a-z][a-z0-9+.-]*:\S/i.test(identifier) ? `id:${identifier}` : `id:${scope}/${identifier}`;
  }
  const link = nonEmpty(parts.link);
  if (link !== undefined) return `link:${link}`;
  const title = nonEmpty(parts.title);
  if (title === undefined) return undefined;
  return `title:${scope}/${title}\n${parts.publishedAt ?? ''}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
