/**
 * `kabar demo` in-process, for what the command line cannot reach: the deadline. When the
 * pipeline has not finished in time, the demo stops everything it started before failing.
 */
import { createConnection } from 'node:net';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { demoCommand } from '../../src/demo/run-demo.js';
import { openTestRedis } from '../support/redis.js';

function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('kabar demo on a missed deadline', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('on REDIS_URL: stops the pipeline, deletes its throwaway keys, then fails with the deadline', async () => {
    vi.stubEnv('REDIS_URL', inject('redisUrl'));
    const lines: string[] = [];
    await expect(demoCommand((line) => lines.push(line), { deadlineMs: 1 })).rejects.toMatchObject({
      code: 'timeout',
      message: "the demo's pipeline did not finish within 0.001 s; giving up",
    });
    const prefix = /under the throwaway key prefix (\{kabar-demo-[0-9a-f]{8}\})/.exec(lines[0] ?? '')?.[1];
    expect(prefix, lines.join('\n')).toBeDefined();
    const test = await openTestRedis();
    try {
      const left: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await test.redis.scan(cursor, 'MATCH', `${prefix ?? '?'}*`, 'COUNT', 1_000);
        cursor = next;
        left.push(...keys);
      } while (cursor !== '0');
      expect(left).toEqual([]);
    } finally {
      await test.cleanup();
    }
  });

  it('without REDIS_URL: stops its throwaway redis-server before failing', async () => {
    vi.stubEnv('REDIS_URL', undefined);
    const lines: string[] = [];
    await expect(demoCommand((line) => lines.push(line), { deadlineMs: 1 })).rejects.toMatchObject({ code: 'timeout' });
    const port = /a throwaway redis-server on redis:\/\/127\.0\.0\.1:(\d+)/.exec(lines[0] ?? '')?.[1];
    expect(port, lines.join('\n')).toBeDefined();
    expect(await answers(Number(port))).toBe(false);
  });
});
