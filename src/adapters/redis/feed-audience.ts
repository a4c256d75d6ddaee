/**
 * Which subscriptions got briefs from a feed lately. Key: `<prefix>feed-audience:<hash of the
 * feed URL>` (a set of subscription ids), kept 30 days after the feed's last brief.
 */
import type { Redis } from 'ioredis';
import type { FeedAudience } from '../../core/ports.js';
import { shortHash } from '../../core/short-hash.js';

const KEEP_SECONDS = 30 * 24 * 3600;

/** The audience store under `prefix` (which ends with `:`). */
export function createRedisFeedAudience(redis: Redis, prefix: string): FeedAudience {
  const key = (feedUrl: string): string => `${prefix}feed-audience:${shortHash(feedUrl)}`;
  return {
    async add(feedUrl, subscriptionIds) {
      if (subscriptionIds.length === 0) return;
      await redis.multi().sadd(key(feedUrl), ...subscriptionIds).expire(key(feedUrl), KEEP_SECONDS).exec();
    },
    async list(feedUrl) {
      return (await redis.smembers(key(feedUrl))).sort();
    },
  };
}
