/**
 * Telling Redis's write refusals (out of memory, read-only replica, failed snapshot) from other
 * errors, by the replies Redis 7 sends.
 */
import { describe, expect, it } from 'vitest';
import { writeRefusalOf } from '../../../src/adapters/redis/write-refusal-watch.js';

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
