import { describe, expect, it } from 'vitest';
import {
  conditionalHeaders,
  freshnessMs,
  retryAfterMs,
  validatorsFrom,
} from '../../../src/adapters/feeds/cache-headers.js';

const now = Date.UTC(2025, 10, 6, 12, 0, 0);
const httpDate = (ms: number): string => new Date(ms).toUTCString();

describe('validators', () => {
  it('reads ETag and Last-Modified, dropping blank ones', () => {
    expect(validatorsFrom({ etag: 'W/"42"', 'last-modified': 'Thu, 06 Nov 2025 10:00:00 GMT' })).toEqual({
      etag: 'W/"42"',
      lastModified: 'Thu, 06 Nov 2025 10:00:00 GMT',
    });
    expect(validatorsFrom({ etag: '  ', 'last-modified': '' })).toEqual({});
  });

  it('never sends empty conditional headers', () => {
    expect(conditionalHeaders(undefined)).toEqual({});
    expect(conditionalHeaders({ etag: '', lastModified: ' ' })).toEqual({});
    expect(conditionalHeaders({ etag: '"v1"' })).toEqual({ 'If-None-Match': '"v1"' });
    expect(conditionalHeaders({ lastModified: 'Thu, 06 Nov 2025 10:00:00 GMT' })).toEqual({
      'If-Modified-Since': 'Thu, 06 Nov 2025 10:00:00 GMT',
    });
  });
});

describe('freshnessMs', () => {
  it.each([
    [{ 'cache-control': 'public, max-age=600' }, 600_000],
    [{ 'cache-control': 'max-age=600', age: '100' }, 500_000],
    [{ 'cache-control': 'max-age=60', age: '100' }, 0],
    [{ 'cache-control': 's-maxage=300' }, 300_000],
    [{ 'cache-control': 'max-age=120, s-maxage=300' }, 120_000],
    [{ 'cache-control': 'max-age="90"' }, 90_000],
    [{ 'cache-control': 'no-cache' }, 0],
    [{ 'cache-control': 'no-store, max-age=600' }, 0],
    [{ expires: httpDate(now + 900_000), date: httpDate(now) }, 900_000],
    [{ expires: httpDate(now + 900_000) }, 900_000],
    [{ expires: '0' }, 0],
    [{ expires: httpDate(now - 1000), date: httpDate(now) }, 0],
    [{ 'cache-control': 'max-age=60', expires: httpDate(now + 900_000) }, 60_000],
    [{}, undefined],
    [{ 'cache-control': 'public' }, undefined],
  ])('%o -> %s', (headers, expected) => {
    expect(freshnessMs(headers, now)).toBe(expected);
  });

  it('measures Expires against the server Date, not the local clock', () => {
    const serverNow = now - 3_600_000;
    expect(freshnessMs({ expires: httpDate(serverNow + 60_000), date: httpDate(serverNow) }, now)).toBe(60_000);
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': httpDate(now + 30_000) }, now)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': httpDate(now + 30_000), date: httpDate(now - 10_000) }, now)).toBe(40_000);
    expect(retryAfterMs({ 'retry-after': httpDate(now - 30_000) }, now)).toBe(0);
  });

  it('ignores absent and unreadable values', () => {
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '-5' }, now)).toBeUndefined();
  });
});
