/**
 * Feeds adapter: fetches RSS/Atom/JSON Feed documents over HTTP and parses them into the core's
 * `ParsedFeed`. `main.ts` builds the fetcher with {@link createHttpFeedFetcher}; the CLI's
 * `kabar fetch` on a file uses {@link parseFeedDocument}.
 */
export { createHttpFeedFetcher, DEFAULT_USER_AGENT, type HttpFeedFetcherOptions } from './http-feed-fetcher.js';
export { parseFeedDocument, DEFAULT_MAX_FEED_BYTES, type ParseFeedOptions } from './parse-feed.js';
export { blockedRangeOf, systemLookup, type DnsLookup, type ResolvedAddress } from './address-guard.js';
export { parseFeedUrl, resolveRedirect } from './url-policy.js';
export { isFeedError, type FeedErrorCode } from './feed-errors.js';
