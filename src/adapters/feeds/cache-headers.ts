import { parseRetryAfter } from '../http/retry-after.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { FeedValidators } from '../../core/feed.js';

/**
 * Reads the conditional-GET validators to remember for next time. Empty values are dropped:
 * sending `If-None-Match: ""` would make some servers answer 304 forever.
 *
 * @example
 * ```ts
 * validatorsFrom({ etag: 'W/"42"', 'last-modified': '' }); // { etag: 'W/"42"' }
 * ```
 */
export function validatorsFrom(headers: IncomingHttpHeaders): FeedValidators {
  return cleanValidators({ etag: headers.etag, lastModified: headers['last-modified'] });
}

/**
 * Validators with blank or missing values removed.
 *
 * @example
 * ```ts
 * cleanValidators({ etag: ' ', lastModified: 'Thu, 06 Nov 2025 10:00:00 GMT' }); // { lastModified: '...' }
 * ```
 */
export function cleanValidators(validators: { etag?: string | undefined; lastModified?: string | undefined } | undefined): FeedValidators {
  const clean: FeedValidators = {};
  const etag = validators?.etag?.trim();
  const lastModified = validators?.lastModified?.trim();
  if (etag) clean.etag = etag;
  if (lastModified) clean.lastModified = lastModified;
  return clean;
}

/**
 * The request headers for a conditional GET; none for missing or blank validators.
 *
 * @example
 * ```ts
 * conditionalHeaders({ etag: '"v1"' }); // { 'If-None-Match': '"v1"' }
 * ```
 */
export function conditionalHeaders(validators: FeedValidators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const { etag, lastModified } = cleanValidators(validators);
  if (etag !== undefined) headers['If-None-Match'] = etag;
  if (lastModified !== undefined) headers['If-Modified-Since'] = lastModified;
  return headers;
}

/**
 * How long (ms from `now`) the server says the response stays fresh: `Cache-Control` `max-age`
 * (else `s-maxage`) minus `Age`, else `Expires` minus `Date`. `no-store`/`no-cache` mean 0.
 * `undefined` when the server said nothing, so the caller keeps its own interval.
 *
 * @example
 * ```ts
 * freshnessMs({ 'cache-control': 'public, max-age=600', age: '60' }, Date.now()); // 540_000
 * ```
 */
export function freshnessMs(headers: IncomingHttpHeaders, now: number): number | undefined {
  const directives = parseCacheControl(headers['cache-control']);
  if (directives.has('no-store') || directives.has('no-cache')) return 0;
  const maxAge = seconds(directives.get('max-age')) ?? seconds(directives.get('s-maxage'));
  if (maxAge !== undefined) {
    const age = seconds(headers.age) ?? 0;
    return Math.max(0, maxAge - age) * 1000;
  }
  const expiresHeader = headers.expires;
  if (expiresHeader === undefined) return undefined;
  const expires = Date.parse(expiresHeader);
  // RFC 9111: an invalid Expires (often "0" or "-1") means "already expired".
  if (Number.isNaN(expires)) return 0;
  const date = headers.date === undefined ? Number.NaN : Date.parse(headers.date);
  return Math.max(0, expires - (Number.isNaN(date) ? now : date));
}

/**
 * `Retry-After` in ms from `now`: delay-seconds or an HTTP date (measured against the response's
 * `Date`, so a skewed local clock does not matter). `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs({ 'retry-after': '120' }, Date.now()); // 120_000
 * ```
 */
export function retryAfterMs(headers: IncomingHttpHeaders, now: number): number | undefined {
  // An HTTP-date is measured against the server's own clock (its Date header) when it sent one.
  const date = headers.date === undefined ? Number.NaN : Date.parse(headers.date);
  return parseRetryAfter(headers['retry-after'], Number.isNaN(date) ? now : date);
}

function parseCacheControl(value: string | undefined): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [name, raw] = part.split('=', 2);
    const key = name?.trim().toLowerCase();
    if (key) directives.set(key, (raw ?? '').trim().replace(/^"|"$/g, ''));
  }
  return directives;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
