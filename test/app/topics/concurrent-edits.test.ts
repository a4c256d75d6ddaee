import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import { addTerm, excludeTerm } from '../../../src/app/topics/edit-terms.js';
import { MAX_EDIT_ATTEMPTS } from '../../../src/app/topics/edit-topic.js';
import { isKabarError } from '../../../src/core/errors.js';
import type { TopicStore } from '../../../src/core/topics/topic-store.js';
import { openTopicKit, putTopic, topic, readBarrier, type TopicKit } from './topic-test-kit.js';

describe('concurrent moderators', () => {
  let kit: TopicKit;
  let second: Redis;
  let otherStore: TopicStore;
  beforeEach(async () => {
    kit = await openTopicKit();
    second = new Redis(kit.redis.url, { lazyConnect: true });
    await second.connect();
    otherStore = createRedisTopicStore(second, kit.redis.prefix);
    await putTopic(kit.store, topic('central-asia', ['Kazakh*'], []));
  });
  afterEach(async () => {
    second.disconnect();
    await kit.cleanup();
  });

  it('two edits racing on the same version: one wins, the other is retried and applied — no lost update', async () => {
    // Both moderators read v1 before either saves, each through its own connection.
    const barrier = readBarrier(2);
    const [alice, bob] = await Promise.all([
      addTerm({ name: 'central-asia', term: 'Uzbek*', author: 'alice' }, { store: barrier(kit.store), clock: kit.clock }),
      excludeTerm({ name: 'central-asia', term: 'Borat', author: 'bob' }, { store: barrier(otherStore), clock: kit.clock }),
    ]);
    expect([alice.attempts, bob.attempts].sort()).toEqual([1, 2]);
    expect([alice.version.version, bob.version.version].sort()).toEqual([2, 3]);

    const latest = await kit.store.get('global', 'central-asia');
    expect(latest?.definition).toEqual(topic('central-asia', ['Kazakh*', 'Uzbek*'], ['Borat']));
  });

  it('five moderators on two connections adding at once: every term lands, each in its own version', async () => {
    const terms = ['Uzbek*', 'Tajik*', 'Kyrgyz*', 'Turkmen*', 'Central Asia*'];
    const results = await Promise.all(
      terms.map((term, i) =>
        addTerm({ name: 'central-asia', term, author: `mod${i}` }, { store: i % 2 === 0 ? kit.store : otherStore, clock: kit.clock }),
      ),
    );
    expect(results.map((r) => r.version.version).sort()).toEqual([2, 3, 4, 5, 6]);
    const include = (await kit.store.get('global', 'central-asia'))?.definition.include ?? [];
    expect([...include].sort()).toEqual(['Kazakh*', ...terms].sort());
  });

  it('a retry re-checks the edit against what the other moderator saved', async () => {
    const barrier = readBarrier(2);
    const results = await Promise.allSettled([
      addTerm({ name: 'central-asia', term: 'Uzbek*', author: 'alice' }, { store: barrier(kit.store), clock: kit.clock }),
      addTerm({ name: 'central-asia', term: 'uzbek*', author: 'bob' }, { store: barrier(otherStore), clock: kit.clock }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(isKabarError(rejected[0]?.reason, 'permanent') && rejected[0].reason.code).toBe('duplicate-term');
    expect((await kit.store.history('global', 'central-asia', 10)).map((v) => v.version)).toEqual([2, 1]);
  });

  it('gives up with a retryable error when the topic keeps changing under the edit', async () => {
    // Another writer slips in an edit between every read and append.
    const busy: TopicStore = {
      ...kit.store,
      async append(scope, name, expected, next) {
        await excludeTerm({ scope, name, term: `veto${expected}`, author: 'someone-else' }, { store: otherStore, clock: kit.clock });
        return kit.store.append(scope, name, expected, next);
      },
    };
    const error: unknown = await addTerm({ name: 'central-asia', term: 'Osh', author: 'alice' }, { store: busy, clock: kit.clock }).catch(
      (e: unknown) => e,
    );
    expect(isKabarError(error, 'retryable') && error.code).toBe('edit-conflict');
    expect(String(error)).toMatch(/kept changing while this edit was being saved \(5 tries\)/u);
    expect((await kit.store.get('global', 'central-asia'))?.version).toBe(1 + MAX_EDIT_ATTEMPTS);
  });
});
