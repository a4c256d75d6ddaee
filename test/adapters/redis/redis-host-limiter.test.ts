/**
 * The per-host fetch limits in Redis: two limiters on one Redis stand for two worker processes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisHostLimiter } from '../../../src/adapters/redis/redis-host-limiter.js';
import type { HostSlot } from '../../../src/core/host-limiter.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

describe('createRedisHostLimiter', () => {
  let test: TestRedis;
  let now: number;
  const limiter = (concurrency: number, perMinute: number) =>
    createRedisHostLimiter(test.redis, test.prefix, { concurrency, perMinute, leaseMs: 30_000, now: () => now });
  beforeEach(async () => {
    test = await openTestRedis();
    now = 1_000_000;
  });
  afterEach(async () => {
    await test.cleanup();
  });

  const held = (slot: HostSlot): Extract<HostSlot, { ok: true }> => {
    if (!slot.ok) throw new Error(`expected a slot, got a wait of ${slot.waitMs} ms`);
    return slot;
  };

  it('allows N fetches at once per host across processes, and one more once a slot is released', async () => {
    const [a, b] = [limiter(2, 100), limiter(2, 100)];
    const first = held(await a.acquire('news.example'));
    held(await b.acquire('NEWS.example'));
    expect(await a.acquire('news.example')).toEqual({ ok: false, waitMs: 1_000 });
    // Another host is not held up.
    held(await b.acquire('other.example'));
    await first.release();
    held(await b.acquire('news.example'));
  });

  it('allows M fetches per minute per host, and says when the next one may go', async () => {
    const limits = limiter(10, 3);
    for (let i = 0; i < 3; i++) {
      await held(await limits.acquire('news.example')).release();
      now += 10_000;
    }
    // The first started 30 s ago: the next may start 30 s from now.
    expect(await limits.acquire('news.example')).toEqual({ ok: false, waitMs: 30_000 });
    now += 30_000;
    held(await limits.acquire('news.example'));
  });

  it('frees the slot of a worker that died after the lease', async () => {
    const limits = limiter(1, 100);
    held(await limits.acquire('news.example')); // never released
    expect((await limits.acquire('news.example')).ok).toBe(false);
    now += 30_001;
    held(await limits.acquire('news.example'));
  });
});
