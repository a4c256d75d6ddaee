import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import { isKabarError } from '../../../src/core/errors.js';
import type { NewTopicVersion } from '../../../src/core/topics/topic-store.js';
import { describeTopicStoreContract } from '../../core/topics/topic-store-contract.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

describeTopicStoreContract('Redis', async () => {
  const test = await openTestRedis();
  return { store: createRedisTopicStore(test.redis, test.prefix), cleanup: test.cleanup };
});

const created = (name: string, include: string[]): NewTopicVersion => ({
  definition: { name, include, exclude: [] },
  deleted: false,
  author: 'alice',
  at: 1,
  action: 'create',
});

describe('createRedisTopicStore', () => {
  let test: TestRedis;
  let other: Redis;
  beforeEach(async () => {
    test = await openTestRedis();
    other = new Redis(test.url, { lazyConnect: true });
    await other.connect();
  });
  afterEach(async () => {
    other.disconnect();
    await test.cleanup();
  });

  it('lets exactly one of two connections win a race on the same expected version', async () => {
    const a = createRedisTopicStore(test.redis, test.prefix);
    const b = createRedisTopicStore(other, test.prefix);
    await a.append('global', 't', 0, created('t', []));
    for (let round = 1; round <= 20; round++) {
      const results = await Promise.all([
        a.append('global', 't', round, created('t', [`a${round}`])),
        b.append('global', 't', round, created('t', [`b${round}`])),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['appended', 'conflict']);
    }
    expect((await b.history('global', 't', 100)).map((h) => h.version)).toEqual(
      Array.from({ length: 21 }, (_, i) => 21 - i),
    );
    expect(await b.revision()).toBe(21);
  });

  it('keeps everything under its prefix, in the documented keys', async () => {
    const store = createRedisTopicStore(test.redis, test.prefix);
    await store.append('global', 'central-asia', 0, created('central-asia', ['Kazakh*']));
    await store.append('chat:42', 'central-asia', 0, created('central-asia', ['Baikonur']));
    const keys = (await test.redis.keys(`${test.prefix}*`)).map((k) => k.slice(test.prefix.length)).sort();
    expect(keys).toEqual([
      'topics:latest:chat:42',
      'topics:latest:global',
      'topics:log:chat:42:central-asia',
      'topics:log:global:central-asia',
      'topics:revision',
      'topics:scopes',
    ]);
    // Another prefix sees none of it.
    const elsewhere = createRedisTopicStore(test.redis, `${test.prefix}other:`);
    expect(await elsewhere.list()).toEqual([]);
    expect(await elsewhere.revision()).toBe(0);
  });

  it('reports a corrupt stored version as a permanent error naming the topic', async () => {
    const store = createRedisTopicStore(test.redis, test.prefix);
    await test.redis.hset(`${test.prefix}topics:latest:global`, 'broken', '{"version":1}');
    const error: unknown = await store.get('global', 'broken').catch((e: unknown) => e);
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect(String(error)).toMatch(/Topic "broken" in scope global has a corrupt version/u);
  });
});
