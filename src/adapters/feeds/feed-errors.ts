import { KabarError, type ErrorKind } from '../../core/errors.js';

/**
 * The failure classes of a feed fetch. Each is the `code` of the {@link KabarError} thrown, and
 * each message starts with it, so a log line or a CLI error names the class at a glance.
 */
export type FeedErrorCode =
  | 'timeout'
  | 'too-large'
  | 'not-a-feed'
  | 'http-status'
  | 'blocked-address'
  | 'bad-encoding'
  | 'parse-error'
  | 'too-many-redirects'
  | 'bad-url'
  | 'network';

/**
 * The kind each code has unless the caller says otherwise. `http-status` is decided per status
 * (see `statusError` in `http-feed-fetcher.ts`) and `network` is permanent for TLS certificate
 * problems; everything a retry in a few seconds could fix is `retryable`.
 */
const defaultKinds: Record<FeedErrorCode, ErrorKind> = {
  timeout: 'retryable',
  network: 'retryable',
  'http-status': 'permanent',
  'too-large': 'permanent',
  'not-a-feed': 'permanent',
  'blocked-address': 'permanent',
  'bad-encoding': 'permanent',
  // The next scheduled poll retries anyway; retrying the same broken document at once cannot help.
  'parse-error': 'permanent',
  'too-many-redirects': 'permanent',
  'bad-url': 'permanent',
};

/** Extra details for {@link feedError}. */
export interface FeedErrorOptions {
  /** Overrides the code's default kind. */
  kind?: ErrorKind;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Builds the {@link KabarError} for one feed failure, prefixing the message with its code.
 *
 * @example
 * ```ts
 * throw feedError('too-large', 'the feed is larger than 15 MiB; ask the publisher for a shorter feed');
 * // KabarError { kind: 'permanent', code: 'too-large', message: 'too-large: the feed is larger ...' }
 * ```
 */
export function feedError(code: FeedErrorCode, detail: string, options: FeedErrorOptions = {}): KabarError {
  const errorOptions: { code: string; retryAfterMs?: number; cause?: unknown } = { code };
  if (options.retryAfterMs !== undefined) errorOptions.retryAfterMs = options.retryAfterMs;
  if (options.cause !== undefined) errorOptions.cause = options.cause;
  return new KabarError(options.kind ?? defaultKinds[code], `${code}: ${oneLine(detail)}`, errorOptions);
}

/** True when `error` is a {@link KabarError} made by {@link feedError} (its code is a feed code). */
export function isFeedError(error: unknown): error is KabarError & { code: FeedErrorCode } {
  return error instanceof KabarError && Object.hasOwn(defaultKinds, error.code);
}

/** Messages quote server text (status lines, parser errors); keep them to one short line. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * A byte count for messages.
 *
 * @example
 * ```ts
 * formatBytes(15 * 1024 * 1024); // '15 MiB'
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
