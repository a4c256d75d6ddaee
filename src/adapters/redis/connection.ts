/**
 * Opening Redis connections the way every part of kabar needs them.
 */
import { Redis } from 'ioredis';

/**
 * A connection for stores and BullMQ alike. `maxRetriesPerRequest: null` is what BullMQ workers
 * require (a blocking command must wait out a reconnect rather than fail); stores accept it too.
 *
 * @example const redis = await connectRedis('redis://127.0.0.1:6379', 'kabar-worker');
 */
export async function connectRedis(url: string, connectionName = 'kabar'): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectionName });
  await redis.connect();
  return redis;
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
