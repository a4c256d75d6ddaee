/**
 * pollFeed on real Redis stores and the real HTTP fetcher against a scripted loopback feed
 * server, with a clock and randomness the test controls: seeding, conditional GET, story
 * de-duplication, and the failure schedule (backoff, Retry-After, failing, recovery).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollFeed, type PollFeedDeps } from '../../../src/app/feeds/poll-feed.js';
import { addFeed, removeFeed } from '../../../src/app/feeds/manage-feeds.js';
import { createHttpFeedFetcher } from '../../../src/adapters/feeds/index.js';
import { createRedisArticleArchive } from '../../../src/adapters/redis/article-archive.js';
import { createRedisFeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createRedisSeenStore } from '../../../src/adapters/redis/seen-store.js';
import { createRedisStoryRegistry } from '../../../src/adapters/redis/story-registry.js';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import { FAILING_AFTER_FAILURES, FIRST_BACKOFF_MS, MAX_CHECK_DELAY_MS } from '../../../src/core/feeds/next-check-time.js';
import { defaultTopics } from '../../../src/core/topics/default-topics.js';
import { startFeedServer, rssDocument, type RssItem, type FeedServer } from '../../fakes/feed-server.js';
import { createRecordingLogger, createRecordingQueues, type RecordingQueues } from '../../fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const MINUTE = 60_000;
const INTERVAL = 10 * MINUTE;
const matcher = compileMatcher(defaultTopics());

function story(slug: string, extra: Partial<RssItem> = {}): RssItem {
  return {
    guid: `tag:news.example,2025:${slug}`,
    title: `Kazakhstan joins the Abraham Accords: ${slug}`,
    link: `https://news.example/world/${slug}`,
    description: `<p>Kazakhstan will join the Abraham Accords, officials said (${slug}).</p>`,
    publishedAt: Date.now() - MINUTE,
    ...extra,
  };
}

function unrelated(slug: string): RssItem {
  return { guid: `tag:news.example,2025:${slug}`, title: `Bus timetable changes for spring ${slug}`, link: `https://news.example/local/${slug}` };
}

/** The test's usual randomness: 0, so no jitter either way (next-check-time.test.ts covers jitter). */
const NO_JITTER = 0;
/** A delay the server asked for grows by 10% x random: such delays are only ever lengthened. */
const ASKED = 1 + 0.1 * NO_JITTER;

describe('pollFeed', () => {
  let redis: TestRedis;
  let server: FeedServer;
  let queues: RecordingQueues;
  let now: number;
  let random: number;
  let deps: PollFeedDeps;
  let url: string;

  /** Adds the feed, due now, and runs its seeding poll on `items`. */
  async function seeded(items: RssItem[]): Promise<void> {
    server.setDocument('/feed.xml', rssDocument({ language: 'en', items }));
    await addFeed(url, INTERVAL, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });
    expect(await pollFeed(url, deps)).toMatchObject({ status: 'seeded' });
  }

  beforeEach(async () => {
    redis = await openTestRedis();
    server = await startFeedServer();
    url = server.url('/feed.xml');
    queues = createRecordingQueues();
    now = Date.now();
    random = NO_JITTER;
    deps = {
      feeds: createRedisFeedStore(redis.redis, redis.prefix),
      fetcher: createHttpFeedFetcher({ allowPrivateAddresses: true, deadlineMs: 400, connectTimeoutMs: 1_000 }),
      seen: createRedisSeenStore(redis.redis, redis.prefix),
      stories: createRedisStoryRegistry(redis.redis, redis.prefix),
      articles: createRedisArticleArchive(redis.redis, redis.prefix),
      matcher: async () => matcher,
      queues,
      clock: { now: () => now },
      log: createRecordingLogger(),
      random: () => random,
      maxItemAgeMs: 48 * 60 * MINUTE,
    };
  });
  afterEach(async () => {
    await server.close();
    await redis.cleanup();
  });

  describe('first fetch and later items', () => {
    it('marks a new feed\'s items seen and queues nothing on its first fetch', async () => {
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [story('a'), story('b'), unrelated('c')] }));
      await addFeed(url, INTERVAL, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });

      expect(await pollFeed(url, deps)).toMatchObject({ status: 'seeded', items: 3, queued: 0 });
      expect(queues.briefs).toEqual([]);
      expect(await deps.feeds.get(url)).toMatchObject({ seeded: true, lastSuccessAt: now, nextCheckAt: now + INTERVAL });

      // The same document again: nothing is news.
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [story('a'), story('b'), unrelated('c')] }), { validators: 'none' });
      expect(await pollFeed(url, deps)).toMatchObject({ status: 'polled', items: 3, fresh: 0, queued: 0 });
      expect(queues.briefs).toEqual([]);
    });

    it('queues a brief for a later matching item once, and none for unrelated or too old ones', async () => {
      await seeded([story('a')]);
      const items = [
        story('new'),
        unrelated('other'),
        story('stale', { publishedAt: now - 3 * 24 * 60 * MINUTE }),
        story('a'),
      ];
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items }));

      expect(await pollFeed(url, deps)).toMatchObject({ status: 'polled', items: 4, fresh: 2, matched: 1, queued: 1, duplicates: 0 });
      expect(queues.briefs.map((job) => job.article.title)).toEqual([items[0]?.title]);
      expect(queues.briefs[0]?.topics).toContain('abraham-accords');

      server.setDocument('/feed.xml', rssDocument({ language: 'en', items }), { validators: 'none' });
      expect(await pollFeed(url, deps)).toMatchObject({ status: 'polled', fresh: 0, queued: 0 });
      expect(queues.briefs).toHaveLength(1);
    });

    it('queues one brief for one story reached through two feeds', async () => {
      await seeded([]);
      server.setDocument('/other.xml', rssDocument({ language: 'en', items: [] }));
      const other = server.url('/other.xml');
      await addFeed(other, INTERVAL, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });
      await pollFeed(other, deps);

      server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [story('shared')] }));
      server.setDocument('/other.xml', rssDocument({
        language: 'en',
        items: [story('shared', { guid: 'urn:other:1', link: 'https://news.example/world/shared?utm_campaign=x' })],
      }));
      expect(await pollFeed(url, deps)).toMatchObject({ queued: 1, duplicates: 0 });
      expect(await pollFeed(other, deps)).toMatchObject({ matched: 1, queued: 0, duplicates: 1 });
      expect(queues.briefs).toHaveLength(1);
    });

    it('makes no brief for a match the relevance check rejects, and briefs the rest', async () => {
      await seeded([]);
      const asked: string[] = [];
      deps.confirm = async (article, matches) => {
        asked.push(article.title);
        return matches.map((match) => ({
          ...match,
          relevance: { verdict: article.title.includes('rejected') ? 'rejected' : 'confirmed', by: 'test', cached: false },
        }));
      };
      const items = [story('rejected'), story('kept'), unrelated('other')];
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items }));

      expect(await pollFeed(url, deps)).toMatchObject({ status: 'polled', fresh: 3, matched: 1, queued: 1 });
      expect(queues.briefs.map((job) => job.article.title)).toEqual([items[1]?.title]);
      // Only matched articles are put to the check.
      expect(asked).toEqual([items[0]?.title, items[1]?.title]);
    });

    it('loses nothing when the worker dies between queuing the briefs and marking the items seen', async () => {
      await seeded([]);
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [story('crash')] }));
      const realSeen = deps.seen;
      const dying = { ...deps, seen: { ...realSeen, markSeen: () => Promise.reject(new Error('worker killed')) } };
      await expect(pollFeed(url, dying)).rejects.toThrow('worker killed');
      expect(queues.briefs).toHaveLength(1);

      // The next poll (another worker) finds the item unseen and queues it again: the story claim
      // recognises the same article, and the queue's job id makes the second enqueue a no-op.
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [story('crash')] }), { validators: 'none' });
      expect(await pollFeed(url, deps)).toMatchObject({ fresh: 1, queued: 1, duplicates: 0 });
      expect(queues.briefs).toHaveLength(1);
      expect(await pollFeed(url, deps)).toMatchObject({ fresh: 0, queued: 0 });
    });
  });

  describe('conditional GET', () => {
    it('sends the validators back, takes a 304 as success and reschedules by interval or max-age', async () => {
      server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [story('a')] }), {
        headers: { 'Cache-Control': 'max-age=7200' },
      });
      await addFeed(url, INTERVAL, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });
      await pollFeed(url, deps);
      const first = await deps.feeds.get(url);
      expect(first?.validators.etag).toMatch(/^"/);
      expect(first?.validators.lastModified).toMatch(/GMT$/);

      now += 2 * 60 * MINUTE;
      expect(await pollFeed(url, deps)).toMatchObject({ status: 'not-modified' });
      const request = server.requests('/feed.xml')[1];
      expect(request?.headers['if-none-match']).toBe(first?.validators.etag);
      expect(request?.headers['if-modified-since']).toBe(first?.validators.lastModified);
      expect(server.stats('/feed.xml').notModified).toBe(1);
      expect(await deps.feeds.get(url)).toMatchObject({
        validators: first?.validators,
        lastCheckAt: now,
        lastSuccessAt: now,
        nextCheckAt: now + 2 * 60 * MINUTE * ASKED, // max-age 7200 s beats the 10 min interval
      });
      expect(queues.briefs).toEqual([]);
    });

    it('waits as long as the feed\'s <ttl> asks, when that is longer than the interval', async () => {
      server.setDocument('/feed.xml', rssDocument({ language: 'en', ttlMinutes: 120, items: [story('a')] }));
      await addFeed(url, INTERVAL, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });
      await pollFeed(url, deps);
      expect((await deps.feeds.get(url))?.nextCheckAt).toBe(now + 120 * MINUTE * ASKED);
    });
  });

  describe('failures', () => {
    it('backs off 5 min x 2^(n-1), marks the feed failing after 5 failures, and clears it on success', async () => {
      await seeded([story('a')]);
      server.fail('/feed.xml', 500);
      const changes: unknown[] = [];
      deps.onHealthChange = async (change) => changes.push(change);

      for (let failures = 1; failures <= 6; failures++) {
        now = (await deps.feeds.get(url))?.nextCheckAt ?? now;
        expect(await pollFeed(url, deps)).toMatchObject({ status: 'failed' });
        const record = await deps.feeds.get(url);
        expect(record).toMatchObject({
          consecutiveFailures: failures,
          failing: failures >= FAILING_AFTER_FAILURES,
          lastCheckAt: now,
          lastErrorCode: 'http-status',
          nextCheckAt: now + FIRST_BACKOFF_MS * 2 ** (failures - 1),
        });
        expect(record?.lastError).toContain('500');
      }
      expect(FAILING_AFTER_FAILURES).toBe(5);
      // Told once, when it turned FAILING, not at every failure after.
      expect(changes).toEqual([{ url, state: 'failing', reason: expect.stringContaining('500') }]);

      // Back to normal: the unchanged document comes as a 304, which is a success too.
      server.serve('/feed.xml');
      now = (await deps.feeds.get(url))?.nextCheckAt ?? now;
      expect(await pollFeed(url, deps)).toMatchObject({ status: 'not-modified' });
      const recovered = await deps.feeds.get(url);
      expect(recovered).toMatchObject({ consecutiveFailures: 0, failing: false, lastSuccessAt: now, nextCheckAt: now + INTERVAL });
      expect(recovered?.lastError).toBeUndefined();
      expect(recovered?.lastErrorCode).toBeUndefined();
      expect(changes).toEqual([expect.objectContaining({ state: 'failing' }), { url, state: 'recovered' }]);
      // A poll that fails to tell the chats is still a poll.
      deps.onHealthChange = async () => {
        throw new Error('queue down');
      };
      server.fail('/feed.xml', 500);
      for (let failures = 1; failures <= FAILING_AFTER_FAILURES; failures++) {
        now = (await deps.feeds.get(url))?.nextCheckAt ?? now;
        expect(await pollFeed(url, deps)).toMatchObject({ status: 'failed' });
      }
      expect((await deps.feeds.get(url))?.failing).toBe(true);
    });

    it('jitters the backoff by at most 10%, earlier only, and caps it at a day', async () => {
      await seeded([]);
      server.fail('/feed.xml', 502);
      random = 0;
      await pollFeed(url, deps);
      expect((await deps.feeds.get(url))?.nextCheckAt).toBe(now + FIRST_BACKOFF_MS);
      random = 0.999_999;
      await pollFeed(url, deps);
      const second = (await deps.feeds.get(url))?.nextCheckAt ?? 0;
      expect(second - now).toBeGreaterThanOrEqual(0.9 * 2 * FIRST_BACKOFF_MS);
      expect(second - now).toBeLessThan(0.9001 * 2 * FIRST_BACKOFF_MS);

      random = 0;
      for (let i = 0; i < 10; i++) await pollFeed(url, deps);
      expect(await deps.feeds.get(url)).toMatchObject({ consecutiveFailures: 12, nextCheckAt: now + MAX_CHECK_DELAY_MS });
    });

    it('counts a server that never answers as a failure once the deadline passes', async () => {
      await seeded([]);
      server.hang('/feed.xml');
      const started = Date.now();
      expect(await pollFeed(url, deps)).toMatchObject({ status: 'failed' });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await deps.feeds.get(url)).toMatchObject({
        consecutiveFailures: 1,
        lastErrorCode: 'timeout',
        nextCheckAt: now + FIRST_BACKOFF_MS,
      });
    });

    it.each([
      { status: 503, retryAfter: '7200', waitMs: 2 * 60 * MINUTE },
      { status: 429, retryAfter: '3600', waitMs: 60 * MINUTE },
    ])('waits out the Retry-After of a $status when it is longer than the backoff', async ({ status, retryAfter, waitMs }) => {
      await seeded([]);
      server.fail('/feed.xml', status, { 'Retry-After': retryAfter });
      expect(await pollFeed(url, deps)).toMatchObject({ status: 'failed' });
      expect(await deps.feeds.get(url)).toMatchObject({ consecutiveFailures: 1, nextCheckAt: now + waitMs * ASKED });
    });

    it('caps a Retry-After at a day', async () => {
      await seeded([]);
      server.fail('/feed.xml', 429, { 'Retry-After': String(7 * 24 * 3600) });
      await pollFeed(url, deps);
      expect((await deps.feeds.get(url))?.nextCheckAt).toBe(now + MAX_CHECK_DELAY_MS);
    });

    it('reads a Retry-After given as an HTTP date, against the response Date', async () => {
      await seeded([]);
      const serverNow = Date.now();
      const at = new Date(Math.floor(serverNow / 1000) * 1000 + 3 * 60 * MINUTE);
      server.fail('/feed.xml', 429, { 'Retry-After': at.toUTCString(), Date: new Date(at.getTime() - 3 * 60 * MINUTE).toUTCString() });
      await pollFeed(url, deps);
      expect((await deps.feeds.get(url))?.nextCheckAt).toBe(now + 3 * 60 * MINUTE * ASKED);
    });

    it('keeps the backoff when Retry-After asks for less', async () => {
      await seeded([]);
      server.fail('/feed.xml', 503, { 'Retry-After': '30' });
      await pollFeed(url, deps);
      expect((await deps.feeds.get(url))?.nextCheckAt).toBe(now + FIRST_BACKOFF_MS);
    });

    it('does not bring back a feed removed while its poll was running', async () => {
      await seeded([]);
      server.hang('/feed.xml');
      const poll = pollFeed(url, deps);
      await removeFeed(url, { feeds: deps.feeds });
      expect(await poll).toMatchObject({ status: 'failed' });
      expect(await deps.feeds.get(url)).toBeUndefined();
      expect(await deps.feeds.claimDue(now + 365 * 24 * 60 * MINUTE, MINUTE, 10)).toEqual([]);
    });
  });
});
