/**
 * What the integration tests share: kabar started for real (`openRuntime` + `startKabar`, BullMQ
 * workers, the one-second scheduler tick) on the test redis-server under a fresh key prefix,
 * briefs collected from the console sender, and helpers to wait for the pipeline instead of
 * sleeping.
 */
import { inject } from 'vitest';
import { addFeed } from '../../src/app/feeds/manage-feeds.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Article } from '../../src/core/article.js';
import { DEFAULT_BRIEF_STYLE, type BriefStyle } from '../../src/core/briefs/brief.js';
import type { FeedRecord, Subscription, TranslationFallback } from '../../src/core/ports.js';
import { openRuntime, startKabar, type Runtime, type RunningKabar, type StartOptions } from '../../src/main.js';
import type { BullmqPipeline } from '../../src/adapters/queue/pipeline-queues.js';
import { createRecordingLogger, type RecordingLogger } from '../fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';
import type { Story } from './stories.js';
import { waitFor } from '../support/wait-for.js';

export { accordsStory, unrelatedStory, type Story } from './stories.js';
export { waitFor } from '../support/wait-for.js';

/**
 * The settings every test kabar starts from, in this process or as a child process: a fast tick,
 * loopback feeds allowed, short feed timeouts, no translator.
 */
export const TEST_PIPELINE_ENV: Readonly<Record<string, string>> = {
  KABAR_SCHEDULER_TICK: '1s',
  KABAR_ALLOW_PRIVATE_FEEDS: 'true',
  KABAR_FEED_CONNECT_TIMEOUT: '2s',
  KABAR_FEED_DEADLINE: '3s',
  KABAR_DEFAULT_LANGUAGE: 'en',
  KABAR_TRANSLATOR: 'none',
  // Every fake feed is on 127.0.0.1: the per-host politeness limits are tested on their own.
  KABAR_FETCH_PER_HOST_CONCURRENCY: '100',
  KABAR_FETCH_PER_HOST_PER_MINUTE: '6000',
};

/** One running kabar process (in this process). */
export interface TestKabar {
  running: RunningKabar;
  runtime: Runtime;
  pipeline: BullmqPipeline;
  /** The briefs its console sender printed, in the reference text shape (separator rule removed). */
  printed: string[];
  /** Ordered shutdown; safe to call twice. */
  stop(): Promise<void>;
}

/** kabar on one key prefix, started as often as a test likes. */
export interface KabarHarness {
  /** `{t-xxxxxxxx}`: KABAR_REDIS_PREFIX, and the BullMQ prefix. */
  prefix: string;
  /** Shared by every kabar this harness starts. */
  log: RecordingLogger;
  config(extraEnv?: Record<string, string>): Config;
  /** Starts `startKabar(role worker, seedFeeds false)` on the prefix; `options` override those. */
  start(extraEnv?: Record<string, string>, options?: Partial<StartOptions>): Promise<TestKabar>;
  /** Stops every kabar started and deletes every key under the prefix (stores and queues alike). */
  cleanup(): Promise<void>;
}

/** Opens a harness with `env` on top of the test defaults. */
export async function openKabarHarness(env: Record<string, string> = {}): Promise<KabarHarness> {
  const redis: TestRedis = await openTestRedis();
  const prefix = redis.prefix.replace(/:$/, '');
  const log = createRecordingLogger();
  const started: TestKabar[] = [];
  const config = (extraEnv: Record<string, string> = {}): Config =>
    loadConfig({
      REDIS_URL: inject('redisUrl'),
      KABAR_REDIS_PREFIX: prefix,
      ...TEST_PIPELINE_ENV,
      ...env,
      ...extraEnv,
    });
  return {
    prefix,
    log,
    config,
    async start(extraEnv = {}, options = {}) {
      const runtime = await openRuntime(config(extraEnv), { log });
      const printed: string[] = [];
      const writeBrief = (text: string): void => {
        printed.push(text.replace(/^-{72}\n/, '').replace(/\n$/, ''));
      };
      const running = await startKabar(runtime, { role: 'worker', seedFeeds: false, writeBrief, ...options });
      let stopped: Promise<void> | undefined;
      const kabar: TestKabar = {
        running,
        runtime,
        pipeline: running.pipeline,
        printed,
        stop: () => (stopped ??= running.stop(10_000)),
      };
      started.push(kabar);
      return kabar;
    },
    async cleanup() {
      await Promise.allSettled(started.map((kabar) => kabar.stop()));
      await redis.cleanup();
    },
  };
}

/** Adds `url` as a new feed that is due at once (the first check of a real add is within a minute). */
export async function addDueFeed(runtime: Runtime, url: string, intervalMs = 60_000): Promise<FeedRecord> {
  return addFeed(url, intervalMs, { feeds: runtime.feeds, clock: runtime.clock, random: () => 0 });
}

/** Makes a feed due now, as if its next check had come; the next scheduler tick claims it. */
export async function makeDue(runtime: Runtime, url: string): Promise<void> {
  const record = await runtime.feeds.get(url);
  if (record === undefined) throw new Error(`makeDue: ${url} is not a feed`);
  await runtime.feeds.save({ ...record, nextCheckAt: Date.now() });
}

/** The `feed polled` outcomes logged for `url` so far (one per finished poll). */
export function pollsOf(log: RecordingLogger, url: string): Record<string, unknown>[] {
  return log
    .find('feed polled')
    .map((entry) => entry.fields)
    .filter((fields) => fields.url === url);
}

/** Waits until `url` has been polled `count` times in all, and returns the last outcome. */
export async function waitForPolls(log: RecordingLogger, url: string, count: number, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return waitFor(() => {
    const polls = pollsOf(log, url);
    return polls.length >= count ? polls[count - 1] : undefined;
  }, timeoutMs, `poll #${count} of ${url}`);
}

/**
 * Waits until no brief or delivery job is waiting, delayed or running. Briefs are read before
 * deliveries: a finished brief job has already queued its deliveries.
 */
export async function waitForIdle(pipeline: BullmqPipeline, timeoutMs = 10_000): Promise<void> {
  const busy = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
  await waitFor(async () => {
    const briefs = await pipeline.brief.getJobCounts(...busy);
    if (Object.values(briefs).some((count) => count > 0)) return false;
    for (const queue of Object.values(pipeline.deliverTo)) {
      const deliveries = await queue.getJobCounts(...busy);
      if (Object.values(deliveries).some((count) => count > 0)) return false;
    }
    return true;
  }, timeoutMs, 'brief and deliver queues idle');
}

/** The failed jobs of every queue, to show what went wrong when a test fails. */
export async function failedJobs(pipeline: BullmqPipeline): Promise<string[]> {
  const lists = await Promise.all(pipeline.all.map((queue) => queue.getFailed()));
  return lists.flat().map((job) => `${job.queueName}/${job.id}: ${job.failedReason}`);
}

/** A subscription on the console (the sender every test kabar runs). */
export function consoleSubscription(
  id: string,
  language: string,
  options: { style?: BriefStyle; onTranslationFailure?: TranslationFallback; topics?: string[] } = {},
): Subscription {
  return {
    id,
    platform: 'console',
    chatId: 'stdout',
    topics: options.topics ?? [],
    language,
    style: options.style ?? DEFAULT_BRIEF_STYLE,
    onTranslationFailure: options.onTranslationFailure ?? 'deliver-with-note',
    createdAt: 0,
  };
}

/** The article id kabar gives a story: read back from the archive, where every polled article goes. */
export async function articleIdOf(runtime: Runtime, story: Story): Promise<string> {
  const recent: Article[] = await runtime.articles.recent(100);
  const found = recent.find((article) => article.title === story.title);
  if (found === undefined) throw new Error(`articleIdOf: "${story.title}" was never polled`);
  return found.id;
}
