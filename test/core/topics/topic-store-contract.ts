/**
 * The behaviour every {@link TopicStore} must have, as one suite run against each implementation:
 * the Redis store (`test/adapters/redis/topic-store.test.ts`) and the in-memory fake
 * (`test/core/topics/topic-store.test.ts`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopicDefinition } from '../../../src/core/topics/topic.js';
import type { NewTopicVersion, TopicStore } from '../../../src/core/topics/topic-store.js';

/** A store to test, and how to throw it away. */
export interface TopicStoreHarness {
  store: TopicStore;
  cleanup(): Promise<void>;
}

const def = (name: string, include: string[] = [], exclude: string[] = []): TopicDefinition => ({ name, include, exclude });

const edit = (definition: TopicDefinition, action: string, at = 1_000, deleted = false): NewTopicVersion => ({
  definition,
  deleted,
  author: 'alice',
  at,
  action,
});

/** Registers the contract suite for the store that `open` builds (fresh and empty for each test). */
export function describeTopicStoreContract(label: string, open: () => Promise<TopicStoreHarness>): void {
  describe(`TopicStore contract: ${label}`, () => {
    let harness: TopicStoreHarness;
    let store: TopicStore;
    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('starts empty', async () => {
      expect(await store.list()).toEqual([]);
      expect(await store.list('global')).toEqual([]);
      expect(await store.get('global', 'central-asia')).toBeUndefined();
      expect(await store.history('global', 'central-asia', 10)).toEqual([]);
      expect(await store.revision()).toBe(0);
      expect(await store.listScopes()).toEqual([]);
    });

    it('creates a topic as version 1 and round-trips every field, empty lists and description included', async () => {
      const definition: TopicDefinition = { name: 'central-asia', description: 'The region', include: ['Kazakh*'], exclude: [] };
      const result = await store.append('global', 'central-asia', 0, edit(definition, 'create', 1_234));
      const expected = { version: 1, definition, deleted: false, author: 'alice', at: 1_234, action: 'create' };
      expect(result).toEqual({ status: 'appended', version: expected });
      expect(await store.get('global', 'central-asia')).toEqual(expected);
      expect(await store.list('global')).toEqual([{ scope: 'global', name: 'central-asia', latest: expected }]);
      expect(await store.listScopes()).toEqual(['global']);
    });

    it('numbers versions without gaps and lists history newest first, up to the limit', async () => {
      for (let v = 0; v < 4; v++) {
        const result = await store.append('global', 't', v, edit(def('t', [`term${v}`]), `add-term "term${v}"`, v));
        expect(result.status).toBe('appended');
      }
      const history = await store.history('global', 't', 10);
      expect(history.map((h) => h.version)).toEqual([4, 3, 2, 1]);
      expect(history.map((h) => h.action)).toEqual(['add-term "term3"', 'add-term "term2"', 'add-term "term1"', 'add-term "term0"']);
      expect((await store.history('global', 't', 2)).map((h) => h.version)).toEqual([4, 3]);
      expect(await store.history('global', 't', 0)).toEqual([]);
      expect((await store.get('global', 't'))?.definition.include).toEqual(['term3']);
    });

    it('refuses an append whose expected version is stale, and changes nothing', async () => {
      await store.append('global', 't', 0, edit(def('t', ['a']), 'create'));
      await store.append('global', 't', 1, edit(def('t', ['a', 'b']), 'add-term "b"'));
      const revision = await store.revision();

      expect(await store.append('global', 't', 1, edit(def('t', ['x']), 'add-term "x"'))).toEqual({
        status: 'conflict',
        currentVersion: 2,
      });
      expect(await store.append('global', 't', 0, edit(def('t', ['y']), 'create'))).toEqual({
        status: 'conflict',
        currentVersion: 2,
      });
      expect(await store.append('global', 't', 5, edit(def('t', ['z']), 'add-term "z"'))).toEqual({
        status: 'conflict',
        currentVersion: 2,
      });
      expect(await store.revision()).toBe(revision);
      expect((await store.history('global', 't', 10)).map((h) => h.version)).toEqual([2, 1]);
      expect((await store.get('global', 't'))?.definition.include).toEqual(['a', 'b']);
    });

    it('lets exactly one of several appends racing on the same expected version win', async () => {
      await store.append('global', 't', 0, edit(def('t'), 'create'));
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((term) => store.append('global', 't', 1, edit(def('t', [term]), `add-term "${term}"`))),
      );
      expect(results.filter((r) => r.status === 'appended')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'conflict')).toEqual(Array(4).fill({ status: 'conflict', currentVersion: 2 }));
      expect((await store.history('global', 't', 10)).map((h) => h.version)).toEqual([2, 1]);
      expect(await store.revision()).toBe(2);
    });

    it('keeps a deleted topic out of list but in get and history, and keeps numbering after it', async () => {
      await store.append('global', 'gone', 0, edit(def('gone', ['a']), 'create'));
      await store.append('global', 'kept', 0, edit(def('kept', ['b']), 'create'));
      await store.append('global', 'gone', 1, edit(def('gone', ['a']), 'delete', 2_000, true));

      expect((await store.list('global')).map((t) => t.name)).toEqual(['kept']);
      expect(await store.get('global', 'gone')).toMatchObject({ version: 2, deleted: true, definition: def('gone', ['a']) });
      expect((await store.history('global', 'gone', 5)).map((h) => [h.version, h.deleted])).toEqual([
        [2, true],
        [1, false],
      ]);
      // A deleted topic still exists for optimistic checks: re-creating it continues its history.
      expect(await store.append('global', 'gone', 0, edit(def('gone'), 'create'))).toEqual({ status: 'conflict', currentVersion: 2 });
      expect((await store.append('global', 'gone', 2, edit(def('gone', ['a']), 'undo v2'))).status).toBe('appended');
      expect((await store.list('global')).map((t) => t.name)).toEqual(['gone', 'kept']);
    });

    it('keeps scopes apart and lists global first, then chats, names in order', async () => {
      await store.append('chat:2', 'zeta', 0, edit(def('zeta'), 'create'));
      await store.append('global', 'beta', 0, edit(def('beta', ['g']), 'create'));
      await store.append('chat:1', 'beta', 0, edit(def('beta', ['c1']), 'create'));
      await store.append('global', 'alpha', 0, edit(def('alpha'), 'create'));
      await store.append('chat:2', 'alpha', 0, edit(def('alpha'), 'create'));

      expect(await store.listScopes()).toEqual(['global', 'chat:1', 'chat:2']);
      expect((await store.list()).map((t) => `${t.scope} ${t.name}`)).toEqual([
        'global alpha',
        'global beta',
        'chat:1 beta',
        'chat:2 alpha',
        'chat:2 zeta',
      ]);
      expect((await store.list('chat:1')).map((t) => t.latest.definition.include)).toEqual([['c1']]);
      expect((await store.get('global', 'beta'))?.definition.include).toEqual(['g']);
      expect(await store.get('chat:1', 'alpha')).toBeUndefined();
      expect(await store.list('chat:3')).toEqual([]);
    });

    it('bumps the revision once per append in any scope', async () => {
      expect(await store.revision()).toBe(0);
      await store.append('global', 'a', 0, edit(def('a'), 'create'));
      await store.append('chat:9', 'a', 0, edit(def('a'), 'create'));
      await store.append('global', 'a', 1, edit(def('a', ['x']), 'add-term "x"'));
      expect(await store.revision()).toBe(3);
    });

    it('hands out copies: changing a returned definition changes nothing stored', async () => {
      const definition = def('t', ['a']);
      const result = await store.append('global', 't', 0, edit(definition, 'create'));
      definition.include.push('mutated-input');
      if (result.status === 'appended') result.version.definition.include.push('mutated-result');
      const read = await store.get('global', 't');
      read?.definition.include.push('mutated-read');
      expect((await store.get('global', 't'))?.definition.include).toEqual(['a']);
    });
  });
}
