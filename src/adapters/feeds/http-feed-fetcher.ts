import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { KabarError } from '../../core/errors.js';
import type { FeedFetchResult, FeedValidators } from '../../core/feed.js';
import type { FeedFetcher } from '../../core/ports.js';
import { createGuardedLookup, systemLookup, type DnsLookup } from './address-guard.js';
import { cleanValidators, conditionalHeaders, freshnessMs, retryAfterMs, validatorsFrom } from './cache-headers.js';
import { feedError, isFeedError } from './feed-errors.js';
import { resolveHttpLink } from './feed-item.js';
import { httpGet } from './http-get.js';
import { DEFAULT_MAX_FEED_BYTES, parseFeedDocument } from './parse-feed.js';
import { parseFeedUrl } from './url-policy.js';

/** The User-Agent sent when the caller names none. */
export const DEFAULT_USER_AGENT = 'kabar/0.1 (+https://github.com/kabar-bot/kabar)';

/** Options for {@link createHttpFeedFetcher}. */
export interface HttpFeedFetcherOptions {
  /** Names kabar and its version, e.g. `kabar/0.1.0 (+https://github.com/kabar-bot/kabar)`. */
  userAgent?: string;
  /**
   * Allow feeds on loopback, private, link-local, CGNAT and similar addresses. Off in production
   * (see `address-guard.ts` for why); the demo and tests, which serve feeds from 127.0.0.1, turn it on.
   */
  allowPrivateAddresses: boolean;
  /**
   * Exact IP addresses exempt from the guard while `allowPrivateAddresses` is false, e.g. the one
   * intranet host that serves a company feed. Tests use it for their loopback server.
   */
  allowedAddresses?: readonly string[];
  /** Cap on the decompressed body. Default 15 MiB. */
  maxBytes?: number;
  /** Per hop, until TCP (and TLS) is up. Default 10 s. */
  connectTimeoutMs?: number;
  /** The whole fetch, redirects and body included. Default 20 s. */
  deadlineMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** DNS resolution; default the system resolver. Tests map names to chosen addresses. */
  lookup?: DnsLookup;
  /** Clock for `Retry-After`/`Expires` without a `Date` header. Default `Date.now`. */
  now?: () => number;
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/**
 * Creates the production {@link FeedFetcher}: conditional GET over node:http/https with connect,
 * deadline, size and redirect limits and the private-address guard, then decoding and parsing.
 * Every failure is a `KabarError` whose `code` is a {@link FeedErrorCode} and whose message says
 * what happened.
 *
 * @example
 * ```ts
 * const fetcher = createHttpFeedFetcher({ userAgent: 'kabar/0.1.0 (+https://github.com/kabar-bot/kabar)', allowPrivateAddresses: false });
 * const result = await fetcher.fetch('https://example.com/rss', { etag: '"abc"' });
 * if (result.status === 'ok') console.log(result.feed.items.length, result.validators);
 * ```
 */
export function createHttpFeedFetcher(options: HttpFeedFetcherOptions): FeedFetcher {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const deadlineMs = options.deadlineMs ?? 20_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const now = options.now ?? Date.now;
  const allowedAddresses = new Set(options.allowedAddresses ?? []);
  const lookup = createGuardedLookup({
    lookup: options.lookup ?? systemLookup,
    allowPrivateAddresses: options.allowPrivateAddresses,
    allowedAddresses,
  });
  const baseHeaders = {
    'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
  };

  async function fetchFeed(url: string, validators?: FeedValidators, signal?: AbortSignal): Promise<FeedFetchResult> {
    const start = parseFeedUrl(url);
    const controller = new AbortController();
    const deadline = setTimeout(() => {
      controller.abort(feedError('timeout', `the feed did not arrive within ${deadlineMs / 1000} s; will retry`));
    }, deadlineMs);
    const onCallerAbort = (): void => controller.abort(cancelled(signal?.reason));
    if (signal?.aborted) onCallerAbort();
    else signal?.addEventListener('abort', onCallerAbort, { once: true });

    try {
      const response = await httpGet(start, {
        headers: { ...baseHeaders, ...conditionalHeaders(validators) },
        lookup,
        allowPrivateAddresses: options.allowPrivateAddresses,
        allowedAddresses,
        connectTimeoutMs,
        maxRedirects,
        maxBytes,
        signal: controller.signal,
      });
      const fresh = freshnessMs(response.headers, now());
      const freshness = fresh === undefined ? {} : { freshForMs: fresh };
      if (response.status === 304) {
        // A 304 may carry updated validators; otherwise the ones we sent still hold.
        return {
          status: 'not-modified',
          validators: { ...cleanValidators(validators), ...validatorsFrom(response.headers) },
          ...freshness,
        };
      }
      if (response.body === undefined) throw statusError(response.status, response.headers, response.url, now());
      const language = response.headers['content-language'];
      const feed = await parseFeedDocument(response.body, response.headers['content-type'], {
        // Content-Location names the document actually sent; its links are relative to that.
        baseUrl: resolveHttpLink(response.headers['content-location'], response.url.href) ?? response.url.href,
        maxBytes,
        ...(language === undefined ? {} : { language }),
      });
      return { status: 'ok', feed, validators: validatorsFrom(response.headers), ...freshness, finalUrl: response.url.href };
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async fetch(url, validators, signal) {
      try {
        return await fetchFeed(url, validators, signal);
      } catch (error) {
        if (isFeedError(error)) throw error;
        // Defensive: no failure may leave this adapter unclassified.
        const reason = error instanceof Error ? error.message : String(error);
        throw feedError('network', `fetching the feed failed unexpectedly (${reason}); will retry`, { cause: error });
      }
    },
  };
}

/**
 * The error for a non-2xx, non-304 final status: 429 is `rate-limited`, 408 and 5xx are
 * `retryable` (503 and 429 with the server's `Retry-After`), every other status `permanent`.
 */
function statusError(status: number, headers: IncomingHttpHeaders, url: URL, now: number): KabarError {
  const label = `${status} ${STATUS_CODES[status] ?? 'Unknown Status'} from ${url.host}`;
  const retryAfter = retryAfterMs(headers, now);
  const wait = retryAfter === undefined ? {} : { retryAfterMs: retryAfter };
  const waitText = retryAfter === undefined ? '' : ` (Retry-After ${Math.ceil(retryAfter / 1000)} s)`;
  if (status === 429) {
    return feedError('http-status', `${label}: the server asks kabar to poll less often${waitText}`, { kind: 'rate-limited', ...wait });
  }
  if (status >= 500 || status === 408) {
    return feedError('http-status', `${label}: the server is having trouble; will retry${waitText}`, { kind: 'retryable', ...wait });
  }
  const advice: Record<number, string> = {
    401: 'the feed needs a login, which kabar does not support',
    403: 'the server refuses kabar (login required or bots blocked)',
    404: 'there is no feed at this URL — check it, or remove the feed',
    410: 'the publisher removed this feed — remove it',
  };
  return feedError('http-status', `${label}: ${advice[status] ?? 'the server refused the request'}`, { kind: 'permanent' });
}

function cancelled(reason: unknown): Error {
  const isTimeout = reason instanceof Error && reason.name === 'TimeoutError';
  return isTimeout
    ? feedError('timeout', "the caller's time limit for this fetch ran out; will retry", { cause: reason })
    : feedError('network', 'the fetch was cancelled (shutting down?); will retry', { cause: reason });
}
