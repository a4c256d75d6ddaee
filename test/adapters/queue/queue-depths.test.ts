import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBullmqPipeline, type BullmqPipeline } from '../../../src/adapters/queue/pipeline-queues.js';
import { queueDepths } from '../../../src/adapters/queue/queue-depths.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

describe('queueDepths', () => {
  let redis: TestRedis;
  let pipeline: BullmqPipeline;
  let prefix: string;

  beforeEach(async () => {
    redis = await openTestRedis();
    prefix = redis.prefix.slice(0, -1);
    pipeline = createBullmqPipeline(redis.redis, prefix);
  });
  afterEach(async () => {
    await pipeline.close();
    await redis.cleanup();
  });

  it('counts the jobs of each pipeline queue, in pipeline order, and leaves the connection open', async () => {
    expect(await queueDepths(redis.redis, prefix)).toEqual([
      { queue: 'poll', waiting: 0, active: 0, delayed: 0, failed: 0 },
      { queue: 'brief', waiting: 0, active: 0, delayed: 0, failed: 0 },
      { queue: 'deliver', waiting: 0, active: 0, delayed: 0, failed: 0 },
      { queue: 'deliver-discord', waiting: 0, active: 0, delayed: 0, failed: 0 },
      { queue: 'deliver-telegram', waiting: 0, active: 0, delayed: 0, failed: 0 },
    ]);
    await pipeline.port.enqueuePolls(['https://a.example/feed', 'https://b.example/feed']);
    await pipeline.deliver.add('deliver', {}, { delay: 60_000 });
    await pipeline.port.enqueueDeliveries([
      { articleId: 'a1', subscriptionId: 'telegram-1', language: 'id', platform: 'telegram' },
      { articleId: 'a1', subscriptionId: 'telegram-2', language: 'id', platform: 'telegram' },
      { articleId: 'a1', subscriptionId: 'discord-3', language: 'en', platform: 'discord' },
    ]);

    expect(await queueDepths(redis.redis, prefix)).toEqual([
      { queue: 'poll', waiting: 2, active: 0, delayed: 0, failed: 0 },
      { queue: 'brief', waiting: 0, active: 0, delayed: 0, failed: 0 },
      { queue: 'deliver', waiting: 0, active: 0, delayed: 1, failed: 0 },
      { queue: 'deliver-discord', waiting: 1, active: 0, delayed: 0, failed: 0 },
      { queue: 'deliver-telegram', waiting: 2, active: 0, delayed: 0, failed: 0 },
    ]);
    expect(await redis.redis.ping()).toBe('PONG');
  });
});
