import { describe, expect, it } from 'vitest';
import {
  FIRST_BACKOFF_MS,
  MAX_CHECK_DELAY_MS,
  firstCheck,
  nextCheckAfterFailure,
  nextCheckAfterSuccess,
} from '../../../src/core/feeds/next-check-time.js';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const RANDOMS = [0, 0.25, 0.5, 0.75, 0.999_999];

describe('next check times', () => {
  it('jitters our own interval by up to 10%, earlier only: never longer than the interval set', () => {
    const delays = RANDOMS.map((random) => nextCheckAfterSuccess({ now: NOW, intervalMs: 10 * MINUTE, random }) - NOW);
    expect(Math.max(...delays)).toBe(10 * MINUTE);
    expect(Math.min(...delays)).toBeLessThan(9.01 * MINUTE);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(9 * MINUTE);
  });

  it('never checks before a delay the server asked for (max-age, <ttl>, Retry-After)', () => {
    for (const random of RANDOMS) {
      expect(nextCheckAfterSuccess({ now: NOW, intervalMs: 10 * MINUTE, freshForMs: 2 * 60 * MINUTE, random })).toBeGreaterThanOrEqual(
        NOW + 2 * 60 * MINUTE,
      );
      expect(nextCheckAfterSuccess({ now: NOW, intervalMs: 10 * MINUTE, ttlMinutes: 90, random })).toBeGreaterThanOrEqual(NOW + 90 * MINUTE);
      expect(nextCheckAfterFailure({ now: NOW, failures: 1, retryAfterMs: 60 * MINUTE, random })).toBeGreaterThanOrEqual(NOW + 60 * MINUTE);
    }
    // ...but still spreads such feeds out, upwards only, by up to 10%.
    expect(nextCheckAfterSuccess({ now: NOW, intervalMs: MINUTE, freshForMs: 100 * MINUTE, random: 0.999_999 }) - NOW).toBeGreaterThan(109 * MINUTE);
  });

  it('backs off 5 min x 2^(n-1), capped at a day, whatever the server asked', () => {
    expect(nextCheckAfterFailure({ now: NOW, failures: 3, random: 0 })).toBe(NOW + 4 * FIRST_BACKOFF_MS);
    expect(nextCheckAfterFailure({ now: NOW, failures: 3, random: 0.5 })).toBe(NOW + 0.95 * 4 * FIRST_BACKOFF_MS);
    expect(nextCheckAfterFailure({ now: NOW, failures: 40, random: 0.999_999 })).toBeLessThanOrEqual(NOW + MAX_CHECK_DELAY_MS * 1.1);
    expect(nextCheckAfterFailure({ now: NOW, failures: 1, retryAfterMs: 30 * MAX_CHECK_DELAY_MS, random: 0.9 })).toBe(NOW + MAX_CHECK_DELAY_MS);
  });

  it('checks a new feed within its first minute', () => {
    for (const random of RANDOMS) {
      const at = firstCheck(NOW, random);
      expect(at).toBeGreaterThanOrEqual(NOW);
      expect(at).toBeLessThan(NOW + MINUTE);
    }
  });
});
