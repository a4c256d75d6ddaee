/**
 * Fault, on a real process: `node bin/kabar.js start` (role all, console briefs on stdout, JSON
 * logs on stderr) on a redis-server of the test's own, which runs out of memory (`maxmemory` 1
 * byte under `noeviction`) for {@link REFUSAL_MS}. kabar must stay up (no crash, no restart loop),
 * write one error line for the whole episode, answer 503 on /readyz while it lasts, carry on by itself once Redis has memory again
 * (delivering the article published meanwhile, once), and still stop cleanly on SIGTERM; its
 * output never shows the Redis password of REDIS_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findFreePort, startRedisServer, type RedisServerHandle } from '../../src/adapters/redis/embedded-redis.js';
import { loadConfig } from '../../src/config.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { KABAR_BIN } from '../cli/run-kabar.js';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { createRecordingLogger } from '../fakes/in-memory-stores.js';
import { accordsStory, addDueFeed, waitFor } from '../integration/support.js';

const REFUSAL_MS = 20_000;
/** Redis's password, in REDIS_URL: it must appear nowhere in what kabar writes. */
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;

describe('a kabar process while Redis is out of memory', () => {
  let server: RedisServerHandle;
  let admin: Redis;
  let feeds: FeedServer;
  let runtime: Runtime;
  let dir: string;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';
  let httpPort = 0;
  const readyz = async (): Promise<{ status: number; text: string }> => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
    return { status: response.status, text: await response.text() };
  };
  const logs = (): Array<Record<string, unknown>> =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeEach(async () => {
    server = await startRedisServer({ persistence: 'none' });
    admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
    await admin.config('SET', 'requirepass', PASSWORD);
    await admin.auth(PASSWORD);
    feeds = await startFeedServer();
    dir = await mkdtemp(join(tmpdir(), 'kabar-oom-'));
    httpPort = await findFreePort();
    stdout = '';
    stderr = '';
    const env = {
      REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${server.port}`,
      KABAR_REDIS_PREFIX: `{t-${randomBytes(4).toString('hex')}}`,
      KABAR_ALLOW_PRIVATE_FEEDS: 'true',
      KABAR_DEFAULT_LANGUAGE: 'en',
      KABAR_TRANSLATOR: 'none',
      KABAR_SCHEDULER_TICK: '1s',
      KABAR_FEED_CONNECT_TIMEOUT: '2s',
      KABAR_FEED_DEADLINE: '3s',
      KABAR_FETCH_PER_HOST_CONCURRENCY: '100',
      KABAR_FETCH_PER_HOST_PER_MINUTE: '6000',
      KABAR_LOG_FORMAT: 'json',
      KABAR_DATA_DIR: join(dir, 'data'),
      KABAR_HTTP_PORT: String(httpPort),
    };
    runtime = await openRuntime(loadConfig(env), { log: createRecordingLogger() });
    child = spawn(process.execPath, [KABAR_BIN, 'start'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, KABAR_FROM_SOURCE: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  });
  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await runtime.close();
    admin.disconnect();
    await server.stop();
    await feeds.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stays up, logs one error, delivers what came meanwhile once, and stops cleanly', async () => {
    const url = feeds.url('/rss.xml');
    const items = [accordsStory('old')];
    feeds.setDocument('/rss.xml', rssDocument({ language: 'en', items }));
    // Added before kabar starts, so that it does not seed its default (internet) feeds.
    await addDueFeed(runtime, url);
    await waitFor(() => logs().some((line) => line.message === 'feed polled' && line.status === 'seeded'), 30_000, 'the first poll');

    await admin.config('SET', 'maxmemory', '1');
    items.unshift(accordsStory('during-oom'));
    feeds.setDocument('/rss.xml', rssDocument({ language: 'en', items }));
    await new Promise((resolve) => setTimeout(resolve, REFUSAL_MS));
    expect(child?.exitCode, stderr).toBeNull();
    const loud = logs().filter((line) => line.level === 'error' || line.level === 'warn');
    expect(loud.map((line) => String(line.message).split(':')[0]), stderr).toEqual(['Redis refuses writes']);
    expect(loud[0]).toMatchObject({ code: 'redis-oom' });
    // Redis answers pings all along, but a kabar that cannot write is not ready.
    expect(await readyz()).toMatchObject({ status: 503, text: expect.stringContaining('Redis refuses writes: Redis is out of memory') });

    await admin.config('SET', 'maxmemory', '0');
    await waitFor(() => logs().some((line) => line.message === 'Redis takes writes again'), 15_000, 'the recovery line');
    expect(await readyz()).toEqual({ status: 200, text: 'ready\n' });
    const record = await runtime.feeds.get(url);
    if (record !== undefined) await runtime.feeds.save({ ...record, nextCheckAt: Date.now() });
    const link = 'https://news.example/world/during-oom';
    await waitFor(() => stdout.includes(link), 30_000, 'the brief of the article published during the refusal');
    // A few more ticks: a doubled delivery would show by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(stdout.split(link).length - 1).toBe(1);
    expect(logs().filter((line) => line.message === 'Redis takes writes again')).toHaveLength(1);

    // Everything the process wrote, through an error episode, without the password.
    expect(stderr.length).toBeGreaterThan(0);
    expect(`${stdout}\n${stderr}`).not.toContain(PASSWORD);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    console.info(
      `redis out of memory ${REFUSAL_MS / 1000} s under a kabar process: ${loud.length} error line, ` +
        `${logs().length} log lines in all, 1 article delivered once after, exit 0 on SIGTERM`,
    );
  }, 120_000);
});
