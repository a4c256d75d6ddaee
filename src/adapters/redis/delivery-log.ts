/**
 * Durable "sent" records and short-lived claims: a retried or duplicated delivery job checks here
 * before posting.
 * Keys: `<prefix>sent:<article id>:<subscription id>` -> time sent, kept 30 days;
 * `<prefix>sending:<article id>:<subscription id>` -> a claim, expiring after its TTL.
 */
import type { Redis } from 'ioredis';
import type { DeliveryClaim, DeliveryLog } from '../../core/ports.js';

/**
 * Claims a delivery unless it was sent or is being sent.
 * KEYS[1] = sent record, KEYS[2] = claim. ARGV[1] = claim TTL (ms).
 * Returns 'already-sent', 'in-progress' or 'claimed'.
 */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'already-sent' end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', tonumber(ARGV[1])) then return 'claimed' end
return 'in-progress'
`;

/** Delivery records under `prefix` (which ends with `:`). */
export function createRedisDeliveryLog(redis: Redis, prefix: string, ttlSeconds = 30 * 24 * 3600): DeliveryLog {
  const sentKey = (articleId: string, subscriptionId: string): string => `${prefix}sent:${articleId}:${subscriptionId}`;
  const claimKey = (articleId: string, subscriptionId: string): string => `${prefix}sending:${articleId}:${subscriptionId}`;
  return {
    async claim(articleId, subscriptionId, ttlMs) {
      return (await redis.eval(
        CLAIM,
        2,
        sentKey(articleId, subscriptionId),
        claimKey(articleId, subscriptionId),
        Math.max(1, Math.round(ttlMs)),
      )) as DeliveryClaim;
    },
    async release(articleId, subscriptionId) {
      await redis.del(claimKey(articleId, subscriptionId));
    },
    async wasSent(articleId, subscriptionId) {
      return (await redis.exists(sentKey(articleId, subscriptionId))) === 1;
    },
    async markSent(articleId, subscriptionId, at) {
      await redis
        .multi()
        .set(sentKey(articleId, subscriptionId), String(at), 'EX', ttlSeconds)
        .del(claimKey(articleId, subscriptionId))
        .exec();
    },
  };
}
