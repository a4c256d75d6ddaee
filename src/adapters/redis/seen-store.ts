/**
 * Seen article ids in Redis: one small key per id with a TTL, so old ids expire on their own.
 * Keys: `<prefix>seen:<article id>`.
 */
import type { Redis } from 'ioredis';
import type { SeenStore } from '../../core/ports.js';

/** How long an id stays seen: longer than any feed keeps an item. */
export const SEEN_TTL_SECONDS = 90 * 24 * 3600;

/** Seen ids under `prefix` (which ends with `:`). */
export function createRedisSeenStore(redis: Redis, prefix: string, ttlSeconds = SEEN_TTL_SECONDS): SeenStore {
  const key = (id: string): string => `${prefix}seen:${id}`;
  return {
    async unseen(ids) {
      if (ids.length === 0) return [];
      const flags = await redis.mget(ids.map(key));
      return ids.filter((_, index) => flags[index] === null);
    },
    async markSeen(ids) {
      if (ids.length === 0) return;
      const batch = redis.pipeline();
      for (const id of ids) batch.set(key(id), '1', 'EX', ttlSeconds);
      await batch.exec();
    },
  };
}
