/**
 * Fault: Redis answers but refuses writes, first out of memory (`maxmemory` 1 byte under
 * `noeviction`), then read-only (kabar's Redis demoted to a replica, as after a failover, and
 * promoted back with `REPLICAOF NO ONE`). Each runs against a redis-server of the test's own on a
 * free port (the shared test Redis keeps its configuration), with kabar's workers running.
 *
 * kabar must say so once (one error line per episode, not one per job or worker loop: before the
 * fix it was ~23,000 lines in 20 s), keep running, and carry on by itself when Redis takes writes
 * again: the article published during the refusal reaches its chat once, nothing stored is lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../../src/adapters/redis/embedded-redis.js';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import {
  accordsStory,
  addDueFeed,
  consoleSubscription,
  failedJobs,
  openKabarHarness,
  waitFor,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
  type TestKabar,
} from '../integration/support.js';

/** How long each refusal lasts: many scheduler ticks (1 s) and worker loops. */
const REFUSAL_MS = 15_000;
const REFUSES = 'Redis refuses writes';

describe('Redis refusing writes', () => {
  let opened: KabarHarness | undefined;
  const harness = (): KabarHarness => {
    if (opened === undefined) throw new Error('kabar was not started');
    return opened;
  };
  let feeds: FeedServer;
  let servers: RedisServerHandle[];
  let admins: Redis[];
  let dirs: string[];

  const startServer = async (): Promise<{ server: RedisServerHandle; admin: Redis }> => {
    // Its own directory: a replica writes the copy it receives to disk (and the `dir` setting is
    // protected at run time), which must not land in the checkout.
    const dataDir = await mkdtemp(join(tmpdir(), 'kabar-redis-fault-'));
    dirs.push(dataDir);
    const server = await startRedisServer({ persistence: 'aof', dataDir });
    const admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
    servers.push(server);
    admins.push(admin);
    return { server, admin };
  };
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const linked = async (replica: Redis): Promise<boolean> => (await replica.info('replication')).includes('master_link_status:up');

  beforeEach(async () => {
    servers = [];
    admins = [];
    dirs = [];
    feeds = await startFeedServer();
  });
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
    for (const admin of admins) admin.disconnect();
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    await feeds.close();
  });

  /** kabar on `url` with one chat and one seeded feed; returns a function that publishes a story. */
  const startKabarOn = async (url: string): Promise<{ kabar: TestKabar; publish: (slug: string) => void }> => {
    opened = await openKabarHarness({ REDIS_URL: url });
    const kabar = await opened.start();
    await kabar.runtime.subscriptions.save(consoleSubscription('reader', 'en'));
    const feedUrl = feeds.url('/feed.xml');
    const items = [accordsStory('old')];
    feeds.setDocument('/feed.xml', rssDocument({ language: 'en', items }));
    // Polled every minute, and due again once kabar can write the next check time.
    await addDueFeed(kabar.runtime, feedUrl, 60_000);
    await waitForPolls(harness().log, feedUrl, 1);
    return {
      kabar,
      publish: (slug) => {
        items.unshift(accordsStory(slug));
        feeds.setDocument('/feed.xml', rssDocument({ language: 'en', items }));
      },
    };
  };

  /** Checks what a refusal episode left in the log and the chat, and returns the figures. */
  const expectRecovered = async (kabar: TestKabar, slug: string, episodes: number): Promise<void> => {
    // Due at once: the feed's next check is whenever the test says, not a minute away.
    const feedUrl = feeds.url('/feed.xml');
    const record = await kabar.runtime.feeds.get(feedUrl);
    if (record !== undefined) await kabar.runtime.feeds.save({ ...record, nextCheckAt: Date.now() });
    const mine = (): string[] => kabar.printed.filter((text) => text.includes(`/world/${slug}`) && text.includes(' - '));
    await waitFor(() => mine().length >= 2, 30_000, `the brief of ${slug}`);
    await waitForIdle(kabar.pipeline, 20_000);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);
    // Once to the test's chat, once to kabar's own console subscription: never twice.
    expect(mine()).toHaveLength(2);
    expect(harness().log.find('Redis takes writes again')).toHaveLength(episodes);
    expect(await kabar.runtime.subscriptions.get('reader')).toMatchObject({ id: 'reader', language: 'en' });
  };

  /** The log of one refusal: its one error line, and nothing else above info. */
  const expectOneLine = (from: number, code: string): void => {
    const loud = harness().log.entries.slice(from).filter((entry) => entry.level === 'error' || entry.level === 'warn');
    expect(loud.map((entry) => entry.message.split(':')[0])).toEqual([REFUSES]);
    expect(loud[0]?.fields.code).toBe(code);
  };

  it('out of memory: one error, no flood, the article published meanwhile delivered once afterwards', async () => {
    const { server, admin } = await startServer();
    const { kabar, publish } = await startKabarOn(server.url);
    const from = harness().log.entries.length;

    await admin.config('SET', 'maxmemory', '1');
    publish('during-oom');
    await sleep(REFUSAL_MS);
    expectOneLine(from, 'redis-oom');
    await admin.config('SET', 'maxmemory', '0');
    await expectRecovered(kabar, 'during-oom', 1);
  }, 90_000);

  it('read-only after a failover: one error, and back to work once promoted again', async () => {
    const { server: primary, admin: primaryAdmin } = await startServer();
    const { kabar, publish } = await startKabarOn(primary.url);
    // A second server takes a copy, becomes the primary, and kabar's is demoted to its replica.
    const { server: other, admin: otherAdmin } = await startServer();
    await otherAdmin.replicaof('127.0.0.1', primary.port);
    await waitFor(() => linked(otherAdmin), 10_000, 'the copy');
    await otherAdmin.replicaof('NO', 'ONE');
    const from = harness().log.entries.length;
    await primaryAdmin.replicaof('127.0.0.1', other.port);
    await waitFor(() => linked(primaryAdmin), 10_000, 'the demotion');

    publish('during-read-only');
    await sleep(REFUSAL_MS);
    expectOneLine(from, 'redis-read-only');
    await primaryAdmin.replicaof('NO', 'ONE');
    await expectRecovered(kabar, 'during-read-only', 1);
  }, 90_000);
});
