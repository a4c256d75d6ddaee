/**
 * The BullMQ workers of the pipeline. Any number of processes may run them against one Redis:
 * job ids, the durable "sent" records and Redis-held rate limits keep them from stepping on each
 * other.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BriefJob, DeliveryJob, Logger, Platform } from '../../core/ports.js';
import { describeError } from '../../core/errors.js';
import { withLogFields } from '../log/log-context.js';
import type { WriteRefusalWatch } from '../redis/write-refusal-watch.js';
import { kabarBackoff, withBullmqErrors } from './error-mapping.js';
import { DELIVER_QUEUE, JOB_OPTIONS, POLL_JOB, QUEUE, type PollJobData } from './pipeline-queues.js';

/** What the workers run: the use cases, already given their dependencies by `main.ts`. */
export interface PipelineHandlers {
  tick(): Promise<unknown>;
  poll(job: PollJobData): Promise<unknown>;
  brief(job: BriefJob, attempt: { finalAttempt: boolean }): Promise<unknown>;
  deliver(job: DeliveryJob): Promise<unknown>;
}

/** Worker settings. */
export interface PipelineWorkerOptions {
  /** Jobs run at once per queue in this process. */
  concurrency: number;
  /** The platforms this process can send to (it has their senders): one delivery worker each. */
  platforms: readonly Platform[];
  /**
   * Delivery jobs run at once per platform in this process (default `concurrency`). Pacing is
   * the Redis pacer's job; this only bounds how many chats one process serves at a time.
   */
  deliveryConcurrency?: number;
  /** The first wait before a failed brief is retried, as given to the queues (`PipelineQueueOptions`). */
  briefRetryMs?: number;
  /** Redis refusing writes (out of memory, read-only) is reported once there, not per job and loop. */
  refusals?: Pick<WriteRefusalWatch, 'noticed'>;
  log: Logger;
}

/**
 * How often a job may be found stalled (its worker died holding it: SIGKILL, OOM, a lost machine)
 * and still be run again. BullMQ's default, 1, fails a job whose second worker dies too, and a
 * failed brief or delivery job keeps its id, so the article never reaches its chats: workers that
 * restart a few times in a row (a crash-looping deploy, the fault suite's SIGKILLs) lost briefs.
 * A job that really kills every worker that takes it still ends up failed, after this many.
 */
export const MAX_STALLS = 10;

/** Running workers. */
export interface PipelineWorkers {
  workers: Worker[];
  /**
   * Stops taking jobs and waits up to `deadlineMs` for running ones; whatever is still running
   * then is handed back (BullMQ's stalled-job check gives it to another worker).
   */
  close(deadlineMs: number): Promise<void>;
}

/** Starts one worker per queue on `connection` (which must have `maxRetriesPerRequest: null`). */
export function startPipelineWorkers(
  connection: Redis,
  prefix: string,
  handlers: PipelineHandlers,
  options: PipelineWorkerOptions,
): PipelineWorkers {
  const common = { connection, prefix, concurrency: options.concurrency, maxStalledCount: MAX_STALLS };

  const poll: Worker = new Worker(
    QUEUE.poll,
    (job: Job) =>
      withLogFields(jobLogFields(QUEUE.poll, job), () =>
        withBullmqErrors(poll, () =>
          job.name === POLL_JOB.tick ? handlers.tick() : handlers.poll(job.data as PollJobData),
        ),
      ),
    common,
  );
  const brief: Worker = new Worker(
    QUEUE.brief,
    (job: Job) =>
      withLogFields(jobLogFields(QUEUE.brief, job), () =>
        withBullmqErrors(brief, () =>
          handlers.brief(job.data as BriefJob, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
        ),
      ),
    { ...common, settings: { backoffStrategy: kabarBackoff(options.briefRetryMs ?? JOB_OPTIONS.brief.backoff.delay) } },
  );
  const deliverers = options.platforms.map((platform) => {
    const worker: Worker = new Worker(
      DELIVER_QUEUE[platform],
      (job: Job, token?: string) =>
        withLogFields(jobLogFields(DELIVER_QUEUE[platform], job), () =>
          withBullmqErrors(worker, () => handlers.deliver(job.data as DeliveryJob), { rateLimited: 'by-scope', job, token }),
        ),
      {
        ...common,
        concurrency: options.deliveryConcurrency ?? options.concurrency,
        settings: { backoffStrategy: kabarBackoff(JOB_OPTIONS.deliver.backoff.delay) },
      },
    );
    return worker;
  });

  const workers = [poll, brief, ...deliverers];
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      if (options.refusals?.noticed(error) === true) return;
      options.log.warn('job failed', {
        ...(job ? jobLogFields(worker.name, job) : { queue: worker.name }),
        attempt: job?.attemptsMade,
        error: describeError(error),
      });
    });
    // During a Redis outage every reconnect attempt fails the same way; the connection's own
    // outage report (main.ts) says that once, so only errors with Redis up are worth a line.
    worker.on('error', (error) => {
      if (options.refusals?.noticed(error) === true) return;
      if (connection.status === 'ready') options.log.error('worker error', { queue: worker.name, error: describeError(error) });
    });
  }

  return {
    workers,
    async close(deadlineMs) {
      const graceful = Promise.all(workers.map((worker) => worker.close()));
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((done) => setTimeout(() => done(true), deadlineMs).unref()),
      ]);
      if (timedOut) {
        options.log.warn('jobs still running at the shutdown deadline: handing them back');
        await Promise.all(workers.map((worker) => worker.close(true)));
      }
    },
  };
}

/**
 * The ids a job's log lines carry: queue and job always, and the feed, article or subscription
 * it is about, so that one grep follows a feed or a chat through the pipeline.
 */
export function jobLogFields(queue: string, job: Pick<Job, 'id' | 'data'>): Record<string, unknown> {
  const data = (job.data ?? {}) as Partial<PollJobData & DeliveryJob & BriefJob>;
  return {
    queue,
    job: job.id,
    feed: data.url,
    article: data.articleId ?? data.article?.id,
    subscription: data.subscriptionId,
  };
}
