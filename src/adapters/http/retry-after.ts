/**
 * Reading `Retry-After` (RFC 9110 §10.2.3): either a number of seconds or an HTTP-date.
 */

/**
 * Milliseconds to wait according to a `Retry-After` value, or undefined when it is absent or
 * unreadable. Dates in the past mean "now" (0). Fractional seconds are accepted, as some
 * servers send them.
 *
 * @example
 * ```ts
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:30 GMT')); // 30000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // Date.parse accepts bare numbers such as "-5" as years; an HTTP-date always names day and month.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
