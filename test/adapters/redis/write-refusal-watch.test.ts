/**
 * Telling Redis's write refusals (out of memory, read-only replica, failed snapshot) from other
 * errors, by the replies Redis 7 sends; and the watch that reports an episode once and finds its
 * end with a probe write (on a stand-in connection whose writes the test refuses or lets through:
 * the fault suite does it on real redis-servers).
 */
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { watchWriteRefusals, writeRefusalOf } from '../../../src/adapters/redis/write-refusal-watch.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';
import { waitFor } from '../../integration/support.js';

const OOM = "OOM command not allowed when used memory > 'maxmemory'.";

describe('writeRefusalOf', () => {
  it.each([
    ["OOM command not allowed when used memory > 'maxmemory'. script: d96c, on @user_script:217.", 'redis-oom'],
    ["READONLY You can't write against a read only replica.", 'redis-read-only'],
    ['UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)', 'redis-read-only'],
    ['MISCONF Redis is configured to save RDB snapshots, but it\'s currently unable to persist to disk.', 'redis-misconf'],
  ])('names %s', (message, code) => {
    expect(writeRefusalOf(new Error(message))).toMatchObject({ code, advice: expect.any(String) });
  });

  it.each(['Connection is closed.', 'connect ECONNREFUSED 127.0.0.1:6379', 'ERR unknown command', 'Missing lock for job 12. moveToFinished'])(
    'leaves other errors alone: %s',
    (message) => {
      expect(writeRefusalOf(new Error(message))).toBeUndefined();
    },
  );
});

describe('watchWriteRefusals', () => {
  const standIn = () => {
    const connection = {
      status: 'ready',
      refusing: true,
      probes: 0,
      async set(): Promise<'OK'> {
        connection.probes += 1;
        if (connection.refusing) throw new Error(OOM);
        return 'OK';
      },
    };
    return connection;
  };

  it('reports an episode once, however many errors, and its end once, then restores', async () => {
    const connection = standIn();
    const log = createRecordingLogger();
    let restored = 0;
    const watch = watchWriteRefusals(connection as unknown as Redis, log, {
      probeKey: 'probe',
      probeEveryMs: 5,
      onWritable: async () => {
        restored += 1;
      },
    });
    try {
      expect(watch.refusal()).toBeUndefined();
      for (let index = 0; index < 100; index++) expect(watch.noticed(new Error(OOM))).toBe(true);
      expect(watch.noticed(new Error('Connection is closed.'))).toBe(false);
      expect(log.entries.map((entry) => entry.level)).toEqual(['error']);
      expect(log.entries[0]?.fields).toMatchObject({ code: 'redis-oom' });
      expect(watch.refusal()).toMatch(/^Redis refuses writes: Redis is out of memory/);
      await waitFor(() => connection.probes >= 2, 5_000, 'two refused probes');
      expect(log.find('Redis takes writes again')).toEqual([]);

      connection.refusing = false;
      await waitFor(() => restored === 1, 5_000, 'the restore');
      expect(log.find('Redis takes writes again')).toHaveLength(1);
      expect(watch.refusal()).toBeUndefined();

      // A second episode is news again.
      connection.refusing = true;
      expect(watch.noticed(new Error("READONLY You can't write against a read only replica."))).toBe(true);
      expect(log.entries.filter((entry) => entry.level === 'error')).toHaveLength(2);
      expect(log.entries.at(-1)?.fields).toMatchObject({ code: 'redis-read-only' });
    } finally {
      watch.stop();
    }
  });
});
