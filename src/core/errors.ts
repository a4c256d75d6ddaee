/**
 * The one error type kabar passes between layers.
 *
 * Every adapter turns its library's failures into a `KabarError` at its edge, so the rest of the
 * code decides what to do from {@link KabarError.kind} alone:
 *
 * - `retryable`: try again later with backoff (timeouts, 5xx, connection resets);
 * - `permanent`: retrying cannot help (bad token, 404, a feed that is not a feed);
 * - `rate-limited`: the other side asked us to wait {@link KabarError.retryAfterMs}.
 *
 * @example
 * ```ts
 * throw new KabarError('permanent', '401 from Telegram: the bot token is wrong — check TELEGRAM_BOT_TOKEN', {
 *   code: 'unauthorized',
 * });
 * ```
 */
export type ErrorKind = 'retryable' | 'permanent' | 'rate-limited';

/** Options for {@link KabarError}. */
export interface KabarErrorOptions {
  /** A short machine-readable reason, e.g. `timeout`, `too-large`, `not-a-feed`, `http-status`. */
  code?: string;
  /** With kind `rate-limited` (or a retryable error whose server named a delay): how long to wait. */
  retryAfterMs?: number;
  /** The library error this one was made from. */
  cause?: unknown;
  /** Facts the handler needs beyond the code, e.g. `{ chatId }` for a chat that moved. Never secrets. */
  data?: Readonly<Record<string, string>>;
}

/** See {@link ErrorKind}. */
export class KabarError extends Error {
  override readonly name = 'KabarError';
  readonly kind: ErrorKind;
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  readonly data: Readonly<Record<string, string>>;

  constructor(kind: ErrorKind, message: string, options: KabarErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = options.code ?? kind;
    this.retryAfterMs = options.retryAfterMs;
    this.data = options.data ?? {};
  }
}

/** True when `error` is a {@link KabarError}, optionally of one kind. */
export function isKabarError(error: unknown, kind?: ErrorKind): error is KabarError {
  return error instanceof KabarError && (kind === undefined || error.kind === kind);
}

/** A one-line description of any thrown value, for logs and CLI output. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
