/**
 * The one place where kabar's error kinds become BullMQ behaviour:
 * `permanent` -> `UnrecoverableError` (no retry); `retryable` (or anything unexpected) -> a normal
 * failure, retried with {@link kabarBackoff}; `rate-limited` -> either the same (the default: the
 * attempt counts, so a job whose provider never stops saying 429 reaches its last attempt and its
 * fallback), or, with `rateLimited: 'pause-queue'`, pause the whole queue for `retryAfterMs` and
 * requeue the job without spending an attempt (for a platform-wide send limit, where every job
 * on the queue would hit the same wall), or, with `rateLimited: 'by-scope'` (chat deliveries),
 * delay just the job when only its chat must wait and pause the queue when the platform must.
 */
import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import { waitScopeOf } from '../../core/chat/chat-errors.js';
import { describeError, isKabarError } from '../../core/errors.js';

/** The part of a BullMQ worker used to honour rate limits. */
export interface RateLimitableWorker {
  rateLimit(expireTimeMs: number): Promise<void>;
}

/** The part of a BullMQ job used to delay it without spending an attempt. */
export interface DelayableJob {
  moveToDelayed(timestamp: number, token?: string): Promise<void>;
}

/** How a rate-limited error is honoured. */
export type RateLimitPolicy =
  | { rateLimited?: 'retry' | 'pause-queue' }
  /**
   * Chat deliveries: an error that holds one chat delays only this job (the worker moves on to
   * other chats); one that holds the platform pauses the queue (one queue per platform).
   */
  | { rateLimited: 'by-scope'; job: DelayableJob; token: string | undefined };

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
export async function withBullmqErrors<T>(
  worker: RateLimitableWorker,
  work: () => Promise<T>,
  options: RateLimitPolicy = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isKabarError(error, 'permanent')) throw new UnrecoverableError(describeError(error));
    if (options.rateLimited === 'by-scope' && waitScopeOf(error) === 'chat' && isKabarError(error)) {
      await options.job.moveToDelayed(Date.now() + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS), options.token);
      throw new DelayedError();
    }
    if (isKabarError(error, 'rate-limited') && (options.rateLimited === 'pause-queue' || options.rateLimited === 'by-scope')) {
      await worker.rateLimit(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS);
      throw Worker.RateLimitError();
    }
    throw error;
  }
}

/** The name of {@link kabarBackoff} in job options: `backoff: { type: KABAR_BACKOFF, delay }`. */
export const KABAR_BACKOFF = 'kabar';

/**
 * Exponential backoff (`delay` x 2^(attempt-1)) that waits at least as long as the other side
 * asked (`retryAfterMs` of a `KabarError`), capped at an hour. Registered as the workers'
 * `settings.backoffStrategy`.
 */
export function kabarBackoff(baseDelayMs: number): (attemptsMade: number, type?: string, error?: Error) => number {
  return (attemptsMade, _type, error) => {
    const exponential = baseDelayMs * 2 ** Math.max(attemptsMade - 1, 0);
    const asked = isKabarError(error) ? (error.retryAfterMs ?? 0) : 0;
    return Math.min(Math.max(exponential, asked), 3_600_000);
  };
}
