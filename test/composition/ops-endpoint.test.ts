/**
 * `/healthz`, `/readyz` and `/metrics` of a running kabar, on real Redis: liveness, readiness
 * that turns 503 when Redis is gone or a queue stalls, and the counts of a real poll.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { startOpsEndpoint } from '../../src/composition/ops-endpoint.js';
import { silentLogger } from '../../src/adapters/log/create-logger.js';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import { accordsStory, addDueFeed, openKabarHarness, waitForPolls, type KabarHarness } from '../integration/support.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';
import { findFreePort } from '../../src/adapters/redis/embedded-redis.js';

async function get(address: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://${address}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('the ops endpoint', { timeout: 30_000 }, () => {
  let test: TestRedis;
  let queue: Queue;
  let redis: Redis;
  beforeEach(async () => {
    test = await openTestRedis();
    redis = new Redis(test.url, { maxRetriesPerRequest: null });
    queue = new Queue('deliver-telegram', { connection: redis, prefix: test.prefix.slice(0, -1) });
  });
  afterEach(async () => {
    await queue.close();
    redis.disconnect();
    await test.cleanup();
  });

  const open = () => startOpsEndpoint({ host: '127.0.0.1', port: 0, stallAfterMs: 60_000, redis, queues: [queue], log: silentLogger });

  it('is live and ready with Redis up and nothing waiting, and serves the queue gauges', async () => {
    const endpoint = await open();
    try {
      expect(await get(endpoint.address, '/healthz')).toEqual({ status: 200, body: 'ok\n' });
      expect(await get(endpoint.address, '/readyz')).toEqual({ status: 200, body: 'ready\n' });
      expect((await get(endpoint.address, '/healthz?ready')).status).toBe(200);
      expect((await get(endpoint.address, '/nothing')).status).toBe(404);
      await queue.add('deliver', { articleId: 'a', subscriptionId: 's' });
      const metrics = await get(endpoint.address, '/metrics');
      expect(metrics.body).toContain('kabar_queue_jobs{queue="deliver-telegram",state="waiting"} 1');
      expect(metrics.body).toMatch(/kabar_queue_oldest_waiting_seconds\{queue="deliver-telegram"\} \d/);
      expect(metrics.body).toContain('kabar_process_resident_memory_bytes');
    } finally {
      await endpoint.close();
    }
  });

  it('is not ready while a job has waited past the stall time and nothing completed', async () => {
    const endpoint = await open();
    try {
      await queue.add('deliver', { articleId: 'a', subscriptionId: 's' }, { timestamp: Date.now() - 120_000 });
      const ready = await get(endpoint.address, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatch(/queue deliver-telegram is stalled: 1 waiting, the oldest for 1[12]\ds/);
      expect((await get(endpoint.address, '/healthz')).status).toBe(200);
    } finally {
      await endpoint.close();
    }
  });

  it('is not ready when Redis is gone, and still live', async () => {
    const endpoint = await open();
    try {
      redis.disconnect();
      const ready = await get(endpoint.address, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toContain('Redis is not reachable');
      expect((await get(endpoint.address, '/healthz')).status).toBe(200);
    } finally {
      await endpoint.close();
    }
  });
});

describe('metrics of a running kabar', { timeout: 30_000 }, () => {
  let harness: KabarHarness;
  let server: FeedServer;
  beforeEach(async () => {
    harness = await openKabarHarness();
    server = await startFeedServer();
  });
  afterEach(async () => {
    await harness.cleanup();
    await server.close();
  });

  it('counts polls by result and failures by class, and holds no secret', async () => {
    const port = await findFreePort();
    const secret = 'sk-ops-endpoint-test-secret-value';
    server.setDocument('/ok.xml', rssDocument({ language: 'en', items: [accordsStory('metrics')] }));
    server.setDocument('/broken.xml', rssDocument({ language: 'en', items: [] }));
    server.fail('/broken.xml', 500);
    const kabar = await harness.start({ KABAR_HTTP_PORT: String(port), OPENAI_API_KEY: secret });
    const [ok, broken] = [server.url('/ok.xml'), server.url('/broken.xml')];
    if (ok === undefined || broken === undefined) throw new Error('two feeds expected');
    await addDueFeed(kabar.runtime, ok);
    await addDueFeed(kabar.runtime, broken);
    await waitForPolls(harness.log, ok, 1);
    await waitForPolls(harness.log, broken, 1);
    const metrics = await get(`127.0.0.1:${port}`, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('kabar_feed_polls_total{result="seeded"} 1');
    expect(metrics.body).toContain('kabar_feed_polls_total{result="failed"} 1');
    expect(metrics.body).toContain('kabar_feed_fetch_failures_total{class="http-status"} 1');
    expect(metrics.body).not.toContain(secret);
    expect(metrics.body).not.toContain(inject('redisUrl'));
  });
});
