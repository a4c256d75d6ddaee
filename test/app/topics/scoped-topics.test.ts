import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTopic, deleteTopic } from '../../../src/app/topics/create-topic.js';
import { addTerm, excludeTerm, removeTerm } from '../../../src/app/topics/edit-terms.js';
import { loadMatchingTopics } from '../../../src/app/topics/matching-topics.js';
import { listTopics, showTopic } from '../../../src/app/topics/show-topic.js';
import { testTopic } from '../../../src/app/topics/test-topic.js';
import { topicHistory } from '../../../src/app/topics/topic-history.js';
import { undoTopicEdit } from '../../../src/app/topics/undo-topic-edit.js';
import { isKabarError } from '../../../src/core/errors.js';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import { MAX_TERMS_PER_TOPIC } from '../../../src/core/matching/limits.js';
import { resolveCompiledTopic } from '../../../src/core/topics/effective-topics.js';
import { openTopicKit, putTopic, topic, type TopicKit } from './topic-test-kit.js';

const CHAT = 'chat:42';

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isKabarError(error) ? error.code : undefined;
}

describe('scoped topics', () => {
  let kit: TopicKit;
  beforeEach(async () => {
    kit = await openTopicKit();
    await putTopic(kit.store, topic('central-asia', ['Kazakh*', 'Astana'], ['Astana + cycling']));
    await putTopic(kit.store, topic('abraham-accords', ['!Abraham Accord*'], []));
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  it("a chat's add-term creates an overlay that adds to the global topic for that chat only", async () => {
    const result = await addTerm({ scope: CHAT, name: 'central-asia', term: 'Baikonur', author: 'chat-mod' }, kit.deps);
    expect(result.version).toMatchObject({ version: 1, definition: topic('central-asia', ['Baikonur'], []) });

    const inChat = await showTopic({ scope: CHAT, name: 'central-asia' }, kit.deps);
    expect(inChat.origin).toBe('global+chat');
    expect(inChat.definition).toEqual(topic('central-asia', ['Kazakh*', 'Astana', 'Baikonur'], ['Astana + cycling']));
    expect(inChat.global?.version).toBe(1);
    expect(inChat.chat?.version).toBe(1);

    const global = await showTopic({ name: 'central-asia' }, kit.deps);
    expect(global).toMatchObject({ origin: 'global', definition: topic('central-asia', ['Kazakh*', 'Astana'], ['Astana + cycling']) });
    expect(global.chat).toBeUndefined();

    expect((await testTopic({ scope: CHAT, name: 'central-asia', headline: 'Launch from Baikonur delayed' }, kit.deps)).matched).toBe(true);
    expect((await testTopic({ name: 'central-asia', headline: 'Launch from Baikonur delayed' }, kit.deps)).matched).toBe(false);
  });

  it('refuses a chat term the global topic already has, and a chat removing a global term', async () => {
    expect(await errorCode(addTerm({ scope: CHAT, name: 'central-asia', term: 'kazakh*', author: 'm' }, kit.deps))).toBe('duplicate-term');
    const error: unknown = await removeTerm({ scope: CHAT, name: 'central-asia', term: 'Astana', author: 'm' }, kit.deps).catch(
      (e: unknown) => e,
    );
    expect(isKabarError(error, 'permanent') && error.code).toBe('global-term');
    expect(String(error)).toMatch(/"Astana" comes from the global topic central-asia; a chat can only remove the terms it added — exclude it/u);
    expect(await kit.store.listScopes()).toEqual(['global']);
  });

  it('lets a chat veto a global term by excluding it', async () => {
    await excludeTerm({ scope: CHAT, name: 'central-asia', term: 'Astana', author: 'm' }, kit.deps);
    const headline = 'Astana hosts a summit';
    expect((await testTopic({ name: 'central-asia', headline }, kit.deps)).matched).toBe(true);
    const inChat = await testTopic({ scope: CHAT, name: 'central-asia', headline }, kit.deps);
    expect(inChat).toMatchObject({ matched: false, hits: [{ term: 'Astana' }], vetoes: [{ term: 'Astana' }] });
  });

  it("a chat's own topic stands alone; other chats and global do not see it", async () => {
    await createTopic({ scope: CHAT, name: 'local-news', include: ['Almaty'], author: 'm' }, kit.deps);
    expect((await listTopics({ scope: CHAT }, kit.deps)).map((t) => [t.name, t.origin])).toEqual([
      ['abraham-accords', 'global'],
      ['central-asia', 'global'],
      ['local-news', 'chat'],
    ]);
    expect((await listTopics({}, kit.deps)).map((t) => t.name)).toEqual(['abraham-accords', 'central-asia']);
    expect(await errorCode(showTopic({ scope: 'chat:7', name: 'local-news' }, kit.deps))).toBe('unknown-topic');
    // A chat cannot delete or undo what it never edited.
    expect(await errorCode(deleteTopic({ scope: CHAT, name: 'abraham-accords', author: 'm' }, kit.deps))).toBe('global-topic');
    expect(await errorCode(undoTopicEdit({ scope: CHAT, name: 'abraham-accords', author: 'm' }, kit.deps))).toBe('nothing-to-undo');
    expect(await topicHistory({ scope: CHAT, name: 'abraham-accords' }, kit.deps)).toEqual([]);
  });

  it('deleting an overlay returns the chat to the plain global topic', async () => {
    await addTerm({ scope: CHAT, name: 'central-asia', term: 'Baikonur', author: 'm' }, kit.deps);
    await deleteTopic({ scope: CHAT, name: 'central-asia', author: 'm' }, kit.deps);
    const inChat = await showTopic({ scope: CHAT, name: 'central-asia' }, kit.deps);
    expect(inChat.origin).toBe('global');
    expect(inChat.definition.include).toEqual(['Kazakh*', 'Astana']);
    // The next chat edit continues the overlay's history after the deletion.
    const again = await addTerm({ scope: CHAT, name: 'central-asia', term: 'Semey', author: 'm' }, kit.deps);
    expect(again.version).toMatchObject({ version: 3, definition: topic('central-asia', ['Semey'], []) });
  });

  it('checks the cap on the merged topic, so a chat cannot overfill a shipped topic', async () => {
    const many = Array.from({ length: MAX_TERMS_PER_TOPIC - 3 }, (_, i) => `word${i}`);
    await putTopic(kit.store, topic('big', many));
    await addTerm({ scope: CHAT, name: 'big', term: 'extra', author: 'm' }, kit.deps); // 498 merged
    expect(await errorCode(addTerm({ scope: CHAT, name: 'big', term: 'over', author: 'm' }, kit.deps))).toBeUndefined(); // 499
    await addTerm({ scope: CHAT, name: 'big', term: 'last', author: 'm' }, kit.deps); // 500
    expect(await errorCode(addTerm({ scope: CHAT, name: 'big', term: 'too many', author: 'm' }, kit.deps))).toBe('invalid-term');
  });

  it('compiles every scope into one matcher, each chat topic under chat:<id>/<name>', async () => {
    await excludeTerm({ scope: CHAT, name: 'central-asia', term: 'summit', author: 'm' }, kit.deps);
    await createTopic({ scope: 'chat:7', name: 'local-news', include: ['Almaty'], author: 'm' }, kit.deps);
    const matcher = compileMatcher(await loadMatchingTopics(kit.store));
    expect(matcher.topics).toEqual(['abraham-accords', 'central-asia', 'chat:42/central-asia', 'chat:7/local-news']);

    const matched = new Set(matcher.match({ title: 'Astana summit in Almaty' }).map((m) => m.topic));
    const delivers = (scope: 'global' | `chat:${string}`, name: string): boolean => {
      const decisive = resolveCompiledTopic(matcher.topics, scope, name);
      return decisive !== undefined && matched.has(decisive);
    };
    expect(delivers('global', 'central-asia')).toBe(true);
    expect(delivers('chat:7', 'central-asia')).toBe(true); // no overlay: the global topic decides
    expect(delivers(CHAT, 'central-asia')).toBe(false); // its own exclusion vetoes it
    expect(delivers('chat:7', 'local-news')).toBe(true);
    expect(delivers(CHAT, 'local-news')).toBe(false);
  });
});
