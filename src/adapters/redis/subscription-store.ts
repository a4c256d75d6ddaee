/**
 * Subscriptions in Redis. Keys: `<prefix>subscriptions` (hash: id -> JSON).
 */
import type { Redis } from 'ioredis';
import type { Subscription, SubscriptionStore } from '../../core/ports.js';

/** Subscriptions under `prefix` (which ends with `:`). */
export function createRedisSubscriptionStore(redis: Redis, prefix: string): SubscriptionStore {
  const key = `${prefix}subscriptions`;
  const parse = (json: string): Subscription => JSON.parse(json) as Subscription;
  return {
    async list() {
      return (await redis.hvals(key)).map(parse).sort((a, b) => a.id.localeCompare(b.id));
    },
    async get(id) {
      const json = await redis.hget(key, id);
      return json === null ? undefined : parse(json);
    },
    async save(subscription) {
      await redis.hset(key, subscription.id, JSON.stringify(subscription));
    },
    async remove(id) {
      return (await redis.hdel(key, id)) === 1;
    },
  };
}
