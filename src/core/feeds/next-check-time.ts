/**
 * When to check a feed next. Pure: time and randomness come in as arguments.
 *
 * After a success the feed waits its interval, or longer when the server asked for it
 * (Cache-Control max-age / Expires, RSS `<ttl>`); after a failure it backs off exponentially
 * (5 min x 2^(n-1)), or longer when the server sent `Retry-After`. Every delay is capped at a day
 * and jittered by up to 10% so feeds added together do not stay in lockstep. Our own delay only
 * ever shrinks: a feed set to 60 s is checked at most 60 s apart, so a new item waits no longer
 * than the interval the operator chose. A delay the server asked for only ever grows: polling
 * before `Retry-After` or `max-age` runs out is exactly what the server asked us not to do.
 */

/** The longest any feed waits between checks. */
export const MAX_CHECK_DELAY_MS = 24 * 3_600_000;
/** The first backoff step after a failure. */
export const FIRST_BACKOFF_MS = 5 * 60_000;
/** Consecutive failures after which a feed is shown as failing. */
export const FAILING_AFTER_FAILURES = 5;

const JITTER = 0.1;

/** What a successful (or not-modified) check learned. */
export interface SuccessTiming {
  now: number;
  intervalMs: number;
  freshForMs?: number | undefined;
  ttlMinutes?: number | undefined;
  /** A number in [0, 1), e.g. `Math.random()`. */
  random: number;
}

/** The next check after a success. */
export function nextCheckAfterSuccess(timing: SuccessTiming): number {
  const asked = Math.max(timing.freshForMs ?? 0, (timing.ttlMinutes ?? 0) * 60_000);
  return timing.now + delayWithJitter(timing.intervalMs, asked, timing.random);
}

/** What a failed check learned. */
export interface FailureTiming {
  now: number;
  /** Consecutive failures including this one (>= 1). */
  failures: number;
  retryAfterMs?: number | undefined;
  random: number;
}

/** The next check after a failure. */
export function nextCheckAfterFailure(timing: FailureTiming): number {
  const backoff = FIRST_BACKOFF_MS * 2 ** Math.min(Math.max(timing.failures - 1, 0), 20);
  return timing.now + delayWithJitter(backoff, timing.retryAfterMs ?? 0, timing.random);
}

/** The first check of a newly added feed: soon, spread over the first minute. */
export function firstCheck(now: number, random: number): number {
  return now + Math.floor(random * 60_000);
}

/** Our own delay shrinks by up to 10%; when the server's is longer, it grows by up to 10%. */
function delayWithJitter(ownMs: number, askedMs: number, random: number): number {
  if (askedMs > ownMs) return Math.round(Math.min(askedMs * (1 + JITTER * random), MAX_CHECK_DELAY_MS));
  return Math.round(Math.min(ownMs, MAX_CHECK_DELAY_MS) * (1 - JITTER * random));
}
