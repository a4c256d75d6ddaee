import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/adapters/http/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-11-06T12:00:00Z');

  it('reads seconds, including fractions', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
  });

  it('reads an HTTP date, and treats a past one as now', () => {
    expect(parseRetryAfter('Thu, 06 Nov 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 06 Nov 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('gives up on absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
