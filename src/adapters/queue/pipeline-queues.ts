/**
 * The three BullMQ queues of the pipeline (DESIGN.md, "Flow"): `poll` (one job per due feed, plus
 * the scheduler tick), `brief` (one job per article) and `deliver` (one job per article x
 * subscription). Job ids make every step idempotent.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BriefJob, DeliveryJob, PipelineQueues, Platform } from '../../core/ports.js';
import { shortHash } from '../../core/short-hash.js';
import { KABAR_BACKOFF } from './error-mapping.js';

/**
 * Queue names. Deliveries have a queue per platform, so that a platform-wide rate limit pauses
 * only that platform's deliveries (and a worker without a platform's token leaves its jobs to
 * processes that have one); the console keeps the plain `deliver`.
 */
export const QUEUE = {
  poll: 'poll',
  brief: 'brief',
  deliver: 'deliver',
  deliverDiscord: 'deliver-discord',
  deliverTelegram: 'deliver-telegram',
} as const;

/** The delivery queue of each platform. */
export const DELIVER_QUEUE: Readonly<Record<Platform, string>> = {
  console: QUEUE.deliver,
  discord: QUEUE.deliverDiscord,
  telegram: QUEUE.deliverTelegram,
};
/** Job names on the `poll` queue. */
export const POLL_JOB = { tick: 'tick', poll: 'poll' } as const;

/** Data of a `poll` job. */
export interface PollJobData {
  url: string;
}

/** Retry policy per queue: briefs wait out translation outages, deliveries chat outages. */
export const JOB_OPTIONS = {
  poll: { attempts: 1, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
  brief: {
    attempts: 6,
    backoff: { type: KABAR_BACKOFF, delay: 30_000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  deliver: {
    attempts: 8,
    backoff: { type: KABAR_BACKOFF, delay: 5_000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
} satisfies Record<string, JobsOptions>;

/**
 * A held brief (`BriefJob.held`) retries until its translation comes through: its own hold
 * deadline (KABAR_TRANSLATION_HOLD), not an attempt count, ends the wait. The backoff is capped
 * (see `kabarBackoff`), so this many attempts outlast any hold the configuration allows.
 */
export const HELD_BRIEF_ATTEMPTS = 100_000;

/** Pipeline settings from the configuration. */
export interface PipelineQueueOptions {
  /** The first wait before a failed brief is retried (doubles each time); default {@link JOB_OPTIONS}'s. */
  briefRetryMs?: number;
}

/** The queues plus the {@link PipelineQueues} port over them. */
export interface BullmqPipeline {
  port: PipelineQueues;
  poll: Queue;
  brief: Queue;
  /** The console's deliveries. */
  deliver: Queue;
  /** Every platform's delivery queue (`deliverTo.console` is {@link deliver}). */
  deliverTo: Readonly<Record<Platform, Queue>>;
  /** Every queue, in pipeline order. */
  all: readonly Queue[];
  /** Creates or updates the one scheduler that ticks every `everyMs`, and ticks once now. Safe from many processes. */
  scheduleTick(everyMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the queues on `connection` under the BullMQ prefix (a hash tag such as `{kabar}`, so all
 * keys of a queue share one Redis Cluster slot).
 */
export function createBullmqPipeline(connection: Redis, prefix: string, settings: PipelineQueueOptions = {}): BullmqPipeline {
  const options = { connection, prefix };
  const briefRetryMs = settings.briefRetryMs ?? JOB_OPTIONS.brief.backoff.delay;
  const briefOptions = { ...JOB_OPTIONS.brief, backoff: { ...JOB_OPTIONS.brief.backoff, delay: briefRetryMs } };
  const poll = new Queue(QUEUE.poll, options);
  const brief = new Queue(QUEUE.brief, options);
  const deliverTo: Record<Platform, Queue> = {
    console: new Queue(DELIVER_QUEUE.console, options),
    discord: new Queue(DELIVER_QUEUE.discord, options),
    telegram: new Queue(DELIVER_QUEUE.telegram, options),
  };
  const deliver = deliverTo.console;
  const all = [poll, brief, deliverTo.console, deliverTo.discord, deliverTo.telegram];

  const port: PipelineQueues = {
    async enqueuePolls(urls) {
      if (urls.length === 0) return;
      await poll.addBulk(
        urls.map((url) => ({
          name: POLL_JOB.poll,
          data: { url } satisfies PollJobData,
          // One waiting or running poll per feed, however many ticks claim it.
          opts: { ...JOB_OPTIONS.poll, deduplication: { id: `poll-${shortHash(url)}` } },
        })),
      );
    },
    async enqueueBrief(job: BriefJob) {
      if (job.held === undefined) {
        await brief.add('brief', job, { ...briefOptions, jobId: job.article.id });
        return;
      }
      // The translator has just failed: the held job's first try waits one retry delay.
      await brief.add('brief', job, {
        ...briefOptions,
        jobId: `${job.article.id}-held`,
        attempts: HELD_BRIEF_ATTEMPTS,
        delay: briefRetryMs,
      });
    },
    async enqueueDeliveries(jobs: readonly DeliveryJob[]) {
      const byPlatform = new Map<Platform, DeliveryJob[]>();
      for (const job of jobs) {
        const platform = job.platform ?? 'console';
        byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), job]);
      }
      for (const [platform, batch] of byPlatform) {
        await deliverTo[platform].addBulk(
          batch.map((job) => ({
            name: 'deliver',
            data: job,
            opts: { ...JOB_OPTIONS.deliver, jobId: `${job.articleId}-${job.subscriptionId}` },
          })),
        );
      }
    },
  };

  return {
    port,
    poll,
    brief,
    deliver,
    deliverTo,
    all,
    async scheduleTick(everyMs) {
      const opts = { removeOnComplete: true, removeOnFail: 100 };
      await poll.upsertJobScheduler('feed-tick', { every: everyMs }, { name: POLL_JOB.tick, opts });
      // One tick now, so the feeds that are due are polled at start, not a whole period later.
      await poll.add(POLL_JOB.tick, {}, opts);
    },
    async close() {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}
