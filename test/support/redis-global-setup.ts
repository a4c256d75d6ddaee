/**
 * Starts one real `redis-server` on a free loopback port for the whole test run and hands its URL
 * to the tests as `inject('redisUrl')`. Each test then works under its own key prefix
 * (see `test/support/redis.ts`).
 */
import type { TestProject } from 'vitest/node';
import { startRedisServer, type RedisServerHandle } from '../../src/adapters/redis/embedded-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let server: RedisServerHandle | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startRedisServer({ persistence: 'none' });
  project.provide('redisUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
