import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import { deleteTopic } from '../../../src/app/topics/create-topic.js';
import { excludeTerm } from '../../../src/app/topics/edit-terms.js';
import { seedDefaultTopics } from '../../../src/app/topics/seed-default-topics.js';
import { isKabarError } from '../../../src/core/errors.js';
import { defaultTopics } from '../../../src/core/topics/default-topics.js';
import { openTopicKit, topic, type TopicKit } from './topic-test-kit.js';

describe('seedDefaultTopics', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  const shipped = defaultTopics().map((t) => t.name);

  it('writes the shipped topics as version 1 by kabar on first start', async () => {
    expect(shipped).toEqual(expect.arrayContaining(['abraham-accords', 'central-asia']));
    expect(await seedDefaultTopics({}, kit.deps)).toEqual({ seeded: shipped, kept: [] });
    for (const definition of defaultTopics()) {
      expect(await kit.store.get('global', definition.name)).toEqual({
        version: 1,
        definition,
        deleted: false,
        author: 'kabar',
        at: kit.clock.now(),
        action: 'seed defaults',
      });
    }
  });

  it('never overwrites a moderator edit, nor brings back a topic moderators deleted', async () => {
    await seedDefaultTopics({}, kit.deps);
    await excludeTerm({ name: 'central-asia', term: 'Borat', author: 'alice' }, kit.deps);
    await deleteTopic({ name: 'abraham-accords', author: 'bob' }, kit.deps);

    expect(await seedDefaultTopics({}, kit.deps)).toEqual({ seeded: [], kept: shipped });
    expect(await kit.store.get('global', 'central-asia')).toMatchObject({ version: 2, author: 'alice' });
    expect((await kit.store.get('global', 'central-asia'))?.definition.exclude).toContain('Borat');
    expect(await kit.store.get('global', 'abraham-accords')).toMatchObject({ version: 2, deleted: true });
  });

  it('seeds only the missing topics', async () => {
    await seedDefaultTopics({ topics: [topic('central-asia', ['Local edit'])] }, kit.deps);
    const result = await seedDefaultTopics({}, kit.deps);
    expect(result.kept).toEqual(['central-asia']);
    expect(result.seeded).toEqual(shipped.filter((n) => n !== 'central-asia'));
    expect((await kit.store.get('global', 'central-asia'))?.definition.include).toEqual(['Local edit']);
  });

  it('seeds each topic once when several processes start at the same moment', async () => {
    const other = new Redis(kit.redis.url, { lazyConnect: true });
    await other.connect();
    try {
      const otherDeps = { store: createRedisTopicStore(other, kit.redis.prefix), clock: kit.clock };
      const [a, b] = await Promise.all([seedDefaultTopics({}, kit.deps), seedDefaultTopics({}, otherDeps)]);
      expect([...a.seeded, ...b.seeded].sort()).toEqual([...shipped].sort());
      expect([...a.kept, ...b.kept].sort()).toEqual([...shipped].sort());
      for (const name of shipped) expect((await kit.store.history('global', name, 10)).length).toBe(1);
    } finally {
      other.disconnect();
    }
  });

  it('refuses invalid topics before writing any', async () => {
    const error: unknown = await seedDefaultTopics({ topics: [topic('ok', ['fine']), topic('bad', ['Ka*'])] }, kit.deps).catch(
      (e: unknown) => e,
    );
    expect(isKabarError(error, 'permanent') && error.code).toBe('invalid-term');
    expect(await kit.store.revision()).toBe(0);
  });
});
