/**
 * Fault, on a real process: `kabar start` on a redis-server of the test's own that becomes a
 * read-only replica, as after a failover (a second server takes a copy, is promoted, and kabar's
 * is demoted to replicate it: real `REPLICAOF`), for 15 s, then is promoted back with
 * `REPLICAOF NO ONE`. What kabar must do is in `support/write-refusal.ts`: stay up, one error
 * line, 503 on /readyz meanwhile, recover by itself, deliver what came meanwhile once, stop
 * cleanly, never print the Redis password. Its own file: it runs beside the out-of-memory one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../../src/adapters/redis/embedded-redis.js';
import { waitFor } from '../integration/support.js';
import { rideOutWriteRefusal } from './support/write-refusal.js';

const REFUSAL_MS = 15_000;

describe('a kabar process while its Redis is a read-only replica', () => {
  it('stays up, logs one error, carries on once promoted again, and stops cleanly', async () => {
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const opened: Array<{ server: RedisServerHandle; admin: Redis; dir: string }> = [];
    // Each in its own directory: a replica writes the copy it receives to disk.
    const start = async (): Promise<{ server: RedisServerHandle; admin: Redis }> => {
      const dir = await mkdtemp(join(tmpdir(), 'kabar-redis-fault-'));
      const server = await startRedisServer({ persistence: 'aof', dataDir: dir });
      const admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
      opened.push({ server, admin, dir });
      // The same password on both, and each may replicate the other.
      await admin.config('SET', 'masterauth', password);
      await admin.config('SET', 'requirepass', password);
      await admin.auth(password);
      return { server, admin };
    };
    const linked = async (replica: Redis): Promise<boolean> => (await replica.info('replication')).includes('master_link_status:up');
    try {
      const primary = await start();
      const other = await start();
      const figures = await rideOutWriteRefusal(`redis://:${password}@127.0.0.1:${primary.server.port}`, password, {
        code: 'redis-read-only',
        readyzSays: 'Redis refuses writes: Redis is a read-only replica',
        async begin() {
          await other.admin.replicaof('127.0.0.1', primary.server.port);
          await waitFor(() => linked(other.admin), 10_000, 'the copy');
          await other.admin.replicaof('NO', 'ONE');
          await primary.admin.replicaof('127.0.0.1', other.server.port);
          await waitFor(() => linked(primary.admin), 10_000, 'the demotion');
        },
        end: () => primary.admin.replicaof('NO', 'ONE'),
        lastsMs: REFUSAL_MS,
      });
      console.info(
        `redis read-only (demoted to a replica) ${REFUSAL_MS / 1000} s under a kabar process: ${figures.loudLines} error line, ${figures.logLines} log lines in all, ` +
          `writable again logged ${(figures.recoveredAfterMs / 1000).toFixed(1)} s after REPLICAOF NO ONE, 1 article delivered once after, exit 0 on SIGTERM`,
      );
    } finally {
      for (const { admin } of opened) admin.disconnect();
      await Promise.all(opened.map(({ server }) => server.stop()));
      await Promise.all(opened.map(({ dir }) => rm(dir, { recursive: true, force: true })));
    }
  }, 150_000);
});
