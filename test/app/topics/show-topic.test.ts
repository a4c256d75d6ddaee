import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTerm, excludeTerm } from '../../../src/app/topics/edit-terms.js';
import { listTopics, showTopic } from '../../../src/app/topics/show-topic.js';
import { testTopic } from '../../../src/app/topics/test-topic.js';
import { seedDefaultTopics } from '../../../src/app/topics/seed-default-topics.js';
import { isKabarError } from '../../../src/core/errors.js';
import { openTopicKit, type TopicKit } from './topic-test-kit.js';

describe('reading topics', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
    await seedDefaultTopics({}, kit.deps);
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  it('lists topics with term counts, versions and the latest editor', async () => {
    kit.clock.advance(60_000);
    await addTerm({ scope: 'chat:9', name: 'central-asia', term: 'Semey', author: 'chat-mod' }, kit.deps);
    const global = await listTopics({}, kit.deps);
    expect(global.map((t) => t.name)).toEqual(['abraham-accords', 'central-asia']);
    expect(global[1]).toMatchObject({ origin: 'global', globalVersion: 1, updatedBy: 'kabar' });
    expect(global[1]?.chatVersion).toBeUndefined();

    const inChat = (await listTopics({ scope: 'chat:9' }, kit.deps))[1];
    expect(inChat).toMatchObject({
      name: 'central-asia',
      origin: 'global+chat',
      globalVersion: 1,
      chatVersion: 1,
      includeCount: (global[1]?.includeCount ?? 0) + 1,
      updatedBy: 'chat-mod',
      updatedAt: kit.clock.now(),
    });
  });

  it('shows one topic in full, and says when it does not exist', async () => {
    const shown = await showTopic({ name: 'abraham-accords' }, kit.deps);
    expect(shown.definition.include).toContainEqual(expect.stringMatching(/^!Abraham Accord\* notnear/u));
    expect(shown.global).toMatchObject({ version: 1, author: 'kabar', action: 'seed defaults' });
    const error: unknown = await showTopic({ name: 'gulf' }, kit.deps).catch((e: unknown) => e);
    expect(isKabarError(error, 'permanent') && error.message).toBe(
      'There is no topic "gulf" — list the topics to see their names, or create it first.',
    );
  });

  it('tests a headline against one topic and explains hits and vetoes', async () => {
    const hit = await testTopic({ name: 'central-asia', headline: "Kazakhstan's president visits Tashkent" }, kit.deps);
    expect(hit.matched).toBe(true);
    expect(hit.hits.map((h) => h.term)).toContainEqual(expect.stringMatching(/^\(Kazakhstan\*\|[^)]*\) in\(title\)/u));
    expect(hit.hits[0]).toMatchObject({ topic: 'central-asia', field: 'title', context: 'in the title' });
    expect(hit.vetoes).toEqual([]);
    expect(hit.unmet).toEqual([]);

    // A word whose context rules it out is explained, not silently ignored.
    const unmet = await testTopic({ name: 'central-asia', headline: 'Uzbek restaurant opens in Brooklyn' }, kit.deps);
    expect(unmet.matched).toBe(false);
    expect(unmet.hits).toEqual([]);
    expect(unmet.unmet?.[0]?.context).toMatch(/^"Uzbek": nothing of near\(2\) /u);

    const vetoed = await testTopic({ name: 'abraham-accords', headline: 'Abraham Lincoln and the Honda Accord' }, kit.deps);
    expect(vetoed).toEqual({ topic: 'abraham-accords', matched: false, hits: [], vetoes: expect.any(Array) as unknown, unmet: [] });
    expect(vetoed.vetoes.map((v) => v.term)).toEqual(['Abraham Lincoln', 'Honda Accord*']);

    const none = await testTopic({ name: 'central-asia', headline: 'Rain in Lisbon' }, kit.deps);
    expect(none).toEqual({ topic: 'central-asia', matched: false, hits: [], vetoes: [], unmet: [] });

    await excludeTerm({ name: 'central-asia', term: 'president visits', author: 'alice' }, kit.deps);
    const after = await testTopic({ name: 'central-asia', headline: "Kazakhstan's president visits Tashkent" }, kit.deps);
    expect(after.matched).toBe(false);
    expect(after.vetoes.map((v) => v.term)).toEqual(['president visits']);
  });
});
