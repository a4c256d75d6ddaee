/**
 * Stopping what a user runs, with no REDIS_URL (an embedded redis-server), other than by SIGTERM
 * to kabar (issue 9):
 * - SIGKILL to the `npm start` process: kabar notices that its parent is gone and stops as on
 *   SIGTERM (the poll it runs finishes, the rest waits in Redis), taking its redis-server along;
 * - Ctrl-C at the terminal, which sends SIGINT to npm and kabar both, and npm passes its own on:
 *   kabar stops in order all the same, instead of taking the echo for a second Ctrl-C;
 * - SIGKILL to kabar itself: its redis-server outlives it, and the next start shuts that one down
 *   (its data saved) and starts its own on the same data, instead of attaching to a server that
 *   nobody would ever stop.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openRuntime } from '../../src/main.js';
import { createRecordingLogger } from '../fakes/in-memory-stores.js';
import { rssDocument } from '../fakes/feed-server.js';
import { accordsStory, makeDue, type Story } from '../integration/support.js';
import { isRunning } from '../support/process-alive.js';
import { until } from './support/delivery-ledger.js';
import { FAULT_DEFAULT_ENV, openFaultFleet, type FaultFleet, type KabarProcess } from './support/kabar-processes.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** No REDIS_URL: kabar starts its own redis-server under KABAR_DATA_DIR. */
const EMBEDDED = { REDIS_URL: undefined, KABAR_FROM_SOURCE: 'true' };
/** How long the feed server holds the poll that the kill lands in (under KABAR_FEED_DEADLINE, 3 s). */
const SLOW_POLL_MS = 2_000;

describe('npm start and kabar, stopped without a SIGTERM to kabar', { timeout: 180_000 }, () => {
  let fleet: FaultFleet | undefined;
  let feed: SlowFeed | undefined;

  afterEach(async () => {
    await fleet?.cleanup();
    await feed?.close();
    fleet = undefined;
    feed = undefined;
  });

  /** A fleet whose one feed (on `url`) is added through `kabar feeds add`, so start seeds none. */
  const openFleetWithFeed = async (url: string): Promise<FaultFleet> => {
    const opened = await openFaultFleet();
    fleet = opened;
    const add = opened.spawn('feeds-add', { args: ['feeds', 'add', url, '--force'], env: EMBEDDED });
    expect(await add.exited, add.stderr()).toEqual({ code: 0, signal: null });
    return opened;
  };
  const messages = (one: KabarProcess): string[] => one.logs().map((line) => String(line.message));

  /**
   * `npm start` with one feed, seeded; then a new article, and the poll that finds it held at the
   * feed server for {@link SLOW_POLL_MS}: resolves while that poll runs, for the stop to land in it.
   */
  const npmStartWithPollRunning = async (): Promise<{ opened: FaultFleet; npm: KabarProcess; redis: { pid: number; port: number }; story: Story }> => {
    feed = await startSlowFeed([accordsStory('before')]);
    const opened = await openFleetWithFeed(feed.url);
    // npm runs scripts in the package's directory; KABAR_DATA_DIR keeps the redis data in the test's.
    const npm = opened.spawn('npm-start', { command: ['npm'], args: ['start'], cwd: REPO, env: EMBEDDED });
    await npm.waitForLog('kabar is running', 90_000);
    await until(() => npm.logs().some((line) => line.message === 'feed polled' && line.status === 'seeded'), 30_000, 'the first poll');
    const redis = stateOf(opened);
    const story = accordsStory('in-flight');
    const polls = feed.requests;
    feed.publish(story, SLOW_POLL_MS);
    const runtime = await openRuntime(
      loadConfig({ ...FAULT_DEFAULT_ENV, REDIS_URL: `redis://127.0.0.1:${redis.port}`, KABAR_REDIS_PREFIX: opened.prefix }),
      { log: createRecordingLogger() },
    );
    await makeDue(runtime, feed.url);
    await runtime.close();
    await until(() => (feed?.requests ?? 0) > polls, 20_000, 'the poll of the new article');
    return { opened, npm, redis, story };
  };

  /** kabar, run by `npm`, stopped in order: the poll it ran finished first; returns the `shutting down` line. */
  const expectOrderlyStop = (opened: FaultFleet, npm: KabarProcess): Record<string, unknown> => {
    const log = messages(npm);
    const stopAt = log.indexOf('shutting down: finishing running jobs');
    expect(stopAt, npm.stderr()).toBeGreaterThan(-1);
    // The poll that ran at the stop finished (it found the article) before kabar stopped.
    expect(npm.logs().slice(stopAt).find((line) => line.message === 'feed polled'), npm.stderr()).toBeDefined();
    expect(log.slice(stopAt)).toContain('stopped');
    expect(log).not.toContain('second signal: exiting now');
    expect(existsSync(stateFileOf(opened))).toBe(false);
    return npm.logs()[stopAt] ?? {};
  };

  it('SIGKILL to the npm start process: kabar finishes the poll it runs, stops, and takes its redis-server along; nothing is lost', async () => {
    const { opened, npm, redis, story } = await npmStartWithPollRunning();
    const killedAt = Date.now();
    npm.signal('SIGKILL');
    expect(await npm.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // npm's process group holds what it started (sh exec'd into node, esbuild); redis-server has a session of its own.
    await until(() => !isRunning(-npm.pid) && !isRunning(redis.pid), 20_000, () => `kabar and its redis-server gone:\n${npm.stderr().slice(-2000)}`);
    const goneMs = Date.now() - killedAt;
    expect(expectOrderlyStop(opened, npm)).toMatchObject({ reason: 'the process that started kabar is gone' });

    // What that poll found is in Redis: the next start delivers it, once.
    const next = opened.spawn('restart', { args: ['start'], env: EMBEDDED });
    await until(() => next.stdout().includes(story.link), 60_000, () => `the brief of the in-flight article:\n${next.stderr().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const printed = `${npm.stdout()}${next.stdout()}`.split(story.link).length - 1;
    expect(printed).toBe(1);
    next.signal('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
    console.info(
      `SIGKILL to npm start during a poll: kabar and its redis-server gone ${(goneMs / 1000).toFixed(1)} s after the kill ` +
        `(the poll held ${SLOW_POLL_MS / 1000} s); the article of that poll delivered ${printed} time(s) after a restart`,
    );
  });

  it('Ctrl-C (SIGINT to npm and kabar, and npm passing its own on): kabar finishes the poll it runs and stops in order', async () => {
    const { opened, npm, redis } = await npmStartWithPollRunning();
    // What a terminal does on Ctrl-C: SIGINT to the whole foreground process group.
    process.kill(-npm.pid, 'SIGINT');
    await npm.exited;
    await until(() => !isRunning(-npm.pid) && !isRunning(redis.pid), 20_000, () => `kabar and its redis-server gone:\n${npm.stderr().slice(-2000)}`);
    expect(expectOrderlyStop(opened, npm)).toMatchObject({ signal: 'SIGINT' });
  });

  it('SIGKILL to kabar itself: its redis-server outlives it, and the next start shuts that one down and keeps its data', async () => {
    const opened = await openFleetWithFeed('http://127.0.0.1:9/feed.xml');
    const first = opened.spawn('first', { args: ['start'], env: EMBEDDED });
    await first.waitForLog('kabar is running', 90_000);
    const orphan = stateOf(opened);
    expect(orphan.owner).toBe(first.pid);
    const client = new Redis(`redis://127.0.0.1:${orphan.port}`);
    await client.set(`${opened.prefix}:probe`, 'kept');
    client.disconnect();

    first.signal('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // No exit hook runs on SIGKILL: this is what it leaves behind.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(isRunning(orphan.pid)).toBe(true);

    const second = opened.spawn('second', { args: ['start'], env: EMBEDDED });
    await second.waitForLog('kabar is running', 90_000);
    expect(isRunning(orphan.pid)).toBe(false);
    expect(messages(second).find((message) => message.startsWith('redis: '))).toContain(`it replaces the one on port ${orphan.port}`);
    const own = stateOf(opened);
    expect(own).toMatchObject({ owner: second.pid });
    expect(own.pid).not.toBe(orphan.pid);
    const again = new Redis(`redis://127.0.0.1:${own.port}`);
    expect(await again.get(`${opened.prefix}:probe`)).toBe('kept');
    again.disconnect();

    second.signal('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    await until(() => !isRunning(own.pid), 10_000, 'the new redis-server stopped with its kabar');
    expect(existsSync(stateFileOf(opened))).toBe(false);
  });
});

function stateFileOf(opened: FaultFleet): string {
  return join(opened.dir, 'data', 'redis', 'kabar-redis.json');
}

function stateOf(opened: FaultFleet): { pid: number; port: number; owner: number } {
  return JSON.parse(readFileSync(stateFileOf(opened), 'utf8')) as { pid: number; port: number; owner: number };
}

/** A feed at `url` whose next answers may be held a while, counting the requests. */
interface SlowFeed {
  url: string;
  requests: number;
  /** Adds `story` on top and holds every answer from now on for `delayMs`. */
  publish(story: Story, delayMs: number): void;
  close(): Promise<void>;
}

async function startSlowFeed(items: Story[]): Promise<SlowFeed> {
  let delayMs = 0;
  const feed: Partial<SlowFeed> & { requests: number } = { requests: 0 };
  const server: Server = createServer((_request, response) => {
    feed.requests += 1;
    const body = rssDocument({ language: 'en', items });
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(feed, {
    url: `http://127.0.0.1:${port}/feed.xml`,
    publish(story: Story, delay: number) {
      items.unshift(story);
      delayMs = delay;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
