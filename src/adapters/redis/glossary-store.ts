/**
 * Moderators' glossary overrides in Redis.
 *
 * Keys, under `prefix` (which must end with `:` and, on a Redis Cluster, contain a hash tag such as
 * `{kabar}:`, because one write touches both kinds of key atomically):
 *
 * | Key | Type | Holds |
 * |---|---|---|
 * | `<prefix>glossary:<language>` | hash | source term -> JSON {@link GlossaryOverride} (without `source`) |
 * | `<prefix>glossary:languages` | set | every language holding at least one override |
 */
import type { Redis } from 'ioredis';
import { KabarError } from '../../core/errors.js';
import { MAX_GLOSSARY_ENTRIES, type GlossaryOverride, type GlossaryStore } from '../../core/translation/glossary-store.js';

/**
 * Writes one override unless the language is full, so two moderators adding at once cannot pass
 * the cap between them.
 * KEYS[1] = the language's hash, KEYS[2] = the languages set.
 * ARGV[1] = language, ARGV[2] = source term, ARGV[3] = JSON, ARGV[4] = most overrides per language.
 * Returns 1 when written, 0 when full.
 */
const PUT_OVERRIDE = `
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

/**
 * Drops one override, and the language from the set once it has none left (a concurrent put then
 * either lands before and keeps the hash, or after and adds the language back).
 * KEYS[1] = the language's hash, KEYS[2] = the languages set. ARGV[1] = language, ARGV[2] = source term.
 * Returns 1 when an override was dropped, 0 when there was none.
 */
const CLEAR_OVERRIDE = `
local removed = redis.call('HDEL', KEYS[1], ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[2], ARGV[1])
end
return removed
`;

/**
 * A {@link GlossaryStore} in Redis under `prefix`, holding at most `maxPerLanguage` overrides per
 * language.
 *
 * @example
 * ```ts
 * const glossaries = createRedisGlossaryStore(redis, '{kabar}:');
 * await glossaries.overrides('id');
 * ```
 */
export function createRedisGlossaryStore(redis: Redis, prefix: string, maxPerLanguage = MAX_GLOSSARY_ENTRIES): GlossaryStore {
  const languageKey = (language: string): string => `${prefix}glossary:${language}`;
  // `languages` is not a language code (those are 2–3 letters), so it cannot collide with one.
  const languagesKey = `${prefix}glossary:languages`;

  return {
    async overrides(language) {
      const hash = await redis.hgetall(languageKey(language));
      return Object.entries(hash)
        .map(([source, json]) => parseOverride(language, source, json))
        .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    },
    async put(language, override) {
      const written = await redis.eval(
        PUT_OVERRIDE,
        2,
        languageKey(language),
        languagesKey,
        language,
        override.source,
        JSON.stringify(storedFields(override)),
        maxPerLanguage,
      );
      return written === 1 ? 'written' : 'full';
    },
    async clear(language, source) {
      return (await redis.eval(CLEAR_OVERRIDE, 2, languageKey(language), languagesKey, language, source)) === 1;
    },
    async languages() {
      return (await redis.smembers(languagesKey)).sort();
    },
  };
}

/** Field by field, so nothing but an override's own fields is ever stored; the source is the hash field. */
function storedFields(override: GlossaryOverride): Record<string, unknown> {
  const stamp = { author: override.author, at: override.at };
  return override.kind === 'term' ? { kind: 'term', target: override.target, ...stamp } : { kind: 'removed', ...stamp };
}

/** Reads a stored override, refusing anything else (a hand edit or a bug, not a retry case). */
function parseOverride(language: string, source: string, json: string): GlossaryOverride {
  const corrupt = (why: string, cause?: unknown): KabarError =>
    new KabarError(
      'permanent',
      `The ${language} glossary entry "${source}" is corrupt in Redis (${why}) — set or remove it again with kabar glossary.`,
      { code: 'corrupt-glossary', ...(cause === undefined ? {} : { cause }) },
    );
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw corrupt('not JSON', error);
  }
  if (typeof raw !== 'object' || raw === null) throw corrupt('not an object');
  const { kind, target, author, at } = raw as Record<string, unknown>;
  if (typeof author !== 'string' || typeof at !== 'number') throw corrupt('no author or time');
  if (kind === 'removed') return { kind, source, author, at };
  if (kind === 'term' && typeof target === 'string') return { kind, source, target, author, at };
  throw corrupt('neither a term nor a removal');
}
