import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import { addTerm } from '../../../src/app/topics/edit-terms.js';
import { createLiveMatcher } from '../../../src/app/topics/live-matcher.js';
import { KabarError } from '../../../src/core/errors.js';
import type { Logger } from '../../../src/core/ports.js';
import type { TopicStore } from '../../../src/core/topics/topic-store.js';
import { countingStore, openTopicKit, putTopic, topic, type TopicKit } from './topic-test-kit.js';

const headline = { title: 'Launch from Baikonur delayed' };

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): void => {};
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (message) => warnings.push(message) };
}

describe('createLiveMatcher', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
    await putTopic(kit.store, topic('central-asia', ['Kazakh*'], []));
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  it('picks up an edit made through another connection within a few seconds, without a restart', async () => {
    const workerConnection = new Redis(kit.redis.url, { lazyConnect: true });
    await workerConnection.connect();
    try {
      const live = createLiveMatcher({
        store: createRedisTopicStore(workerConnection, kit.redis.prefix),
        clock: { now: () => Date.now() },
      });
      expect((await live.current()).match(headline)).toEqual([]);

      const editedAt = Date.now();
      await addTerm({ scope: 'chat:42', name: 'central-asia', term: 'Baikonur', author: 'chat-mod' }, kit.deps);
      let topics: string[] = [];
      while (Date.now() - editedAt < 5_000) {
        topics = (await live.current()).match(headline).map((m) => m.topic);
        if (topics.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(topics).toEqual(['chat:42/central-asia']);
      expect(Date.now() - editedAt).toBeLessThan(3_000); // default check interval is 2 s
    } finally {
      workerConnection.disconnect();
    }
  });

  it('asks for the revision at most once per interval, and recompiles only when it changed', async () => {
    const { store, calls } = countingStore(kit.store);
    const live = createLiveMatcher({ store, clock: kit.clock, checkEveryMs: 1_000 });

    const first = await live.current();
    expect(first.topics).toEqual(['central-asia']);
    expect(calls).toMatchObject({ revision: 1, list: 1 });

    kit.clock.advance(999);
    expect(await live.current()).toBe(first);
    expect(calls.revision).toBe(1);

    kit.clock.advance(1);
    expect(await live.current()).toBe(first); // revision unchanged: same compiled matcher
    expect(calls).toMatchObject({ revision: 2, list: 1 });

    await addTerm({ name: 'central-asia', term: 'Baikonur', author: 'alice' }, kit.deps);
    expect(await live.current()).toBe(first); // within the interval the edit is not looked for yet
    kit.clock.advance(1_000);
    const second = await live.current();
    expect(second).not.toBe(first);
    expect(second.match(headline).map((m) => m.topic)).toEqual(['central-asia']);
    expect(calls).toMatchObject({ revision: 3, list: 2 });
  });

  it('checks at once after invalidate(), and shares one refresh between concurrent callers', async () => {
    const { store, calls } = countingStore(kit.store);
    const live = createLiveMatcher({ store, clock: kit.clock });
    const [a, b, c] = await Promise.all([live.current(), live.current(), live.current()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(calls).toMatchObject({ revision: 1, list: 1 });

    await addTerm({ name: 'central-asia', term: 'Baikonur', author: 'alice' }, kit.deps);
    live.invalidate();
    expect((await live.current()).match(headline)).toHaveLength(1);
    expect(calls).toMatchObject({ revision: 2, list: 2 });
  });

  it('leaves out a stored topic that fails validation, and says so', async () => {
    await putTopic(kit.store, topic('broken', ['Ka*']));
    const log = recordingLog();
    const live = createLiveMatcher({ store: kit.store, clock: kit.clock, log });
    expect((await live.current()).topics).toEqual(['central-asia']);
    expect(log.warnings).toEqual(['topics: stored topic is invalid and is left out of matching']);
  });

  it('keeps serving the last matcher when the store fails, and fails when it has none', async () => {
    let down = false;
    const flaky: TopicStore = {
      ...kit.store,
      revision: () => (down ? Promise.reject(new KabarError('retryable', 'redis down')) : kit.store.revision()),
    };
    const log = recordingLog();
    const live = createLiveMatcher({ store: flaky, clock: kit.clock, checkEveryMs: 10, log });
    const first = await live.current();
    down = true;
    kit.clock.advance(10);
    expect(await live.current()).toBe(first);
    expect(log.warnings).toEqual(['topics: could not refresh the matcher; keeping the previous one']);

    const cold = createLiveMatcher({ store: flaky, clock: kit.clock });
    await expect(cold.current()).rejects.toThrow('redis down');
    down = false;
    expect((await cold.current()).topics).toEqual(['central-asia']);
  });
});
