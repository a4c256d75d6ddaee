/**
 * Durable "sent" records: a retried or duplicated delivery job checks here before posting.
 * Keys: `<prefix>sent:<article id>:<subscription id>` -> time sent, kept 30 days.
 */
import type { Redis } from 'ioredis';
import type { DeliveryLog } from '../../core/ports.js';

/** Delivery records under `prefix` (which ends with `:`). */
export function createRedisDeliveryLog(redis: Redis, prefix: string, ttlSeconds = 30 * 24 * 3600): DeliveryLog {
  const key = (articleId: string, subscriptionId: string): string => `${prefix}sent:${articleId}:${subscriptionId}`;
  return {
    async wasSent(articleId, subscriptionId) {
      return (await redis.exists(key(articleId, subscriptionId))) === 1;
    },
    async markSent(articleId, subscriptionId, at) {
      await redis.set(key(articleId, subscriptionId), String(at), 'EX', ttlSeconds);
    },
  };
}
