/**
 * Adding, removing and describing feeds on the real Redis feed store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addFeed,
  defaultFeeds,
  describeFeedHealth,
  removeFeed,
  seedDefaultFeeds,
  type ManageFeedsDeps,
} from '../../../src/app/feeds/manage-feeds.js';
import { createRedisFeedStore } from '../../../src/adapters/redis/feed-store.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const NOW = 1_762_400_000_000;

describe('feed management', () => {
  let redis: TestRedis;
  let random: number;
  let deps: ManageFeedsDeps;

  beforeEach(async () => {
    redis = await openTestRedis();
    random = 0.5;
    deps = { feeds: createRedisFeedStore(redis.redis, redis.prefix), clock: { now: () => NOW }, random: () => random };
  });
  afterEach(() => redis.cleanup());

  it('adds a feed unseeded, first checked within a minute, and refuses it twice', async () => {
    const record = await addFeed('  https://news.example/rss#top ', 15 * 60_000, deps);
    expect(record).toMatchObject({
      url: 'https://news.example/rss',
      intervalMs: 15 * 60_000,
      seeded: false,
      consecutiveFailures: 0,
      failing: false,
      validators: {},
      nextCheckAt: NOW + 30_000,
    });
    expect(await deps.feeds.get('https://news.example/rss')).toEqual(record);
    expect(await deps.feeds.claimDue(NOW + 59_999, 1, 10)).toEqual(['https://news.example/rss']);
    await expect(addFeed('https://news.example/rss', 15 * 60_000, deps)).rejects.toMatchObject({ kind: 'permanent', code: 'duplicate' });
  });

  it.each([
    ['not a url', 'bad-url'],
    ['ftp://news.example/rss', 'bad-url'],
    ['https://user:secret@news.example/rss', 'bad-url'],
  ])('refuses %s', async (url, code) => {
    await expect(addFeed(url, 15 * 60_000, deps)).rejects.toMatchObject({ kind: 'permanent', code });
    expect(await deps.feeds.list()).toEqual([]);
  });

  it('refuses an interval under a minute', async () => {
    await expect(addFeed('https://news.example/rss', 30_000, deps)).rejects.toMatchObject({ code: 'usage' });
  });

  it('removes a feed from the list and the schedule, and says when there was none', async () => {
    await addFeed('https://news.example/rss', 15 * 60_000, deps);
    await removeFeed('https://news.example/rss', deps);
    expect(await deps.feeds.list()).toEqual([]);
    expect(await deps.feeds.claimDue(NOW + 3_600_000, 1, 10)).toEqual([]);
    await expect(removeFeed('https://news.example/rss', deps)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('seeds the shipped feeds once', async () => {
    expect(await seedDefaultFeeds(10 * 60_000, deps)).toBe(defaultFeeds().length);
    expect(await seedDefaultFeeds(10 * 60_000, deps)).toBe(0);
    expect((await deps.feeds.list()).map((feed) => feed.url).sort()).toEqual(defaultFeeds().map((feed) => new URL(feed.url).toString()).sort());
  });

  it('describes a feed\'s health, failing first', async () => {
    const record = await addFeed('https://news.example/rss', 10 * 60_000, deps);
    expect(describeFeedHealth(record, NOW)).toContain('new, not checked yet');
    const failing = { ...record, consecutiveFailures: 5, failing: true, lastError: 'http-status: 500', nextCheckAt: NOW + 80 * 60_000 };
    expect(describeFeedHealth(failing, NOW)).toMatch(/FAILING \(5 failures: http-status: 500\).*next check in/);
  });
});
