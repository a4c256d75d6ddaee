/**
 * `scale`: 10,000 feeds due every 5 minutes on one `kabar start --role worker` process.
 *
 * The feeds are written to Redis as already seeded, with the validators the farm serves, so their
 * polls are conditional GETs answered 304, and their first due times are spread evenly over one
 * interval. A few feeds get a new item during the run. A full 5-minute cycle does not fit the
 * bench's 10-minute budget next to the others, so the bench watches the first `WINDOW_MS` of the
 * cycle (two minutes of five): every feed due in that window is expected to be polled, and one not polled
 * by the end counts with its lag so far. CPU share is the kabar process's CPU seconds per second
 * (1.0 = one core busy); Redis's own share is read from INFO.
 */
import { createRedisFeedStore } from '../src/adapters/redis/feed-store.js';
import { benchFeedRecord } from './support/bench-kabar.js';
import { openBenchRedis } from './support/bench-redis.js';
import { startFeedFarm, type FarmRequest } from './support/feed-farm.js';
import { kabarBuild, spawnKabar } from './support/kabar-process.js';
import { quantile, round, type BenchContext } from './support/report.js';
import { accordsStory } from '../test/integration/stories.js';

const INTERVAL_MS = 5 * 60_000;
/** Scheduler tick of the run (the default is 5 s): see BENCHMARKS.md for why 10 s here. */
const TICK = '10s';

export default async function scale(ctx: BenchContext): Promise<void> {
  const count = ctx.quick ? 300 : 10_000;
  const windowMs = ctx.quick ? 4_000 : 120_000;
  const startupMs = ctx.quick ? 6_000 : 15_000;
  const farm = await startFeedFarm(count);
  const bench = await openBenchRedis(ctx, 'scale');
  try {
    const memoryBefore = await bench.info('memory', 'used_memory');
    const feeds = createRedisFeedStore(bench.redis, bench.keyPrefix);
    // Due times from t0 on, one every INTERVAL / count; t0 leaves the child time to start.
    const t0 = Date.now() + startupMs;
    const dueAt = (feed: number): number => t0 + Math.floor((feed * INTERVAL_MS) / count);
    for (let from = 0; from < count; from += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, count - from) }, async (_, i) => {
          const feed = from + i;
          await feeds.add(benchFeedRecord(farm.url(feed), INTERVAL_MS, { seeded: true, validators: farm.validators(feed), nextCheckAt: dueAt(feed) }));
        }),
      );
    }
    const memoryWithFeeds = await bench.info('memory', 'used_memory');

    const firstPoll = new Map<number, FarmRequest>();
    let requests = 0;
    let notModified = 0;
    farm.onRequest = (request) => {
      requests++;
      if (request.status === 304) notModified++;
      if (!firstPoll.has(request.feed)) firstPoll.set(request.feed, request);
    };
    const kabar = await spawnKabar('worker', {
      REDIS_URL: bench.url,
      KABAR_REDIS_PREFIX: bench.prefix,
      KABAR_ALLOW_PRIVATE_FEEDS: 'true',
      KABAR_SCHEDULER_TICK: TICK,
      KABAR_FETCH_PER_HOST_CONCURRENCY: '100',
      KABAR_FETCH_PER_HOST_PER_MINUTE: '6000',
      KABAR_DEFAULT_LANGUAGE: 'en',
    });
    try {
      await sleep(t0 - Date.now());
      const cpuAtStart = kabar.cpuSeconds();
      const redisCpuAtStart = (await bench.info('cpu', 'used_cpu_user')) + (await bench.info('cpu', 'used_cpu_sys'));
      const requestsAtStart = requests;
      // A few new items (one feed in 200), at random moments of the window; some match a topic.
      const published: NodeJS.Timeout[] = [];
      for (let n = 0; n < count / 200; n++) {
        const feed = Math.floor(Math.random() * count);
        published.push(setTimeout(() => farm.publish(feed, accordsStory(`scale-${n}`)), Math.random() * windowMs));
      }
      await sleep(windowMs);
      const ended = Date.now();
      published.forEach(clearTimeout);
      const cpuShare = (kabar.cpuSeconds() - cpuAtStart) / (windowMs / 1000);
      const redisCpu = (await bench.info('cpu', 'used_cpu_user')) + (await bench.info('cpu', 'used_cpu_sys')) - redisCpuAtStart;
      const polls = requests - requestsAtStart;

      const lags: number[] = [];
      let missed = 0;
      for (let feed = 0; feed < count && dueAt(feed) <= ended; feed++) {
        const poll = firstPoll.get(feed);
        if (poll === undefined) missed++;
        lags.push(((poll?.at ?? ended) - dueAt(feed)) / 1000);
      }
      const memoryAfter = await bench.info('memory', 'used_memory');
      ctx.row({
        bench: 'scale',
        feeds: count,
        interval_s: INTERVAL_MS / 1000,
        tick_s: Number.parseInt(TICK, 10),
        window_s: windowMs / 1000,
        due_in_window: lags.length,
        polls_per_s: round(polls / (windowMs / 1000)),
        needed_polls_per_s: round(count / (INTERVAL_MS / 1000)),
        not_modified_share: round(notModified / Math.max(1, requests)),
        lag_p50_s: round(quantile(lags, 0.5)),
        lag_p95_s: round(quantile(lags, 0.95)),
        lag_max_s: round(Math.max(...lags)),
        not_polled: missed,
        cpu_share: round(cpuShare),
        runs: kabarBuild(),
        redis_cpu_share: round(redisCpu / (windowMs / 1000)),
        redis_bytes_per_feed: Math.round((memoryAfter - memoryBefore) / count),
        redis_record_bytes_per_feed: Math.round((memoryWithFeeds - memoryBefore) / count),
      });
      for (const complaint of kabar.complaints.slice(0, 3)) ctx.note(`scale: kabar said ${complaint}`);
    } finally {
      await kabar.stop();
    }
  } finally {
    await bench.close();
    await farm.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
