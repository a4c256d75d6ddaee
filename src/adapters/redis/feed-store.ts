/**
 * Feeds and their polling state in Redis.
 *
 * Keys: `<prefix>feeds` (hash: url -> JSON {@link FeedRecord}) and `<prefix>feeds:due`
 * (sorted set: url scored by next check time, the scheduler's to-do list).
 */
import type { Redis } from 'ioredis';
import type { FeedRecord, FeedStore } from '../../core/ports.js';

/**
 * Atomically takes the feeds that are due and leases them.
 * KEYS[1] = due sorted set. ARGV[1] = now (ms), ARGV[2] = lease end (ms), ARGV[3] = limit.
 * Returns the urls taken. Several schedulers may tick at once: each due feed goes to one of them.
 */
const CLAIM_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, url in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], url)
end
return due
`;

/**
 * Adds a feed and schedules it, or does nothing when it is there already: one step, so a feed is
 * never stored without a place in the schedule.
 * KEYS[1] = feeds hash, KEYS[2] = due sorted set. ARGV[1] = url, ARGV[2] = JSON, ARGV[3] = first check (ms).
 * Returns 1 when added, 0 when the feed existed.
 */
const ADD_IF_ABSENT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
`;

/**
 * Saves a feed unless it was removed meanwhile (a poll finishing after `feeds remove` must not
 * bring the feed back).
 * KEYS[1] = feeds hash, KEYS[2] = due sorted set. ARGV[1] = url, ARGV[2] = JSON, ARGV[3] = next check (ms).
 */
const SAVE_IF_PRESENT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
`;

/** Feed state in Redis under `prefix` (which ends with `:`). */
export function createRedisFeedStore(redis: Redis, prefix: string): FeedStore {
  const feedsKey = `${prefix}feeds`;
  const dueKey = `${prefix}feeds:due`;
  const parse = (json: string): FeedRecord => JSON.parse(json) as FeedRecord;

  return {
    async add(record) {
      const added = await redis.eval(ADD_IF_ABSENT, 2, feedsKey, dueKey, record.url, JSON.stringify(record), record.nextCheckAt);
      return added === 1;
    },
    async remove(url) {
      const [[, removed] = []] = (await redis.multi().hdel(feedsKey, url).zrem(dueKey, url).exec()) ?? [];
      return removed === 1;
    },
    async get(url) {
      const json = await redis.hget(feedsKey, url);
      return json === null ? undefined : parse(json);
    },
    async list() {
      const all = await redis.hvals(feedsKey);
      return all.map(parse).sort((a, b) => a.url.localeCompare(b.url));
    },
    async save(record) {
      await redis.eval(SAVE_IF_PRESENT, 2, feedsKey, dueKey, record.url, JSON.stringify(record), record.nextCheckAt);
    },
    async claimDue(now, leaseMs, limit) {
      return (await redis.eval(CLAIM_DUE, 1, dueKey, now, now + leaseMs, limit)) as string[];
    },
  };
}
