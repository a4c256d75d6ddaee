/**
 * Fault, on a real process: `kabar start` on a redis-server of the test's own, which runs out of
 * memory (`maxmemory` 1 byte under `noeviction`) for 20 s. What kabar must do is in
 * `support/write-refusal.ts`: stay up, one error line, 503 on /readyz meanwhile, recover by itself,
 * deliver what came meanwhile once, stop cleanly, never print the Redis password.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { startRedisServer } from '../../src/adapters/redis/embedded-redis.js';
import { rideOutWriteRefusal } from './support/write-refusal.js';

const REFUSAL_MS = 20_000;

describe('a kabar process while Redis is out of memory', () => {
  it('stays up, logs one error, delivers what came meanwhile once, and stops cleanly', async () => {
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const server = await startRedisServer({ persistence: 'none' });
    const admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
    try {
      await admin.config('SET', 'requirepass', password);
      await admin.auth(password);
      const figures = await rideOutWriteRefusal(`redis://:${password}@127.0.0.1:${server.port}`, password, {
        code: 'redis-oom',
        readyzSays: 'Redis refuses writes: Redis is out of memory',
        begin: () => admin.config('SET', 'maxmemory', '1'),
        end: () => admin.config('SET', 'maxmemory', '0'),
        lastsMs: REFUSAL_MS,
      });
      console.info(
        `redis out of memory ${REFUSAL_MS / 1000} s under a kabar process: ${figures.loudLines} error line, ${figures.logLines} log lines in all, ` +
          `writable again logged ${(figures.recoveredAfterMs / 1000).toFixed(1)} s after the fix, 1 article delivered once after, exit 0 on SIGTERM`,
      );
    } finally {
      admin.disconnect();
      await server.stop();
    }
  }, 120_000);
});
