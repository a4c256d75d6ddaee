/**
 * connectRedis: a Redis that cannot be reached fails at once with a KabarError saying what to
 * check, instead of retrying for ever; a later outage is logged once, not once per reconnect.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeRedis, connectRedis, deleteKeysUnder, redactRedisUrl } from '../../../src/adapters/redis/connection.js';
import { startRedisServer, type RedisServerHandle } from '../../../src/adapters/redis/embedded-redis.js';
import { KabarError } from '../../../src/core/errors.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

/** Everything logged, as `level message`. */
function recordingLog(): { lines: string[]; info: (message: string) => void; warn: (message: string) => void } {
  const lines: string[] = [];
  return { lines, info: (message) => lines.push(`info ${message}`), warn: (message) => lines.push(`warn ${message}`) };
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('connectRedis', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('fails at once on a port nobody listens on, naming REDIS_URL (password hidden) and what to check', async () => {
    const unhandled = vi.spyOn(console, 'error');
    const startedAt = Date.now();
    const attempt = connectRedis('redis://:hunter2@127.0.0.1:1');
    await expect(attempt).rejects.toBeInstanceOf(KabarError);
    const error = (await attempt.catch((caught: unknown) => caught)) as KabarError;
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(error.code).toBe('redis-unreachable');
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/^cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(REDIS_URL\): connect ECONNREFUSED/);
    expect(error.message).toContain('check that Redis is running');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('\n');
    // No retries in the background: nothing more is printed afterwards.
    await sleep(1_500);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('gives up after connectTimeoutMs on a server that accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    cleanups.push(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((closed) => silent.close(closed));
    });
    const port = (silent.address() as AddressInfo).port;
    const startedAt = Date.now();
    const attempt = connectRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 300 });
    await expect(attempt).rejects.toMatchObject({ code: 'redis-unreachable', message: expect.stringContaining('within 0.3 s') });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('says the login was refused, as a permanent error, for a wrong user or password', async () => {
    const test = await openTestRedis();
    cleanups.push(() => test.cleanup());
    const url = new URL(test.url);
    url.username = 'nobody';
    url.password = 'wrong';
    await expect(connectRedis(url.toString())).rejects.toMatchObject({
      kind: 'permanent',
      code: 'redis-unreachable',
      message: expect.stringMatching(/^Redis at redis:\/\/nobody:\*\*\*@127\.0\.0\.1:\d+ \(REDIS_URL\) refused the login: WRONGPASS/),
    });
  });

  it('logs an outage once, however many reconnects fail, and nothing reaches stderr unhandled', async () => {
    const unhandled = vi.spyOn(console, 'error');
    const server: RedisServerHandle = await startRedisServer({ persistence: 'none' });
    cleanups.push(() => server.stop());
    const log = recordingLog();
    const redis: Redis = await connectRedis(server.url, { log });
    cleanups.push(() => closeRedis(redis, 100));
    expect(await redis.ping()).toBe('PONG');

    await server.stop();
    // Reconnects come 0.5 s, 1 s, 1.5 s apart: three or four fail in this time.
    await sleep(3_000);
    expect(log.lines).toEqual(['warn lost the connection to Redis; reconnecting']);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('closeRedis', () => {
  it('returns within its grace period when Redis is gone, instead of waiting for QUIT for ever', async () => {
    const server = await startRedisServer({ persistence: 'none' });
    const redis = await connectRedis(server.url);
    await server.stop();
    await sleep(100);
    // A command waiting out the outage keeps QUIT queued behind it.
    redis.get('waiting').catch(() => undefined);
    const startedAt = Date.now();
    await closeRedis(redis, 200);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    await sleep(1_200);
    expect(redis.status).not.toBe('ready');
  });
});

describe('deleteKeysUnder', () => {
  let test: TestRedis | undefined;
  afterEach(async () => test?.cleanup());

  it('deletes the keys under the prefix, taken literally, and no others', async () => {
    test = await openTestRedis();
    const { redis, prefix } = test;
    // `[1]` would be a character class in a MATCH pattern: `${prefix}x1:b` must survive.
    await redis.mset(`${prefix}x[1]:a`, '1', `${prefix}x[1]:b`, '2', `${prefix}x1:b`, '3');
    const many = redis.pipeline();
    for (let index = 0; index < 1_500; index++) many.set(`${prefix}x[1]:many:${index}`, 'v');
    await many.exec();
    await deleteKeysUnder(redis, `${prefix}x[1]:`);
    const left: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      cursor = next;
      left.push(...keys);
    } while (cursor !== '0');
    expect(left).toEqual([`${prefix}x1:b`]);
  });
});

describe('redactRedisUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactRedisUrl('redis://user:secret@example.com:6380/2')).toBe('redis://user:***@example.com:6380/2');
    expect(redactRedisUrl('not a url')).toBe('redis://(unparseable URL)');
  });
});
