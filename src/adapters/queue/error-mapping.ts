/**
 * The one place where kabar's error kinds become BullMQ behaviour:
 * `permanent` -> `UnrecoverableError` (no retry), `rate-limited` -> pause the queue for
 * `retryAfterMs` and requeue the job without spending an attempt, `retryable` (or anything
 * unexpected) -> a normal failure, retried with the queue's backoff.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { describeError, isKabarError } from '../../core/errors.js';

/** The part of a BullMQ worker used to honour rate limits. */
export interface RateLimitableWorker {
  rateLimit(expireTimeMs: number): Promise<void>;
}

/** A rate limit with no stated delay waits this long. */
const DEFAULT_RATE_LIMIT_MS = 5_000;

/**
 * Runs `work`, translating a thrown `KabarError` into what BullMQ understands.
 *
 * @example
 * ```ts
 * new Worker('deliver', (job) => withBullmqErrors(worker, () => deliverBrief(job.data, deps)));
 * ```
 */
export async function withBullmqErrors<T>(worker: RateLimitableWorker, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isKabarError(error, 'permanent')) throw new UnrecoverableError(describeError(error));
    if (isKabarError(error, 'rate-limited')) {
      await worker.rateLimit(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS);
      throw Worker.RateLimitError();
    }
    throw error;
  }
}
