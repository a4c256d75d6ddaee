/**
 * Per-test Redis access: a connection to the run's `redis-server` and a key prefix of its own,
 * with everything under that prefix deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** A connection plus a fresh prefix such as `{t-3f2a...}:`. */
export interface TestRedis {
  redis: Redis;
  url: string;
  /** Hash-tagged, so multi-key scripts stay on one slot as in production. */
  prefix: string;
  /** Deletes the prefix's keys and closes the connection. */
  cleanup(): Promise<void>;
}

/** Opens a connection to the test redis-server with a new key prefix. */
export async function openTestRedis(): Promise<TestRedis> {
  const url = inject('redisUrl');
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  await redis.connect();
  const prefix = `{t-${randomUUID().slice(0, 8)}}:`;
  return {
    redis,
    url,
    prefix,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
