/**
 * The scheduler tick on the real Redis feed store: only due feeds are queued, each once however
 * many schedulers tick at the same moment, and a feed whose poll never reports back is due again
 * after the lease.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLL_LEASE_MS, scheduleDueFeeds, type ScheduleDueFeedsDeps } from '../../../src/app/feeds/schedule-due-feeds.js';
import { addFeed } from '../../../src/app/feeds/manage-feeds.js';
import { createRedisFeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createRecordingQueues, type RecordingQueues } from '../../fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

describe('scheduleDueFeeds', () => {
  let redis: TestRedis;
  let now: number;
  let queues: RecordingQueues;
  let deps: ScheduleDueFeedsDeps;

  async function feedDueIn(url: string, ms: number): Promise<void> {
    const record = await addFeed(url, 10 * 60_000, { feeds: deps.feeds, clock: deps.clock, random: () => 0 });
    await deps.feeds.save({ ...record, nextCheckAt: now + ms });
  }

  beforeEach(async () => {
    redis = await openTestRedis();
    now = 1_762_400_000_000;
    queues = createRecordingQueues();
    deps = { feeds: createRedisFeedStore(redis.redis, redis.prefix), queues, clock: { now: () => now } };
  });
  afterEach(() => redis.cleanup());

  it('queues the feeds whose next check has come, and leases them', async () => {
    await feedDueIn('https://a.example/rss', -1_000);
    await feedDueIn('https://b.example/rss', 0);
    await feedDueIn('https://c.example/rss', 1_000);

    expect((await scheduleDueFeeds(deps)).sort()).toEqual(['https://a.example/rss', 'https://b.example/rss']);
    expect(queues.polls.sort()).toEqual(['https://a.example/rss', 'https://b.example/rss']);
    expect(await scheduleDueFeeds(deps)).toEqual([]);

    now += 1_000;
    expect(await scheduleDueFeeds(deps)).toEqual(['https://c.example/rss']);
    // A poll that never reported back: due again once the lease is over.
    now += POLL_LEASE_MS - 1_000;
    expect((await scheduleDueFeeds(deps)).sort()).toEqual(['https://a.example/rss', 'https://b.example/rss']);
  });

  it('gives each due feed to one of several schedulers ticking at once', async () => {
    const urls = Array.from({ length: 40 }, (_, index) => `https://feed${index}.example/rss`);
    for (const url of urls) await feedDueIn(url, -index(url));
    const ticks = await Promise.all(Array.from({ length: 4 }, () => scheduleDueFeeds(deps, 15)));
    const claimed = ticks.flat();
    expect(claimed.sort()).toEqual([...urls].sort());
    expect(ticks.every((tick) => tick.length <= 15)).toBe(true);
  });
});

function index(url: string): number {
  return Number(/feed(\d+)/.exec(url)?.[1] ?? 0);
}
