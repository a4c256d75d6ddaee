/**
 * Redis that answers but refuses writes: out of memory (`maxmemory` reached under `noeviction`),
 * read-only (kabar points at a replica, as after a failover), or unable to persist (`MISCONF`).
 * The connection stays up, so the outage report of `connection.ts` never fires; instead every
 * worker loop, queue and job fails on every try, which would log thousands of lines a minute.
 * This watch turns them into one error when the refusal starts and one line when it ends.
 */
import type { Redis } from 'ioredis';
import { describeError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

/** Why Redis refuses writes, with what the operator can do about it. */
export interface WriteRefusal {
  code: 'redis-oom' | 'redis-read-only' | 'redis-misconf';
  advice: string;
}

/**
 * The refusal `error` reports, or `undefined` for any other error.
 *
 * @example writeRefusalOf(new Error("OOM command not allowed when used memory > 'maxmemory'"))?.code === 'redis-oom'
 */
export function writeRefusalOf(error: unknown): WriteRefusal | undefined {
  const message = describeError(error);
  if (/\bOOM command not allowed\b/.test(message)) {
    return { code: 'redis-oom', advice: 'Redis is out of memory (maxmemory reached): raise maxmemory or free memory' };
  }
  // UNBLOCKED: the blocking reads of BullMQ's workers, cut off the moment Redis became a replica.
  if (/\bREADONLY\b|\bUNBLOCKED\b.*master -> replica/.test(message)) {
    return {
      code: 'redis-read-only',
      advice: 'Redis is a read-only replica (after a failover?): point REDIS_URL at the primary, or promote this one',
    };
  }
  if (/\bMISCONF\b/.test(message)) {
    return { code: 'redis-misconf', advice: 'Redis cannot save its snapshot and refuses writes: check its disk and logs' };
  }
  return undefined;
}

/** Options of {@link watchWriteRefusals}. */
export interface WriteRefusalWatchOptions {
  /** A key of kabar's own that the probe may set (it expires by itself). */
  probeKey: string;
  /** How often to try a write while Redis refuses them. Default 5 s. */
  probeEveryMs?: number;
  /** Runs once Redis takes writes again (e.g. to recreate what failed to be written meanwhile). */
  onWritable?: () => Promise<void>;
}

/** A running watch. */
export interface WriteRefusalWatch {
  /**
   * True when `error` is a write refusal: it has been reported (once per episode) and the caller
   * should not log it again. False for any other error, which the caller reports as usual.
   */
  noticed(error: unknown): boolean;
  /** Why Redis refuses writes right now (the advice of the logged error), or `undefined` when it takes them. */
  refusal(): string | undefined;
  stop(): void;
}

/**
 * Watches for write refusals on `redis`: the first {@link WriteRefusalWatch.noticed} error logs
 * one error line with the advice, then a probe write every `probeEveryMs` finds the moment Redis
 * takes writes again, logs that, and runs `onWritable`.
 */
export function watchWriteRefusals(redis: Redis, log: Pick<Logger, 'info' | 'error' | 'warn'>, options: WriteRefusalWatchOptions): WriteRefusalWatch {
  let since: number | undefined;
  let current: WriteRefusal | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const probe = async (): Promise<void> => {
    try {
      await redis.set(options.probeKey, String(Date.now()), 'PX', 60_000);
    } catch {
      return;
    }
    if (since === undefined) return;
    const refusedForMs = Date.now() - since;
    since = undefined;
    current = undefined;
    clearInterval(timer);
    timer = undefined;
    log.info('Redis takes writes again', { refusedForMs });
    await options.onWritable?.().catch((error: unknown) => {
      log.warn('could not restore after Redis refused writes', { error: describeError(error) });
    });
  };

  return {
    noticed(error) {
      const refusal = writeRefusalOf(error);
      if (refusal === undefined) return false;
      if (since !== undefined || stopped) return true;
      since = Date.now();
      current = refusal;
      log.error(`Redis refuses writes: ${refusal.advice}. kabar keeps retrying and says when it is writable again`, {
        code: refusal.code,
        error: describeError(error),
      });
      // Only while the connection is up: a lost connection has its own report and reconnect.
      timer = setInterval(() => {
        if (redis.status === 'ready') void probe();
      }, options.probeEveryMs ?? 5_000);
      timer.unref();
      return true;
    },
    refusal: () => (current === undefined ? undefined : `Redis refuses writes: ${current.advice}`),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
