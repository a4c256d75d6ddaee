/**
 * A poll whose host is busy is put off, not failed: no fetch, no failure counted, checked again
 * after the wait the limiter named.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFeed } from '../../../src/app/feeds/manage-feeds.js';
import type { PollFeedDeps } from '../../../src/app/feeds/poll-feed.js';
import { pollPolitely } from '../../../src/app/feeds/poll-politely.js';
import { createRedisArticleArchive } from '../../../src/adapters/redis/article-archive.js';
import { createRedisFeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createRedisSeenStore } from '../../../src/adapters/redis/seen-store.js';
import { createRedisStoryRegistry } from '../../../src/adapters/redis/story-registry.js';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import type { HostLimiter } from '../../../src/core/host-limiter.js';
import { createRecordingLogger, createRecordingQueues } from '../../fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const URL_ = 'https://busy.example/rss.xml';
const NOW = Date.UTC(2026, 0, 1);

describe('pollPolitely', () => {
  let test: TestRedis;
  let deps: PollFeedDeps;
  let fetches: string[];
  let released: number;
  beforeEach(async () => {
    test = await openTestRedis();
    fetches = [];
    released = 0;
    deps = {
      feeds: createRedisFeedStore(test.redis, test.prefix),
      fetcher: {
        async fetch(url) {
          fetches.push(url);
          return { status: 'not-modified', validators: {} };
        },
      },
      seen: createRedisSeenStore(test.redis, test.prefix),
      stories: createRedisStoryRegistry(test.redis, test.prefix),
      articles: createRedisArticleArchive(test.redis, test.prefix),
      matcher: async () => compileMatcher([]),
      queues: createRecordingQueues(),
      clock: { now: () => NOW },
      log: createRecordingLogger(),
      random: () => 0.5,
      maxItemAgeMs: 48 * 3_600_000,
    };
    await addFeed(URL_, 600_000, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });
  });
  afterEach(async () => {
    await test.cleanup();
  });

  const hosts = (free: boolean, asked: string[] = []): HostLimiter => ({
    async acquire(host) {
      asked.push(host);
      return free ? { ok: true, release: async () => void released++ } : { ok: false, waitMs: 42_000 };
    },
  });

  it('defers the feed when its host is busy: no fetch, no failure, next check after the wait', async () => {
    const before = await deps.feeds.get(URL_);
    const outcome = await pollPolitely(URL_, { ...deps, hosts: hosts(false) });
    expect(outcome.status).toBe('deferred');
    expect(fetches).toEqual([]);
    expect(await deps.feeds.get(URL_)).toEqual({ ...before, nextCheckAt: NOW + 42_000 });
  });

  it('polls when the host has a slot, asking by host, and releases the slot', async () => {
    const asked: string[] = [];
    const outcome = await pollPolitely(URL_, { ...deps, hosts: hosts(true, asked) });
    expect(outcome.status).toBe('not-modified');
    expect(asked).toEqual(['busy.example']);
    expect(fetches).toEqual([URL_]);
    expect(released).toBe(1);
  });
});
