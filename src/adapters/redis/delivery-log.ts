/**
 * Durable "sent" records and short-lived claims: a retried or duplicated delivery job checks here
 * before posting.
 * Keys: `<prefix>sent:<article id>:<subscription id>` -> time sent, kept 30 days;
 * `<prefix>sending:<article id>:<subscription id>` -> the claiming attempt's token, expiring after its TTL;
 * `<prefix>parts:<article id>:<subscription id>` -> how many parts of a split brief went out, kept like the sent record;
 * `<prefix>part-sending:<article id>:<subscription id>` -> the part being posted, until it is recorded;
 * `<prefix>last-sent:<subscription id>` -> `<article id> <time sent>` of its latest delivery.
 */
import type { Redis } from 'ioredis';
import type { DeliveryClaim, DeliveryLog } from '../../core/ports.js';

/**
 * Claims a delivery unless it was sent or is being sent.
 * KEYS[1] = sent record, KEYS[2] = claim. ARGV[1] = token, ARGV[2] = claim TTL (ms).
 * Returns 'already-sent', 'in-progress' or 'claimed'.
 */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'already-sent' end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', tonumber(ARGV[2])) then return 'claimed' end
return 'in-progress'
`;

/**
 * Deletes a claim only if the given token holds it: a worker whose claim expired must not delete
 * the claim another worker took since.
 * KEYS[1] = claim. ARGV[1] = token.
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Extends a claim only if the given token holds it.
 * KEYS[1] = claim. ARGV[1] = token, ARGV[2] = new TTL (ms).
 */
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) end
return 0
`;

/**
 * Records a send and drops the claim if the token still holds it.
 * KEYS[1] = sent record, KEYS[2] = claim, KEYS[3] = the subscription's last delivery.
 * ARGV[1] = time sent, ARGV[2] = TTL of the records (s), ARGV[3] = token, ARGV[4] = article id.
 */
const MARK_SENT = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
redis.call('SET', KEYS[3], ARGV[4] .. ' ' .. ARGV[1], 'EX', tonumber(ARGV[2]))
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
`;

/** Delivery records under `prefix` (which ends with `:`). */
export function createRedisDeliveryLog(redis: Redis, prefix: string, ttlSeconds = 30 * 24 * 3600): DeliveryLog {
  const sentKey = (articleId: string, subscriptionId: string): string => `${prefix}sent:${articleId}:${subscriptionId}`;
  const claimKey = (articleId: string, subscriptionId: string): string => `${prefix}sending:${articleId}:${subscriptionId}`;
  const partsKey = (articleId: string, subscriptionId: string): string => `${prefix}parts:${articleId}:${subscriptionId}`;
  const sendingKey = (articleId: string, subscriptionId: string): string => `${prefix}part-sending:${articleId}:${subscriptionId}`;
  return {
    async claim(articleId, subscriptionId, token, ttlMs) {
      const keys = [sentKey(articleId, subscriptionId), claimKey(articleId, subscriptionId)];
      return (await redis.eval(CLAIM, 2, ...keys, token, Math.max(1, Math.round(ttlMs)))) as DeliveryClaim;
    },
    async extendClaim(articleId, subscriptionId, token, ttlMs) {
      return (await redis.eval(EXTEND, 1, claimKey(articleId, subscriptionId), token, Math.max(1, Math.round(ttlMs)))) === 1;
    },
    async release(articleId, subscriptionId, token) {
      await redis.eval(RELEASE, 1, claimKey(articleId, subscriptionId), token);
    },
    async wasSent(articleId, subscriptionId) {
      return (await redis.exists(sentKey(articleId, subscriptionId))) === 1;
    },
    async markSent(articleId, subscriptionId, at, token) {
      const keys = [sentKey(articleId, subscriptionId), claimKey(articleId, subscriptionId), `${prefix}last-sent:${subscriptionId}`];
      await redis.eval(MARK_SENT, 3, ...keys, String(at), ttlSeconds, token, articleId);
    },
    async lastSent(subscriptionId) {
      const value = await redis.get(`${prefix}last-sent:${subscriptionId}`);
      const [articleId, at] = value?.split(' ') ?? [];
      return articleId === undefined || at === undefined ? undefined : { articleId, at: Number(at) };
    },
    async partsSent(articleId, subscriptionId) {
      return Number((await redis.get(partsKey(articleId, subscriptionId))) ?? 0);
    },
    async markPartSending(articleId, subscriptionId, index) {
      await redis.set(sendingKey(articleId, subscriptionId), String(index), 'EX', ttlSeconds);
    },
    async partSending(articleId, subscriptionId) {
      const value = await redis.get(sendingKey(articleId, subscriptionId));
      return value === null ? undefined : Number(value);
    },
    async clearPartSending(articleId, subscriptionId) {
      await redis.del(sendingKey(articleId, subscriptionId));
    },
    async markPartSent(articleId, subscriptionId, index) {
      await redis
        .multi()
        .set(partsKey(articleId, subscriptionId), String(index + 1), 'EX', ttlSeconds)
        .del(sendingKey(articleId, subscriptionId))
        .exec();
    },
  };
}
