/**
 * Translations in Redis, so each text is paid for once per target language.
 * Keys: `<prefix>translation:<key>` (JSON array of strings), expiring after 30 days.
 */
import type { Redis } from 'ioredis';
import type { TranslationCache } from '../../core/ports.js';

/** Cached translations under `prefix` (which ends with `:`). */
export function createRedisTranslationCache(redis: Redis, prefix: string, ttlSeconds = 30 * 24 * 3600): TranslationCache {
  const key = (cacheKey: string): string => `${prefix}translation:${cacheKey}`;
  return {
    async get(cacheKey) {
      const json = await redis.get(key(cacheKey));
      return json === null ? undefined : (JSON.parse(json) as string[]);
    },
    async set(cacheKey, texts) {
      await redis.set(key(cacheKey), JSON.stringify(texts), 'EX', ttlSeconds);
    },
  };
}
