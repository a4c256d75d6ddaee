/**
 * The three BullMQ queues of the pipeline (DESIGN.md, "Flow"): `poll` (one job per due feed, plus
 * the scheduler tick), `brief` (one job per article) and `deliver` (one job per article x
 * subscription). Job ids make every step idempotent.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BriefJob, DeliveryJob, PipelineQueues } from '../../core/ports.js';
import { shortHash } from '../../core/short-hash.js';
import { KABAR_BACKOFF } from './error-mapping.js';

/** Queue names. */
export const QUEUE = { poll: 'poll', brief: 'brief', deliver: 'deliver' } as const;
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

/** The queues plus the {@link PipelineQueues} port over them. */
export interface BullmqPipeline {
  port: PipelineQueues;
  poll: Queue;
  brief: Queue;
  deliver: Queue;
  /** Creates or updates the one scheduler that ticks every `everyMs`. Safe from many processes. */
  scheduleTick(everyMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the queues on `connection` under the BullMQ prefix (a hash tag such as `{kabar}`, so all
 * keys of a queue share one Redis Cluster slot).
 */
export function createBullmqPipeline(connection: Redis, prefix: string): BullmqPipeline {
  const options = { connection, prefix };
  const poll = new Queue(QUEUE.poll, options);
  const brief = new Queue(QUEUE.brief, options);
  const deliver = new Queue(QUEUE.deliver, options);

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
      await brief.add('brief', job, { ...JOB_OPTIONS.brief, jobId: job.article.id });
    },
    async enqueueDeliveries(jobs: readonly DeliveryJob[]) {
      if (jobs.length === 0) return;
      await deliver.addBulk(
        jobs.map((job) => ({
          name: 'deliver',
          data: job,
          opts: { ...JOB_OPTIONS.deliver, jobId: `${job.articleId}-${job.subscriptionId}` },
        })),
      );
    },
  };

  return {
    port,
    poll,
    brief,
    deliver,
    async scheduleTick(everyMs) {
      await poll.upsertJobScheduler('feed-tick', { every: everyMs }, { name: POLL_JOB.tick, opts: { removeOnComplete: true, removeOnFail: 100 } });
    },
    async close() {
      await Promise.all([poll.close(), brief.close(), deliver.close()]);
    },
  };
}
