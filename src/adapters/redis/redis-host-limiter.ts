/**
 * The {@link HostLimiter} in Redis, so that the limits bind every worker process together.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HostLimiter } from '../../core/host-limiter.js';

/**
 * KEYS[1] a sorted set of the fetches running now (member: token, score: lease end)
 * KEYS[2] a sorted set of the fetches started in the last minute (member: token, score: start)
 * ARGV[1] now (ms), ARGV[2] token, ARGV[3] concurrency, ARGV[4] per minute, ARGV[5] lease (ms),
 * ARGV[6] how long to wait when every concurrent slot is taken (ms)
 * Returns {1, 0} with the slot taken, or {0, wait ms}.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return {0, tonumber(ARGV[6])}
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(oldest[2]) + 60000 - now)}
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[2])
redis.call('ZADD', KEYS[2], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('PEXPIRE', KEYS[2], 60000)
return {1, 0}
`;

/** Limits. */
export interface HostLimits {
  /** Fetches at once per host. */
  concurrency: number;
  /** Fetches started per host in any 60 s. */
  perMinute: number;
  /** After this a slot frees itself (its holder died): longer than a fetch may take. */
  leaseMs: number;
  /** The wait reported when every concurrent slot is taken (default 1 s; the scheduler's tick decides when it is polled again). */
  busyWaitMs?: number;
  now?: () => number;
}

/** Creates the limiter under `prefix` (e.g. `{kabar}:`). */
export function createRedisHostLimiter(redis: Redis, prefix: string, limits: HostLimits): HostLimiter {
  const now = limits.now ?? Date.now;
  return {
    async acquire(host) {
      const name = host.toLowerCase();
      const running = `${prefix}fetch-host:${name}:running`;
      const token = randomUUID();
      const [ok, waitMs] = (await redis.eval(
        ACQUIRE,
        2,
        running,
        `${prefix}fetch-host:${name}:started`,
        now(),
        token,
        limits.concurrency,
        limits.perMinute,
        limits.leaseMs,
        limits.busyWaitMs ?? 1_000,
      )) as [number, number];
      if (ok !== 1) return { ok: false, waitMs };
      return {
        ok: true,
        release: async () => {
          await redis.zrem(running, token);
        },
      };
    },
  };
}
