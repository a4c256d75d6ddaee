/**
 * kabar started in the bench process (`openRuntime` + `startKabar`, real BullMQ workers) on the
 * bench's redis-server under a throwaway key prefix, which `stop()` deletes.
 */
import { silentLogger } from '../../src/adapters/log/create-logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { FeedRecord } from '../../src/core/ports.js';
import { openRuntime, startKabar, type RunningKabar, type StartOptions } from '../../src/main.js';
import type { BenchContext } from './report.js';

/** The settings every bench kabar shares: loopback feeds allowed, every feed on 127.0.0.1. */
export async function benchConfig(ctx: BenchContext, env: Record<string, string> = {}): Promise<Config> {
  return loadConfig({
    REDIS_URL: await ctx.redisUrl(),
    KABAR_ALLOW_PRIVATE_FEEDS: 'true',
    KABAR_LOG_LEVEL: 'error',
    KABAR_TRANSLATOR: 'none',
    // Every bench feed is on 127.0.0.1: per-host politeness would make one host of a thousand feeds.
    KABAR_FETCH_PER_HOST_CONCURRENCY: '100',
    KABAR_FETCH_PER_HOST_PER_MINUTE: '6000',
    ...env,
  });
}

/** Starts kabar (role `worker` unless `options` say otherwise) on `config`; `stop()` also deletes its keys. */
export async function startBenchKabar(config: Config, options: Partial<StartOptions> = {}): Promise<RunningKabar> {
  const runtime = await openRuntime(config, { log: silentLogger, throwawayRedis: true });
  return startKabar(runtime, { role: 'worker', seedFeeds: false, writeBrief: () => undefined, ...options });
}

/**
 * A feed record as `addFeed` makes it, for writing straight to the feed store. Benchmarks that add
 * thousands of feeds do not call `addFeed`: its duplicate check lists every stored feed, so adding
 * N feeds one by one costs O(N²) (see BENCHMARKS.md).
 */
export function benchFeedRecord(url: string, intervalMs: number, overrides: Partial<FeedRecord> = {}): FeedRecord {
  return {
    url,
    intervalMs,
    addedAt: Date.now(),
    seeded: false,
    validators: {},
    consecutiveFailures: 0,
    failing: false,
    nextCheckAt: Date.now(),
    ...overrides,
  };
}
