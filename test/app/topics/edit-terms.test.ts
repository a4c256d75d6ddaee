import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTerm, excludeTerm, removeTerm } from '../../../src/app/topics/edit-terms.js';
import { createTopic } from '../../../src/app/topics/create-topic.js';
import { topicHistory } from '../../../src/app/topics/topic-history.js';
import { KabarError } from '../../../src/core/errors.js';
import { MAX_TERMS_PER_TOPIC } from '../../../src/core/matching/limits.js';
import { openTopicKit, putTopic, topic, type TopicKit } from './topic-test-kit.js';

/** The KabarError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<KabarError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KabarError)) throw new Error(`expected a KabarError, got ${String(error)}`);
  return error;
}

describe('term edits', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
    await putTopic(kit.store, topic('abraham-accords', ['!Abraham Accord*'], ['Oslo Accord*']));
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  const current = async (name = 'abraham-accords') => (await kit.store.get('global', name))?.definition;

  it('adds a term as a new version recording author, time and action', async () => {
    kit.clock.advance(5_000);
    const result = await addTerm({ name: 'abraham-accords', term: '  Negev Forum ', author: 'alice' }, kit.deps);
    expect(result).toMatchObject({ scope: 'global', name: 'abraham-accords', attempts: 1 });
    expect(result.version).toEqual({
      version: 2,
      definition: topic('abraham-accords', ['!Abraham Accord*', 'Negev Forum'], ['Oslo Accord*']),
      deleted: false,
      author: 'alice',
      at: kit.clock.now(),
      action: 'add-term "Negev Forum"',
    });
    expect(await current()).toEqual(result.version.definition);
  });

  it('lists history newest first', async () => {
    await addTerm({ name: 'abraham-accords', term: 'Negev Forum', author: 'alice' }, kit.deps);
    await excludeTerm({ name: 'abraham-accords', term: 'Lincoln', author: 'bob' }, kit.deps);
    await removeTerm({ name: 'abraham-accords', term: 'Negev Forum', author: 'carol' }, kit.deps);
    const history = await topicHistory({ name: 'abraham-accords' }, kit.deps);
    expect(history.map((v) => `v${v.version} ${v.action} by ${v.author}`)).toEqual([
      'v4 remove-term "Negev Forum" by carol',
      'v3 exclude "Lincoln" by bob',
      'v2 add-term "Negev Forum" by alice',
      'v1 create by setup',
    ]);
    expect((await topicHistory({ name: 'abraham-accords', limit: 2 }, kit.deps)).map((v) => v.version)).toEqual([4, 3]);
    expect((await rejection(topicHistory({ name: 'abraham-accords', limit: 0 }, kit.deps))).code).toBe('invalid-limit');
  });

  it('treats a leading - in add-term as an exclusion, stored without the marker', async () => {
    const result = await addTerm({ name: 'abraham-accords', term: '-Lincoln', author: 'alice' }, kit.deps);
    expect(result.version.action).toBe('exclude "Lincoln"');
    expect(await current()).toEqual(topic('abraham-accords', ['!Abraham Accord*'], ['Oslo Accord*', 'Lincoln']));
    const again = await excludeTerm({ name: 'abraham-accords', term: '-Camp David', author: 'alice' }, kit.deps);
    expect(again.version.definition.exclude).toEqual(['Oslo Accord*', 'Lincoln', 'Camp David']);
  });

  it('refuses duplicates, including other spellings of the same words, and saves nothing', async () => {
    const exact = await rejection(addTerm({ name: 'abraham-accords', term: '!Abraham Accord*', author: 'a' }, kit.deps));
    expect(exact.kind).toBe('permanent');
    expect(exact.code).toBe('duplicate-term');
    expect(exact.message).toBe('"!Abraham Accord*" is already a term of abraham-accords.');

    const respelled = await rejection(addTerm({ name: 'abraham-accords', term: 'abraham accord*', author: 'a' }, kit.deps));
    expect(respelled.message).toBe(
      '"abraham accord*" is already a term of abraham-accords, written "!Abraham Accord*" — remove that first to replace it.',
    );
    const exclusion = await rejection(excludeTerm({ name: 'abraham-accords', term: 'oslo accord*', author: 'a' }, kit.deps));
    expect(exclusion.message).toMatch(/^"oslo accord\*" is already an exclusion of abraham-accords/u);

    const contradicting = await rejection(excludeTerm({ name: 'abraham-accords', term: 'Abraham Accord*', author: 'a' }, kit.deps));
    expect(contradicting.code).toBe('conflicting-term');
    expect(contradicting.message).toBe(
      '"!Abraham Accord*" is a term of abraham-accords — remove it first, then add "Abraham Accord*" as an exclusion.',
    );
    expect((await kit.store.get('global', 'abraham-accords'))?.version).toBe(1);
  });

  it('removes terms and exclusions in any spelling, and says clearly when a term is absent', async () => {
    const removed = await removeTerm({ name: 'abraham-accords', term: '!abraham ACCORD*', author: 'a' }, kit.deps);
    expect(removed.version.action).toBe('remove-term "!Abraham Accord*"');
    expect(removed.version.definition.include).toEqual([]);

    const absent = await rejection(removeTerm({ name: 'abraham-accords', term: 'Kazakh*', author: 'a' }, kit.deps));
    expect(absent.kind).toBe('permanent');
    expect(absent.code).toBe('absent-term');
    expect(absent.message).toBe('"Kazakh*" is not a term of abraham-accords.');

    // Written with -, only exclusions are searched.
    const notExcluded = await rejection(removeTerm({ name: 'abraham-accords', term: '-Lincoln', author: 'a' }, kit.deps));
    expect(notExcluded.message).toBe('"Lincoln" is not an exclusion of abraham-accords.');
    const exclusion = await removeTerm({ name: 'abraham-accords', term: '-oslo accord*', author: 'a' }, kit.deps);
    expect(exclusion.version.action).toBe('remove-exclusion "Oslo Accord*"');
    expect(exclusion.version.definition).toEqual(topic('abraham-accords'));
  });

  it('removes an exclusion stored as -term in the include list', async () => {
    await putTopic(kit.store, topic('legacy', ['Osh', '-Oshkosh'], []));
    const result = await removeTerm({ name: 'legacy', term: 'Oshkosh', author: 'a' }, kit.deps);
    expect(result.version.action).toBe('remove-exclusion "-Oshkosh"');
    expect(result.version.definition).toEqual(topic('legacy', ['Osh'], []));
  });

  it('rejects bad syntax with a message naming the topic and how to fix it, and saves nothing', async () => {
    const short = await rejection(addTerm({ name: 'abraham-accords', term: 'Ab*', author: 'a' }, kit.deps));
    expect(short.code).toBe('invalid-term');
    expect(short.message).toMatch(/^Topic "abraham-accords", include list: Term "Ab\*": write at least 3 letters before \*/u);

    const regex = await rejection(addTerm({ name: 'abraham-accords', term: 'Abra[h]am', author: 'a' }, kit.deps));
    expect(regex.message).toMatch(/not regular expressions/u);

    const strongExclusion = await rejection(excludeTerm({ name: 'abraham-accords', term: '!Lincoln', author: 'a' }, kit.deps));
    expect(strongExclusion.message).toMatch(/belongs in the include list/u);

    const empty = await rejection(addTerm({ name: 'abraham-accords', term: '   ', author: 'a' }, kit.deps));
    expect(empty.code).toBe('invalid-term');
    expect((await kit.store.get('global', 'abraham-accords'))?.version).toBe(1);
  });

  it('enforces the cap on terms per topic', async () => {
    const full = Array.from({ length: MAX_TERMS_PER_TOPIC }, (_, i) => `word${i}`);
    await putTopic(kit.store, topic('full', full));
    const error = await rejection(addTerm({ name: 'full', term: 'one more', author: 'a' }, kit.deps));
    expect(error.code).toBe('invalid-term');
    expect(error.message).toMatch(new RegExp(`has ${MAX_TERMS_PER_TOPIC + 1} terms; the limit is ${MAX_TERMS_PER_TOPIC}`, 'u'));
    expect((await kit.store.get('global', 'full'))?.version).toBe(1);
  });

  it('refuses unknown topics, invalid names and edits without an author', async () => {
    const unknown = await rejection(addTerm({ name: 'central-asia', term: 'Kazakh*', author: 'a' }, kit.deps));
    expect(unknown.code).toBe('unknown-topic');
    expect(unknown.message).toMatch(/^There is no topic "central-asia"/u);

    const badName = await rejection(addTerm({ name: 'Central Asia', term: 'Kazakh*', author: 'a' }, kit.deps));
    expect(badName.code).toBe('invalid-topic-name');
    expect(badName.message).toMatch(/lower-case letters, digits and single hyphens, at most 40 characters/u);

    const badScope = await rejection(addTerm({ scope: 'chat:' as 'chat:x', name: 'abraham-accords', term: 'x', author: 'a' }, kit.deps));
    expect(badScope.code).toBe('invalid-scope');

    const anonymous = await rejection(addTerm({ name: 'abraham-accords', term: 'Negev', author: ' ' }, kit.deps));
    expect(anonymous.code).toBe('missing-author');
  });
});

describe('creating topics', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  it('creates a topic with terms, -terms going to the exclusions', async () => {
    const result = await createTopic(
      { name: 'gulf-trade', description: 'Gulf trade', include: ['Gulf + trade', '-Gulf of Mexico'], exclude: ['-Gulf War'], author: 'alice' },
      kit.deps,
    );
    expect(result.version).toMatchObject({
      version: 1,
      action: 'create',
      author: 'alice',
      definition: { name: 'gulf-trade', description: 'Gulf trade', include: ['Gulf + trade'], exclude: ['Gulf of Mexico', 'Gulf War'] },
    });
  });

  it('checks the name: lower-case slug of at most 40 characters', async () => {
    await createTopic({ name: 'a'.repeat(40), author: 'a' }, kit.deps);
    for (const name of ['a'.repeat(41), 'Gulf', 'gulf trade', 'gulf--trade', '-gulf', 'gulf_trade', '']) {
      expect((await rejection(createTopic({ name, author: 'a' }, kit.deps))).code, name).toBe('invalid-topic-name');
    }
  });

  it('refuses an existing topic and repeated terms', async () => {
    await createTopic({ name: 'gulf-trade', author: 'a' }, kit.deps);
    const exists = await rejection(createTopic({ name: 'gulf-trade', author: 'a' }, kit.deps));
    expect(exists.code).toBe('topic-exists');
    const twice = await rejection(createTopic({ name: 'other', include: ['Oman', 'oman'], author: 'a' }, kit.deps));
    expect(twice.code).toBe('duplicate-term');
    expect(twice.message).toBe('"oman" is given twice for topic other (also as "Oman").');
    const invalid = await rejection(createTopic({ name: 'other', include: ['Om*'], author: 'a' }, kit.deps));
    expect(invalid.code).toBe('invalid-term');
    expect(await kit.store.get('global', 'other')).toBeUndefined();
  });
});
