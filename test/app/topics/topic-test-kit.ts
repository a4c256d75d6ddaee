/**
 * What the topic use-case tests share: a Redis topic store under a fresh prefix, a clock the test
 * moves, and small store wrappers for staging races.
 */
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import type { Clock } from '../../../src/core/ports.js';
import type { TopicDefinition } from '../../../src/core/topics/topic.js';
import type { TopicStore } from '../../../src/core/topics/topic-store.js';
import type { TopicDeps } from '../../../src/app/topics/topic-deps.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A {@link ManualClock} starting at `start` (epoch ms). */
export function manualClock(start = 1_750_000_000_000): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/** Use-case dependencies on real Redis. */
export interface TopicKit {
  deps: TopicDeps;
  store: TopicStore;
  clock: ManualClock;
  redis: TestRedis;
  cleanup(): Promise<void>;
}

/** Opens a Redis-backed {@link TopicKit} with a fresh prefix. */
export async function openTopicKit(): Promise<TopicKit> {
  const redis = await openTestRedis();
  const store = createRedisTopicStore(redis.redis, redis.prefix);
  const clock = manualClock();
  return { deps: { store, clock }, store, clock, redis, cleanup: redis.cleanup };
}

/** A topic definition, lists defaulting to empty. */
export function topic(name: string, include: string[] = [], exclude: string[] = []): TopicDefinition {
  return { name, include, exclude };
}

/** Writes `definition` as version 1 in `scope`, as a moderator's `create` would. */
export async function putTopic(store: TopicStore, definition: TopicDefinition, scope: 'global' | `chat:${string}` = 'global'): Promise<void> {
  const result = await store.append(scope, definition.name, 0, {
    definition,
    deleted: false,
    author: 'setup',
    at: 0,
    action: 'create',
  });
  if (result.status !== 'appended') throw new Error(`putTopic: ${definition.name} already exists in ${scope}`);
}

/**
 * A barrier for staging races: the stores it wraps hold their first `parties` history reads (the
 * read every edit starts with) until all have happened, so every party reads the same version and
 * their appends are sure to race on it. Wrap one store per party to race across connections.
 */
export function readBarrier(parties: number): (store: TopicStore) => TopicStore {
  let waiting = 0;
  let release: () => void = () => {};
  const allRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  return (store) => ({
    ...store,
    async history(scope, name, limit) {
      const versions = await store.history(scope, name, limit);
      if (waiting < parties) {
        waiting++;
        if (waiting === parties) release();
        await allRead;
      }
      return versions;
    },
  });
}

/** Counts calls to each store method, to prove what a caller did not do. */
export function countingStore(store: TopicStore): { store: TopicStore; calls: Record<keyof TopicStore, number> } {
  const calls: Record<keyof TopicStore, number> = { list: 0, get: 0, history: 0, append: 0, revision: 0, listScopes: 0 };
  return {
    calls,
    store: {
      list: (scope) => (calls.list++, store.list(scope)),
      get: (scope, name) => (calls.get++, store.get(scope, name)),
      history: (scope, name, limit) => (calls.history++, store.history(scope, name, limit)),
      append: (scope, name, expected, next) => (calls.append++, store.append(scope, name, expected, next)),
      revision: () => (calls.revision++, store.revision()),
      listScopes: () => (calls.listScopes++, store.listScopes()),
    },
  };
}
