/**
 * A connection to the bench's redis-server under a fresh key prefix, for benchmarks that prepare
 * state for a kabar child process and read Redis's own figures (memory, CPU).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis, deleteKeysUnder } from '../../src/adapters/redis/connection.js';
import type { BenchContext } from './report.js';

/** An open connection and its prefix. */
export interface BenchRedis {
  url: string;
  redis: Redis;
  /** `{bench-<name>-<hex>}`: the KABAR_REDIS_PREFIX to give kabar. */
  prefix: string;
  /** The store key prefix (`prefix` + `:`). */
  keyPrefix: string;
  /** A field of `INFO <section>`, as a number. */
  info(section: 'memory' | 'cpu', field: string): Promise<number>;
  /** Deletes every key under the prefix and closes the connection. */
  close(): Promise<void>;
}

/** Opens a connection with a new prefix for benchmark `name`. */
export async function openBenchRedis(ctx: BenchContext, name: string): Promise<BenchRedis> {
  const url = await ctx.redisUrl();
  const redis = await connectRedis(url);
  const prefix = `{bench-${name}-${randomBytes(3).toString('hex')}}`;
  return {
    url,
    redis,
    prefix,
    keyPrefix: `${prefix}:`,
    async info(section, field) {
      const text = await redis.info(section);
      return Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(text)?.[1] ?? Number.NaN);
    },
    async close() {
      await deleteKeysUnder(redis, `${prefix}:`, 60_000);
      redis.disconnect();
    },
  };
}
