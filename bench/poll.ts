/**
 * `poll`: 1,000 feeds on a loopback feed farm, polled twice by kabar's poll use case (conditional
 * GET, parse, normalize, dedupe against Redis, match), the second time with nothing changed; then
 * the same 1,000 URLs read with rss-parser's `parseURL`, the naive way (no conditional GET). Both
 * run `CONCURRENCY` requests at a time. Bytes are what the farm wrote (headers included).
 */
import Parser from 'rss-parser';
import { silentLogger } from '../src/adapters/log/create-logger.js';
import { pollFeed, type PollFeedDeps } from '../src/app/feeds/poll-feed.js';
import { createFeedFetcher, openRuntime } from '../src/main.js';
import { compileMatcher } from '../src/core/matching/compile.js';
import { defaultTopics } from '../src/core/topics/default-topics.js';
import { benchConfig, benchFeedRecord } from './support/bench-kabar.js';
import { startFeedFarm } from './support/feed-farm.js';
import { round, type BenchContext } from './support/report.js';

const CONCURRENCY = 8;

/** Runs `task` over `items`, `limit` at a time. */
export async function inPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export default async function poll(ctx: BenchContext): Promise<void> {
  const count = ctx.quick ? 50 : 1_000;
  const farm = await startFeedFarm(count);
  const config = await benchConfig(ctx);
  const runtime = await openRuntime(config, { log: silentLogger, throwawayRedis: true });
  try {
    const urls = Array.from({ length: count }, (_, feed) => farm.url(feed));
    for (const url of urls) await runtime.feeds.add(benchFeedRecord(url, 600_000));
    const matcher = compileMatcher(defaultTopics());
    const deps: PollFeedDeps = {
      feeds: runtime.feeds,
      fetcher: createFeedFetcher(config),
      seen: runtime.seen,
      stories: runtime.stories,
      articles: runtime.articles,
      matcher: async () => matcher,
      // Nothing is new on either cycle (the first marks everything seen), so nothing is queued.
      queues: { enqueuePolls: async () => undefined, enqueueBrief: async () => undefined, enqueueDeliveries: async () => undefined },
      clock: runtime.clock,
      log: silentLogger,
      random: Math.random,
      maxItemAgeMs: config.KABAR_MAX_ITEM_AGE,
    };
    const cycle = async (run: (url: string) => Promise<unknown>): Promise<{ seconds: number; bytes: number; cpuS: number }> => {
      const bytesBefore = farm.bytesSent();
      const cpu = process.cpuUsage();
      const started = performance.now();
      await inPool(urls, CONCURRENCY, run);
      const used = process.cpuUsage(cpu);
      return { seconds: (performance.now() - started) / 1000, bytes: farm.bytesSent() - bytesBefore, cpuS: (used.user + used.system) / 1e6 };
    };
    const statuses = new Map<string, number>();
    const kabarPoll = async (url: string): Promise<void> => {
      const outcome = await pollFeed(url, deps);
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    };
    const first = await cycle(kabarPoll);
    const second = await cycle(kabarPoll);
    const parser = new Parser();
    const naive = await cycle((url) => parser.parseURL(url));
    ctx.row({
      bench: 'poll',
      feeds: count,
      concurrency: CONCURRENCY,
      feeds_per_s: round(count / second.seconds),
      first_cycle_feeds_per_s: round(count / first.seconds),
      bytes_first: first.bytes,
      bytes_second: second.bytes,
      second_share: round(second.bytes / first.bytes),
      kabar_cycle_s: round(second.seconds),
      kabar_first_cycle_s: round(first.seconds),
      rss_parser_cycle_s: round(naive.seconds),
      rss_parser_bytes: naive.bytes,
      kabar_cpu_s: round(second.cpuS),
      kabar_first_cpu_s: round(first.cpuS),
      rss_parser_cpu_s: round(naive.cpuS),
    });
    ctx.note(`poll: kabar outcomes over both cycles: ${[...statuses].map(([status, n]) => `${status} ${n}`).join(', ')}; cpu is the bench process's (poller and farm)`);
  } finally {
    await runtime.close();
    await farm.close();
  }
}
