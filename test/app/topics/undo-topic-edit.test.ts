import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTopic, deleteTopic } from '../../../src/app/topics/create-topic.js';
import { addTerm, excludeTerm } from '../../../src/app/topics/edit-terms.js';
import { listTopics, showTopic } from '../../../src/app/topics/show-topic.js';
import { topicHistory } from '../../../src/app/topics/topic-history.js';
import { undoTopicEdit } from '../../../src/app/topics/undo-topic-edit.js';
import { isKabarError } from '../../../src/core/errors.js';
import { openTopicKit, putTopic, topic, type TopicKit } from './topic-test-kit.js';

describe('undoTopicEdit', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
    await putTopic(kit.store, topic('central-asia', ['Kazakh*'], []));
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  const terms = async () => {
    const t = await showTopic({ name: 'central-asia' }, kit.deps);
    return { include: t.definition.include, exclude: t.definition.exclude };
  };

  it('restores the definition before the latest edit as a new version, and an undo can be undone', async () => {
    await addTerm({ name: 'central-asia', term: 'Uzbek*', author: 'alice' }, kit.deps); // v2
    await excludeTerm({ name: 'central-asia', term: 'Borat', author: 'alice' }, kit.deps); // v3

    const undo = await undoTopicEdit({ name: 'central-asia', author: 'bob' }, kit.deps); // v4 = v2
    expect(undo.version).toMatchObject({ version: 4, action: 'undo v3', author: 'bob', deleted: false });
    expect(await terms()).toEqual({ include: ['Kazakh*', 'Uzbek*'], exclude: [] });

    const redo = await undoTopicEdit({ name: 'central-asia', author: 'alice' }, kit.deps); // v5 = v3
    expect(redo.version.action).toBe('undo v4');
    expect(await terms()).toEqual({ include: ['Kazakh*', 'Uzbek*'], exclude: ['Borat'] });

    // History only ever grows: every undo is there, newest first.
    expect((await topicHistory({ name: 'central-asia' }, kit.deps)).map((v) => `v${v.version} ${v.action}`)).toEqual([
      'v5 undo v4',
      'v4 undo v3',
      'v3 exclude "Borat"',
      'v2 add-term "Uzbek*"',
      'v1 create',
    ]);
  });

  it('undoes a deletion, and undoing a creation deletes the topic', async () => {
    await deleteTopic({ name: 'central-asia', author: 'alice' }, kit.deps);
    expect(await listTopics({}, kit.deps)).toEqual([]);
    const gone: unknown = await showTopic({ name: 'central-asia' }, kit.deps).catch((e: unknown) => e);
    expect(isKabarError(gone, 'permanent') && gone.code).toBe('unknown-topic');
    expect(String(gone)).toMatch(/Topic "central-asia" was deleted \(v2, by alice\) — undo that edit to bring it back/u);

    const back = await undoTopicEdit({ name: 'central-asia', author: 'bob' }, kit.deps);
    expect(back.version).toMatchObject({ version: 3, action: 'undo v2', deleted: false });
    expect(await terms()).toEqual({ include: ['Kazakh*'], exclude: [] });

    await createTopic({ name: 'fresh', include: ['Osh'], author: 'alice' }, kit.deps);
    const undone = await undoTopicEdit({ name: 'fresh', author: 'alice' }, kit.deps);
    expect(undone.version).toMatchObject({ version: 2, action: 'undo v1', deleted: true });
    expect((await listTopics({}, kit.deps)).map((t) => t.name)).toEqual(['central-asia']);
  });

  it('re-creating a deleted topic continues its history', async () => {
    await deleteTopic({ name: 'central-asia', author: 'alice' }, kit.deps);
    const again = await createTopic({ name: 'central-asia', include: ['Tajik*'], author: 'bob' }, kit.deps);
    expect(again.version).toMatchObject({ version: 3, action: 'create', definition: topic('central-asia', ['Tajik*'], []) });
  });

  it('says what is wrong when there is nothing to undo or delete', async () => {
    const unknown: unknown = await undoTopicEdit({ name: 'nothing-here', author: 'a' }, kit.deps).catch((e: unknown) => e);
    expect(isKabarError(unknown, 'permanent') && unknown.code).toBe('unknown-topic');
    const deleteUnknown: unknown = await deleteTopic({ name: 'nothing-here', author: 'a' }, kit.deps).catch((e: unknown) => e);
    expect(isKabarError(deleteUnknown, 'permanent') && deleteUnknown.code).toBe('unknown-topic');
  });
});
