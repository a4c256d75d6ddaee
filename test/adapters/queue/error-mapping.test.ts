import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kabarBackoff, KABAR_BACKOFF, withBullmqErrors } from '../../../src/adapters/queue/error-mapping.js';
import { KabarError } from '../../../src/core/errors.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

describe('kabarBackoff', () => {
  const backoff = kabarBackoff(1_000);

  it('doubles from the base delay', () => {
    expect([1, 2, 3, 4].map((attempt) => backoff(attempt, KABAR_BACKOFF))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('waits at least as long as the other side asked, capped at an hour', () => {
    const asked = new KabarError('rate-limited', '429', { retryAfterMs: 90_000 });
    expect(backoff(1, KABAR_BACKOFF, asked)).toBe(90_000);
    expect(backoff(3, KABAR_BACKOFF, new KabarError('retryable', '503', { retryAfterMs: 10 }))).toBe(4_000);
    expect(backoff(1, KABAR_BACKOFF, new KabarError('rate-limited', '429', { retryAfterMs: 86_400_000 }))).toBe(3_600_000);
  });
});

describe('withBullmqErrors on a real queue', () => {
  let redis: TestRedis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker | undefined;
  const name = 'mapping';

  beforeEach(async () => {
    redis = await openTestRedis();
    const prefix = redis.prefix.slice(0, -1);
    queue = new Queue(name, { connection: redis.redis, prefix });
    events = new QueueEvents(name, { connection: redis.redis.duplicate(), prefix });
    await events.waitUntilReady();
  });

  afterEach(async () => {
    await worker?.close(true);
    worker = undefined;
    await events.close();
    await queue.close();
    await redis.cleanup();
  });

  function startWorker(fail: (job: Job) => never, mode?: 'retry' | 'pause-queue'): void {
    const prefix = redis.prefix.slice(0, -1);
    const mapped: Worker = new Worker(
      name,
      (job: Job) => withBullmqErrors(mapped, async () => fail(job), mode === undefined ? {} : { rateLimited: mode }),
      { connection: redis.redis.duplicate(), prefix, settings: { backoffStrategy: kabarBackoff(10) } },
    );
    worker = mapped;
  }

  async function finalState(jobId: string): Promise<Job> {
    const job = await queue.getJob(jobId);
    if (!job) throw new Error(`job ${jobId} is gone`);
    return job;
  }

  it('does not retry a permanent error', async () => {
    startWorker(() => {
      throw new KabarError('permanent', 'chat is gone');
    });
    const job = await queue.add('x', {}, { attempts: 5, backoff: { type: KABAR_BACKOFF, delay: 10 } });
    await job.waitUntilFinished(events).catch(() => undefined);
    const done = await finalState(job.id as string);
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toBe('chat is gone');
  });

  it('spends attempts on a provider that keeps rate-limiting, so the job reaches its last attempt', async () => {
    let calls = 0;
    startWorker(() => {
      calls++;
      throw new KabarError('rate-limited', '429 from the provider', { retryAfterMs: 50 });
    });
    const job = await queue.add('x', {}, { attempts: 3, backoff: { type: KABAR_BACKOFF, delay: 10 } });
    await job.waitUntilFinished(events).catch(() => undefined);
    const done = await finalState(job.id as string);
    expect(calls).toBe(3);
    expect(done.attemptsMade).toBe(3);
    expect(await done.getState()).toBe('failed');
  });

  it('in pause-queue mode, requeues a rate-limited job without spending an attempt', async () => {
    let calls = 0;
    startWorker((job) => {
      calls++;
      if (calls < 3) throw new KabarError('rate-limited', 'global send limit', { retryAfterMs: 30 });
      return job.data as never;
    }, 'pause-queue');
    const job = await queue.add('x', { ok: true }, { attempts: 1 });
    await job.waitUntilFinished(events);
    const done = await finalState(job.id as string);
    expect(calls).toBe(3);
    expect(await done.getState()).toBe('completed');
  });
});
