/**
 * Relevance answers and their daily counts.
 * Keys: `<prefix>relevance:<articleId>` (hash: topic -> `1` relevant / `0` not), kept as long as
 * an article is remembered as seen (a later poll of it asks nothing); `<prefix>relevance-count:<YYYY-MM-DD>` (hash: outcome
 * -> count), kept 400 days like the usage counters.
 */
import type { Redis } from 'ioredis';
import type { RelevanceLedger, RelevanceOutcome } from '../../core/ports.js';
import { SEEN_TTL_SECONDS } from './seen-store.js';

const COUNT_SECONDS = 400 * 24 * 3600;
const OUTCOMES: readonly RelevanceOutcome[] = ['confirmed', 'rejected', 'cached', 'failed'];

/** A {@link RelevanceLedger} under `prefix` (which ends with `:`). */
export function createRedisRelevanceLedger(redis: Redis, prefix: string): RelevanceLedger {
  const verdictKey = (articleId: string): string => `${prefix}relevance:${articleId}`;
  const countKey = (at: number): string => `${prefix}relevance-count:${new Date(at).toISOString().slice(0, 10)}`;
  return {
    async verdict(articleId, topic) {
      const stored = await redis.hget(verdictKey(articleId), topic);
      return stored === null ? undefined : stored === '1';
    },
    async record(articleId, topic, relevant) {
      const key = verdictKey(articleId);
      await redis.multi().hset(key, topic, relevant ? '1' : '0').expire(key, SEEN_TTL_SECONDS).exec();
    },
    async count(outcome, at) {
      const key = countKey(at);
      await redis.multi().hincrby(key, outcome, 1).expire(key, COUNT_SECONDS).exec();
    },
    async day(at) {
      const raw = await redis.hgetall(countKey(at));
      return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, Number(raw[outcome] ?? 0)])) as Record<RelevanceOutcome, number>;
    },
  };
}
