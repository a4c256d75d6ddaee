import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteTopic } from '../../../src/app/topics/create-topic.js';
import { addTerm, excludeTerm, removeTerm } from '../../../src/app/topics/edit-terms.js';
import { seedDefaultTopics } from '../../../src/app/topics/seed-default-topics.js';
import { undoTopicEdit } from '../../../src/app/topics/undo-topic-edit.js';
import { shippedTopicUpgrades, upgradeShippedTopics } from '../../../src/app/topics/upgrade-shipped-topics.js';
import { isKabarError } from '../../../src/core/errors.js';
import { defaultTopics } from '../../../src/core/topics/default-topics.js';
import { shippedFingerprint } from '../../../src/core/topics/shipped-upgrade.js';
import type { TopicDefinition } from '../../../src/core/topics/topic.js';
import { openTopicKit, putTopic, topic, type TopicKit } from './topic-test-kit.js';

// Release 1 shipped `v1`; release 2 ships `v2` (drops Kazakh*, adds two terms and an exclusion).
const v1 = topic('central-asia', ['Kazakh*', 'Tashkent', 'Almaty'], ['Astana format']);
const v2 = topic('central-asia', ['Tashkent', 'Almaty', 'Kazakhstan*', 'Тоқаев*'], ['Astana format', 'Kairat Almaty']);
const v3 = topic('central-asia', ['Tashkent', 'Almaty', 'Kazakhstan*', 'Тоқаев*', 'Bishkek'], ['Astana format', 'Kairat Almaty']);
const releases = new Map<string, TopicDefinition>([v1, v2, v3].map((v) => [shippedFingerprint(v), v]));
const lookup = (name: string, print: string): TopicDefinition | undefined => (name === 'central-asia' ? releases.get(print) : undefined);

describe('shipped topic upgrades (real Redis)', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  async function seedV1WithModeratorEdits(): Promise<void> {
    await seedDefaultTopics({ topics: [v1] }, kit.deps);
    await addTerm({ name: 'central-asia', term: 'Bukhara', author: 'alice' }, kit.deps);
    await removeTerm({ name: 'central-asia', term: 'Almaty', author: 'bob' }, kit.deps);
    await excludeTerm({ name: 'central-asia', term: 'Тоқаев*', author: 'carol' }, kit.deps);
  }

  it('reports an upgrade as available, with what it would bring in and which moderator edits win', async () => {
    await seedV1WithModeratorEdits();
    const [status] = await shippedTopicUpgrades(kit.deps, { shipped: [v2], lookup });
    expect(status).toMatchObject({ name: 'central-asia', status: 'available', shipped: shippedFingerprint(v2), base: 'v1 seed' });
    expect(status?.plan?.added).toEqual([
      { list: 'include', term: 'Kazakhstan*' },
      { list: 'exclude', term: 'Kairat Almaty' },
    ]);
    expect(status?.plan?.removed).toEqual([{ list: 'include', term: 'Kazakh*' }]);
    expect(status?.plan?.kept).toEqual([
      { list: 'include', term: 'Almaty', why: 'removed-by-moderators' },
      { list: 'include', term: 'Тоқаев*', why: 'listed-elsewhere' },
    ]);
  });

  it('a dry run saves nothing', async () => {
    await seedV1WithModeratorEdits();
    const before = await kit.store.get('global', 'central-asia');
    const result = await upgradeShippedTopics({ shipped: [v2], lookup, author: 'cli:ops', dryRun: true }, kit.deps);
    expect(result.saved).toEqual([]);
    expect(result.topics[0]?.status).toBe('available');
    expect(await kit.store.get('global', 'central-asia')).toEqual(before);
  });

  it('saves one version merging the release into the edited topic, moderators winning, and undo takes it back', async () => {
    await seedV1WithModeratorEdits();
    const edited = await kit.store.get('global', 'central-asia');
    kit.clock.advance(1000);
    const { saved } = await upgradeShippedTopics({ shipped: [v2], lookup, author: 'cli:ops' }, kit.deps);
    expect(saved).toHaveLength(1);
    const latest = await kit.store.get('global', 'central-asia');
    expect(latest).toMatchObject({
      version: 5,
      author: 'cli:ops',
      action: `upgrade shipped ${shippedFingerprint(v2)} (+2 -1, 2 moderator edits kept)`,
    });
    expect(latest?.definition).toEqual(topic('central-asia', ['Tashkent', 'Bukhara', 'Kazakhstan*'], ['Astana format', 'Тоқаев*', 'Kairat Almaty']));
    expect((await shippedTopicUpgrades(kit.deps, { shipped: [v2], lookup }))[0]?.status).toBe('up-to-date');

    await undoTopicEdit({ name: 'central-asia', author: 'alice' }, kit.deps);
    expect((await kit.store.get('global', 'central-asia'))?.definition).toEqual(edited?.definition);
    // Undoing the upgrade is the moderators' choice: the same release is not offered again.
    expect((await shippedTopicUpgrades(kit.deps, { shipped: [v2], lookup }))[0]?.status).toBe('up-to-date');
  });

  it('a later release merges from the version the last upgrade brought in', async () => {
    await seedV1WithModeratorEdits();
    await upgradeShippedTopics({ shipped: [v2], lookup, author: 'cli:ops' }, kit.deps);
    await removeTerm({ name: 'central-asia', term: 'Kazakhstan*', author: 'dave' }, kit.deps);
    const [status] = await shippedTopicUpgrades(kit.deps, { shipped: [v3], lookup });
    expect(status).toMatchObject({ status: 'available', base: `v5 upgrade shipped ${shippedFingerprint(v2)}` });
    await upgradeShippedTopics({ shipped: [v3], lookup, author: 'cli:ops' }, kit.deps);
    // Bishkek arrives; Kazakhstan*, removed by a moderator after the last upgrade, stays out.
    expect((await kit.store.get('global', 'central-asia'))?.definition.include).toEqual(['Tashkent', 'Bukhara', 'Bishkek']);
  });

  it('leaves alone topics it cannot merge: deleted, missing, not seeded by kabar, or upgraded to an unknown version', async () => {
    await seedDefaultTopics({ topics: [v1] }, kit.deps);
    await deleteTopic({ name: 'central-asia', author: 'bob' }, kit.deps);
    expect((await shippedTopicUpgrades(kit.deps, { shipped: [v2], lookup }))[0]?.status).toBe('deleted');
    expect((await upgradeShippedTopics({ shipped: [v2], lookup, author: 'cli:ops' }, kit.deps)).saved).toEqual([]);

    const other = topic('abraham-accords', ['Abraham Accords']);
    expect((await shippedTopicUpgrades(kit.deps, { shipped: [other] }))[0]?.status).toBe('missing');
    await putTopic(kit.store, other);
    expect((await shippedTopicUpgrades(kit.deps, { shipped: [{ ...other, include: ['x'] }] }))[0]?.status).toBe('unknown-base');

    const unknown = await openTopicKit();
    try {
      await seedDefaultTopics({ topics: [v1] }, unknown.deps);
      await upgradeShippedTopics({ shipped: [v2], lookup, author: 'cli:ops' }, unknown.deps);
      const [status] = await shippedTopicUpgrades(unknown.deps, { shipped: [v3], lookup: () => undefined });
      expect(status).toMatchObject({ status: 'unknown-base', base: `v2 upgrade shipped ${shippedFingerprint(v2)}` });
    } finally {
      await unknown.cleanup();
    }
  });

  it('refuses a name that is not a shipped topic', async () => {
    const error = await upgradeShippedTopics({ name: 'crypto', author: 'cli:ops' }, kit.deps).catch((e: unknown) => e);
    expect(isKabarError(error) && error.code).toBe('unknown-topic');
  });

  it("reports this release's shipped topics up to date right after they are seeded", async () => {
    await seedDefaultTopics({}, kit.deps);
    const statuses = await shippedTopicUpgrades(kit.deps);
    expect(statuses.map((s) => [s.name, s.status])).toEqual(defaultTopics().map((t) => [t.name, 'up-to-date']));
  });
});
