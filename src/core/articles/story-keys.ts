/**
 * Keys under which one story, carried by several feeds, collides with itself.
 */
import type { Article } from '../article.js';
import { shortHash } from '../short-hash.js';

// Short titles ("Live updates", "Opinion") are shared by unrelated stories; they get no title key.
const MIN_TITLE_WORDS = 4;
// A trailing " - Outlet" / " | Outlet" longer than this is part of the headline, not a name.
const MAX_OUTLET_WORDS = 5;
const MAX_OUTLET_CHARS = 40;

const SPACED_SEPARATOR = /\s+[-|–—·•]\s+/gu;

/**
 * Normalizes a headline for comparison: drops a trailing outlet name (`… - Reuters`,
 * `… | The National`), decomposes (NFKD) and strips diacritics, lower-cases, turns punctuation
 * into spaces and collapses whitespace.
 *
 * @example
 * ```ts
 * normalizeTitle('Kazakhstan “to join” Abraham Accords | The National'); // "kazakhstan to join abraham accords"
 * ```
 */
export function normalizeTitle(title: string): string {
  let headline = title.trim();
  const separator = [...headline.matchAll(SPACED_SEPARATOR)].pop();
  if (separator !== undefined) {
    const rest = headline.slice(0, separator.index);
    const outlet = headline.slice(separator.index + separator[0].length);
    if (wordCount(outlet) <= MAX_OUTLET_WORDS && outlet.length <= MAX_OUTLET_CHARS && wordCount(rest) >= MIN_TITLE_WORDS - 1) {
      headline = rest;
    }
  }
  return headline
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** Long enough not to be shared by unrelated stories; scripts without spaces count characters. */
function distinctive(normalized: string): boolean {
  return wordCount(normalized) >= MIN_TITLE_WORDS || (!normalized.includes(' ') && [...normalized].length >= 10);
}

/**
 * The keys under which the same story reached through several feeds collides:
 * `url:<hash of the canonical link>` and, for titles of at least four words,
 * `title:<hash of the normalized title>` (see {@link normalizeTitle}; scripts written without
 * spaces need ten characters). Articles that share any
 * key are the same story.
 *
 * @example
 * ```ts
 * storyKeys(article); // ["url:3q2-7wDn…", "title:Yb8uZ0Qm…"]
 * ```
 */
export function storyKeys(article: Pick<Article, 'link' | 'title'>): string[] {
  const keys: string[] = [];
  if (article.link.trim() !== '') keys.push(`url:${shortHash(article.link.trim())}`);
  const title = normalizeTitle(article.title);
  if (distinctive(title)) keys.push(`title:${shortHash(title)}`);
  return keys;
}
