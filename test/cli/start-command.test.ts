/**
 * `kabar start` as a user runs it: no REDIS_URL, so an embedded redis-server; SIGTERM shuts it
 * down in order, taking the redis-server with it; other commands attach to the running server
 * instead of starting a second one on the same append-only file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createRedisFeedStore } from '../../src/adapters/redis/feed-store.js';
import { createRedisSubscriptionStore } from '../../src/adapters/redis/subscription-store.js';
import { rssDocument, startFeedServer } from '../fakes/feed-server.js';
import { describeRun, expectClean, expectError, KABAR_BIN, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${label}`);
    await new Promise((later) => setTimeout(later, 100));
  }
}

interface StartedKabar {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  signal(name: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `kabar start` in the background, in its own process group. */
function spawnKabarStart(kabar: KabarSandbox, env: Record<string, string | undefined>): Promise<StartedKabar> {
  const merged: Record<string, string> = { ...kabar.env, KABAR_LOG_FORMAT: 'pretty' };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  const child = spawn(process.execPath, [KABAR_BIN, 'start'], { cwd: kabar.dir, env: merged, stdio: 'pipe', detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return Promise.resolve({
    child,
    stderr: () => stderr,
    signal(name) {
      if (child.pid !== undefined) process.kill(child.pid, name);
    },
    exited,
  });
}

/** Starts kabar, waits until it runs, and stops it with SIGTERM. */
async function runUntilReady(kabar: KabarSandbox, env: Record<string, string | undefined>): Promise<void> {
  const started = await spawnKabarStart(kabar, env);
  try {
    await waitFor(() => started.stderr().includes('kabar is running'), 30_000, `start-up; stderr so far:\n${started.stderr()}`);
  } finally {
    started.signal('SIGTERM');
  }
  expect(await started.exited, started.stderr()).toEqual({ code: 0, signal: null });
}

/** A feed on a closed loopback port, so that kabar start does not seed (and poll) the shipped feeds. */
async function addQuietFeed(kabar: KabarSandbox): Promise<void> {
  const run = await kabar.run(['feeds', 'add', 'http://127.0.0.1:9/feed.xml', '--force'], { env: { KABAR_ALLOW_PRIVATE_FEEDS: 'true' } });
  expect(run.code, describeRun(run)).toBe(0);
}

function readRedisState(kabar: KabarSandbox): { pid: number; port: number } {
  return JSON.parse(readFileSync(join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'kabar-redis.json'), 'utf8')) as { pid: number; port: number };
}

describe('kabar start', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  let child: ChildProcessWithoutNullStreams | undefined;

  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await kabar.cleanup();
  });

  it('runs on an embedded redis-server, lets other commands attach to it, and stops in order on SIGTERM', async () => {
    const env: Record<string, string> = { ...kabar.env, KABAR_LOG_FORMAT: 'pretty' };
    delete env.REDIS_URL;
    const started = spawn(process.execPath, [KABAR_BIN, 'start'], { cwd: kabar.dir, env, stdio: 'pipe', detached: true });
    child = started;
    let stderr = '';
    started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    started.stdout.resume();
    const exited = new Promise<number | null>((done) => started.once('exit', (code) => done(code)));

    await waitFor(() => stderr.includes('kabar is running'), 30_000, `start-up; stderr so far:\n${stderr}`);
    expect(stderr).toMatch(/redis: an embedded redis-server on redis:\/\/127\.0\.0\.1:\d+, data in .*data\/redis/);
    expect(stderr).toContain('default topics written');
    const stateFile = join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'kabar-redis.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; port: number };
    expect(isAlive(state.pid)).toBe(true);

    // A second command on the same data directory attaches rather than starting a second server.
    const listed = await kabar.run(['topics', 'list'], { env: { REDIS_URL: undefined } });
    expect(listed.code).toBe(0);
    expect(listed.lines.map((line) => line.split(/\s+/)[0])).toEqual(['abraham-accords', 'central-asia']);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual(state);

    if (started.pid === undefined) throw new Error('kabar did not start');
    process.kill(started.pid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutting down: finishing running jobs');
    expect(stderr).toContain('stopped');
    await waitFor(() => !isAlive(state.pid), 10_000, 'the embedded redis-server to exit');
    expect(existsSync(stateFile)).toBe(false);
    // Its append-only file stays for the next start.
    expect(existsSync(join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'appendonlydir'))).toBe(true);
  });

  it('fails with the install hint when there is neither REDIS_URL nor redis-server', async () => {
    const run = await kabar.run(['start'], { env: { REDIS_URL: undefined, PATH: '/nonexistent' } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kabar: redis-server was not found on PATH and REDIS_URL is not set — .*apt-get install redis-server.*brew install redis/);
  });

  it('--help says what each role runs; bot without a chat token has nothing to run', async () => {
    const help = await kabar.run(['start', '--help']);
    expectClean(help);
    expect(help.stdout).toMatch(/^ {2}all +everything: scheduler, feed polling, briefs, delivery, and the chat commands/m);
    expect(help.stdout).toMatch(/^ {2}worker +the queues only, sending over the platforms' REST APIs/m);
    expect(help.stdout).toMatch(/^ {2}bot +the chat gateways only: Discord slash commands and Telegram updates/m);
    const bot = expectError(await kabar.run(['start', '--role', 'bot'], { env: { DISCORD_TOKEN: undefined, TELEGRAM_BOT_TOKEN: undefined } }), 2);
    expect(bot).toMatch(/no chat platform is configured \(set DISCORD_TOKEN or TELEGRAM_BOT_TOKEN\), so --role bot has nothing to run/);
  });

  it('checks the translator before opening Redis: KABAR_TRANSLATOR=deepl without a key exits 2 at once (bad configuration)', async () => {
    const env = { KABAR_TRANSLATOR: 'deepl', DEEPL_API_KEY: undefined };
    const [onRedisUrl, embedded] = await Promise.all([
      kabar.run(['start'], { env, timeoutMs: 15_000 }),
      kabar.run(['start'], { env: { ...env, REDIS_URL: undefined }, timeoutMs: 15_000 }),
    ]);
    for (const run of [onRedisUrl, embedded]) {
      expect(run.timedOut, describeRun(run)).toBe(false);
      expect(expectError(run, 2)).toMatch(/DEEPL_API_KEY/);
    }
    // Nothing was seeded, and no redis-server was started.
    expect(await kabar.keys()).toEqual([]);
    expect(existsSync(join(kabar.env.KABAR_DATA_DIR ?? '', 'redis'))).toBe(false);
  });

  it('writes the console subscription from the configuration at every start, keeping its creation time', async () => {
    const subscriptions = createRedisSubscriptionStore(kabar.redis, `${kabar.prefix}:`);
    await addQuietFeed(kabar);

    await runUntilReady(kabar, {});
    const first = await subscriptions.get('console');
    expect(first).toMatchObject({ language: 'id', style: { greeting: 'default', closing: 'default' } });

    await runUntilReady(kabar, { KABAR_DEFAULT_LANGUAGE: 'es', KABAR_BRIEF_GREETING: 'off', KABAR_BRIEF_CLOSING: 'Hasta pronto.' });
    const second = await subscriptions.get('console');
    expect(second).toMatchObject({ language: 'es', style: { greeting: 'off', closing: { custom: 'Hasta pronto.' } } });
    expect(second?.createdAt).toBe(first?.createdAt);
  });

  it('says once which languages the subscriptions read and which it cannot produce (no translator: Indonesian)', async () => {
    await addQuietFeed(kabar);
    const started = await spawnKabarStart(kabar, {});
    try {
      await waitFor(() => started.stderr().includes('translation: subscriptions read'), 30_000, `start-up; stderr so far:\n${started.stderr()}`);
    } finally {
      started.signal('SIGTERM');
    }
    expect(await started.exited, started.stderr()).toEqual({ code: 0, signal: null });
    const lines = started.stderr().split('\n').filter((line) => line.includes('translation: subscriptions read'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('translation: subscriptions read id (1); cannot produce id from en: no translator is set (KABAR_TRANSLATOR=none)');
    expect(lines[0]).toContain('Getting Indonesian briefs');
  });

  it('polls the feeds at once after start, not a scheduler period later, and logs a failed poll on one line', async () => {
    const server = await startFeedServer();
    try {
      server.setDocument('/world.xml', rssDocument({ title: 'Loopback World', items: [{ title: 'One', link: 'https://news.example/1' }] }));
      const env = { KABAR_ALLOW_PRIVATE_FEEDS: 'true' };
      expect((await kabar.run(['feeds', 'add', server.url('/world.xml')], { env })).code).toBe(0);
      expect((await kabar.run(['feeds', 'add', 'http://127.0.0.1:9/closed.xml', '--force'], { env })).code).toBe(0);
      const before = server.requests('/world.xml').length;
      // The default 30 s scheduler tick: the first poll must not wait for it.
      const started = await spawnKabarStart(kabar, env);
      try {
        await waitFor(() => started.stderr().includes('kabar is running'), 30_000, `start-up; stderr so far:\n${started.stderr()}`);
        await waitFor(() => server.requests('/world.xml').length > before, 15_000, 'the first poll');
        await waitFor(() => started.stderr().includes('127.0.0.1:9'), 15_000, 'the failed poll');
      } finally {
        started.signal('SIGTERM');
      }
      expect(await started.exited, started.stderr()).toEqual({ code: 0, signal: null });
      const closedLines = started.stderr().split('\n').filter((line) => line.includes('127.0.0.1:9'));
      expect(closedLines, started.stderr()).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('a second SIGTERM during the shutdown exits at once, and still takes the embedded redis-server with it', async () => {
    // A feed that never answers keeps a poll job running, so the first SIGTERM waits for it.
    const requests: Array<() => void> = [];
    const hanging: Server = createServer((request) => requests.push(() => request.socket.destroy()));
    await new Promise<void>((listening) => hanging.listen(0, '127.0.0.1', listening));
    try {
      const env = { REDIS_URL: undefined, KABAR_ALLOW_PRIVATE_FEEDS: 'true', KABAR_SCHEDULER_TICK: '1s', KABAR_FEED_DEADLINE: '5m' };
      const feed = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/feed.xml`;
      expect((await kabar.run(['feeds', 'add', feed, '--force'], { env })).code).toBe(0);

      const started = await spawnKabarStart(kabar, env);
      child = started.child;
      await waitFor(() => started.stderr().includes('kabar is running'), 30_000, 'start-up');
      const { pid: redisPid, port } = readRedisState(kabar);
      expect(isAlive(redisPid)).toBe(true);
      // A new feed's first check is spread over a minute: make it due now, as the demo does.
      const direct = new Redis(`redis://127.0.0.1:${port}`);
      try {
        const feeds = createRedisFeedStore(direct, `${kabar.prefix}:`);
        for (const record of await feeds.list()) await feeds.save({ ...record, nextCheckAt: Date.now() });
      } finally {
        direct.disconnect();
      }
      await waitFor(() => requests.length > 0, 15_000, 'the feed to be polled');

      started.signal('SIGTERM');
      await waitFor(() => started.stderr().includes('shutting down'), 10_000, 'the shutdown to begin');
      // Later than an echo of the first (npm passing on the terminal's Ctrl-C), which is ignored.
      await new Promise((later) => setTimeout(later, 1_500));
      started.signal('SIGTERM');
      expect(await started.exited).toEqual({ code: 1, signal: null });
      expect(started.stderr()).toContain('second signal: exiting now');
      await waitFor(() => !isAlive(redisPid), 10_000, 'the embedded redis-server to exit');
    } finally {
      requests.forEach((drop) => drop());
      await new Promise((closed) => hanging.close(closed));
    }
  });
});

describe('a short command interrupted by a signal', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(() => kabar.cleanup());

  it('stops the embedded redis-server it started', async () => {
    const env: Record<string, string> = { ...kabar.env };
    delete env.REDIS_URL;
    // `kabar match` waits on stdin, which this test keeps open.
    const matching = spawn(process.execPath, [KABAR_BIN, 'match'], { cwd: kabar.dir, env, stdio: 'pipe', detached: true });
    const exited = new Promise<NodeJS.Signals | number | null>((done) => matching.once('exit', (code, signal) => done(signal ?? code)));
    const stateFile = join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'kabar-redis.json');
    try {
      await waitFor(() => existsSync(stateFile), 30_000, 'the embedded redis-server to start');
      const { pid } = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number };
      expect(isAlive(pid)).toBe(true);
      if (matching.pid === undefined) throw new Error('kabar did not start');
      process.kill(matching.pid, 'SIGTERM');
      expect(await exited).toBe(143);
      await waitFor(() => !isAlive(pid), 10_000, 'the embedded redis-server to exit');
    } finally {
      if (matching.pid !== undefined && matching.exitCode === null) process.kill(-matching.pid, 'SIGKILL');
    }
  });
});
