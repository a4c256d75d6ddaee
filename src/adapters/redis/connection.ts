/**
 * Opening Redis connections the way every part of kabar needs them.
 */
import { Redis } from 'ioredis';
import { describeError, KabarError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

/** How long the first connection may take, TCP connect and handshake together. */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/** Options for {@link connectRedis}. */
export interface ConnectRedisOptions {
  /** `CLIENT SETNAME`, to tell kabar's connections apart in `CLIENT LIST`. Default `kabar`. */
  connectionName?: string;
  /** Where the URL came from, named when it cannot be reached. Default `REDIS_URL`. */
  source?: string;
  /** Bound on the first connection. Default {@link REDIS_CONNECT_TIMEOUT_MS}. */
  connectTimeoutMs?: number;
  /** Where a later outage is reported: one warning when it starts, one line when it ends. */
  log?: Pick<Logger, 'info' | 'warn'>;
}

/**
 * A connection for stores and BullMQ alike. `maxRetriesPerRequest: null` is what BullMQ workers
 * require (a blocking command must wait out a reconnect rather than fail); stores accept it too.
 *
 * The first connection is made once, within `connectTimeoutMs`: a wrong or unreachable URL fails
 * at once with a {@link KabarError} (code `redis-unreachable`) saying what to check, instead of
 * retrying forever. Once connected, a lost connection is retried with backoff, and reported
 * through `log` once per outage rather than once per attempt.
 *
 * @example const redis = await connectRedis('redis://127.0.0.1:6379', { connectionName: 'kabar-worker', log });
 * @throws KabarError `retryable` when Redis does not answer, `permanent` when it refuses the password.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<Redis> {
  const timeoutMs = options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS;
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectionName: options.connectionName ?? 'kabar',
    connectTimeout: timeoutMs,
    // No retry while connecting the first time: the caller hears why now. Replaced once connected.
    retryStrategy: () => null,
  });
  let lastError: unknown;
  const remember = (error: unknown): void => {
    lastError = error;
  };
  redis.on('error', remember);
  try {
    await within(redis.connect(), timeoutMs);
  } catch (error) {
    // `remember` stays attached: a late error of this discarded client must not reach stderr.
    disconnect(redis);
    throw unreachable(url, lastError ?? error, options.source ?? 'REDIS_URL');
  }
  redis.off('error', remember);
  // Read by ioredis at every reconnect, and copied by `duplicate()` (BullMQ's extra connections).
  redis.options.retryStrategy = reconnectDelayMs;
  reportOutages(redis, options.log, redactRedisUrl(url));
  return redis;
}

/**
 * Reports a connection's outages through `log`: one warning when the connection is lost, one info
 * line when it is back. Without any `error` listener ioredis prints every failed reconnect to
 * stderr as "Unhandled error event"; give this to every connection made with `duplicate()`.
 */
export function reportOutages(redis: Redis, log: Pick<Logger, 'info' | 'warn'> | undefined, where: string): void {
  let down = false;
  redis.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    log?.warn('lost the connection to Redis; reconnecting', { redis: where, error: describeError(error) });
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info('reconnected to Redis', { redis: where });
  });
}

/**
 * Closes a connection: `QUIT` when Redis answers within `graceMs`, else a plain disconnect (a
 * connection waiting out an outage would otherwise hold `QUIT` until Redis came back). Resolves
 * once the connection has ended.
 */
export async function closeRedis(redis: Redis, graceMs = 2_000): Promise<void> {
  if (redis.status === 'end') return;
  const ended = new Promise<void>((done) => redis.once('end', done));
  await within(redis.quit(), graceMs).catch(() => undefined);
  disconnect(redis);
  // The socket closes a moment after QUIT's reply; resolve once it has (or would never).
  await within(ended, 200).catch(() => undefined);
}

/**
 * `disconnect()` unless already closed: on a closed connection ioredis would arm a 2 s timer for
 * a socket that never closes again, keeping the process alive for nothing.
 */
function disconnect(redis: Redis): void {
  if (redis.status !== 'end') redis.disconnect();
}

/**
 * Deletes every key starting with `prefix` (SCAN + UNLINK, a batch at a time), within `deadlineMs`.
 *
 * @example await deleteKeysUnder(redis, '{kabar-demo-1f2e3d4c}:');
 */
export async function deleteKeysUnder(redis: Redis, prefix: string, deadlineMs = 10_000): Promise<void> {
  // MATCH is a glob: escape its special characters so the prefix is taken literally.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  await within(
    (async () => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== '0');
    })(),
    deadlineMs,
  );
}

/** A Redis URL with any password replaced, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}

/**
 * `work`, or a rejection once `ms` have passed. Commands wait out a reconnect for ever
 * (`maxRetriesPerRequest: null`), so whatever must end has to be bounded from outside.
 */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => undefined); // when the clock wins, the late rejection is not news
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** 0.5 s, 1 s, 1.5 s ... up to 5 s between reconnect attempts. */
function reconnectDelayMs(attempt: number): number {
  return Math.min(attempt * 500, 5_000);
}

function unreachable(url: string, error: unknown, source: string): KabarError {
  const reason = reasonOf(error);
  const where = `Redis at ${redactRedisUrl(url)} (${source})`;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(reason)) {
    return new KabarError('permanent', `${where} refused the login: ${reason} — check the user and password in ${source}`, {
      code: 'redis-unreachable',
      cause: error,
    });
  }
  return new KabarError(
    'retryable',
    `cannot connect to ${where}: ${reason} — check that Redis is running and reachable from here` +
      (source === 'REDIS_URL' ? ', and the host, port and password in REDIS_URL' : ''),
    { code: 'redis-unreachable', cause: error },
  );
}

/** `connect ECONNREFUSED 127.0.0.1:6379`; for a name with several addresses, each address's reason. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map((each: unknown) => describeError(each)))].join('; ');
  }
  const described = describeError(error);
  if (described) return described;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'no reason given';
}
