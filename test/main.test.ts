/**
 * The composition root's start-up: a start that fails part-way closes whatever it had opened, so
 * the process can exit; the console subscription follows the configuration at every start.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { openRuntime, startKabar } from '../src/main.js';
import { createRecordingLogger } from './fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from './support/redis.js';

describe('startKabar', { timeout: 30_000 }, () => {
  let test: TestRedis;
  let prefix: string;
  let config: (env?: Record<string, string>) => Config;

  beforeEach(async () => {
    test = await openTestRedis();
    prefix = test.prefix.slice(0, -1);
    config = (env = {}) => loadConfig({ REDIS_URL: inject('redisUrl'), KABAR_REDIS_PREFIX: prefix, ...env });
  });
  afterEach(async () => {
    await test.cleanup();
  });

  /** kabar's queue and worker connections are named after the BullMQ prefix. */
  async function connectionsOfThisKabar(): Promise<string[]> {
    const clients = String(await test.redis.client('LIST'));
    return clients.split('\n').filter((line) => line.includes(prefix));
  }

  it('runs until stopped, and stop() closes every connection it opened', async () => {
    const runtime = await openRuntime(config(), { log: createRecordingLogger() });
    const running = await startKabar(runtime, { role: 'all', seedFeeds: false });
    await running.pipeline.poll.waitUntilReady();
    expect(await connectionsOfThisKabar()).not.toEqual([]);
    await running.stop(5_000);
    expect(runtime.redis.status).toBe('end');
    expect(await connectionsOfThisKabar()).toEqual([]);
  });

  it('when the last step fails (the tick cannot be scheduled), closes the workers, queues and Redis before rethrowing', async () => {
    const log = createRecordingLogger();
    const runtime = await openRuntime(config(), { log });
    // BullMQ refuses `every: 0`: the failure comes after the workers have started.
    const broken = { ...runtime, config: { ...runtime.config, KABAR_SCHEDULER_TICK: 0 } };
    await expect(startKabar(broken, { role: 'all', seedFeeds: false })).rejects.toThrow(/every/);
    expect(runtime.redis.status).toBe('end');
    expect(await connectionsOfThisKabar()).toEqual([]);
  });

  it('when the translator cannot be built, fails before writing anything and closes Redis', async () => {
    const runtime = await openRuntime(config({ KABAR_TRANSLATOR: 'deepl' }), { log: createRecordingLogger() });
    await expect(startKabar(runtime, { role: 'all', seedFeeds: false })).rejects.toThrow(/DEEPL_API_KEY/);
    expect(runtime.redis.status).toBe('end');
    const [, keys] = await test.redis.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 100_000);
    expect(keys).toEqual([]);
  });
});
