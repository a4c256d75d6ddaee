import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisGlossaryStore } from '../../../src/adapters/redis/glossary-store.js';
import { effectiveGlossary } from '../../../src/app/glossary/effective-glossary.js';
import { removeGlossaryTerm, setGlossaryTerm } from '../../../src/app/glossary/edit-glossary.js';
import type { GlossaryDeps } from '../../../src/app/glossary/glossary-deps.js';
import { KabarError } from '../../../src/core/errors.js';
import { MAX_GLOSSARY_ENTRIES, type GlossaryStore } from '../../../src/core/translation/glossary-store.js';
import { defaultGlossaries } from '../../../src/core/translation/glossary.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

/** The KabarError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<KabarError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KabarError)) throw new Error(`expected a KabarError, got ${String(error)}`);
  return error;
}

const SHIPPED_ID = Object.keys(defaultGlossaries.id ?? {}).length;

describe('glossary edits', () => {
  let redis: TestRedis;
  let store: GlossaryStore;
  let now: number;
  let deps: GlossaryDeps;
  beforeEach(async () => {
    redis = await openTestRedis();
    store = createRedisGlossaryStore(redis.redis, redis.prefix);
    now = 1_750_000_000_000;
    deps = { store, clock: { now: () => now } };
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  const set = (source: string, target: string, author = 'alice', language = 'id') =>
    setGlossaryTerm({ language, source, target, author }, deps);
  const remove = (source: string, author = 'alice', language = 'id') => removeGlossaryTerm({ language, source, author }, deps);
  const glossary = () => effectiveGlossary('id', { store });

  it('adds a term kabar does not ship, recording who and when', async () => {
    expect(await set('  Board of   Peace ', 'Dewan Perdamaian')).toEqual({
      language: 'id',
      source: 'Board of Peace',
      outcome: 'added',
      target: 'Dewan Perdamaian',
    });
    expect(await store.overrides('id')).toEqual([
      { kind: 'term', source: 'Board of Peace', target: 'Dewan Perdamaian', author: 'alice', at: now },
    ]);
    expect((await glossary())['Board of Peace']).toBe('Dewan Perdamaian');
  });

  it('changes a shipped rendering, and restores it when set back, storing nothing', async () => {
    expect(await set('White House', 'Istana Putih')).toMatchObject({
      outcome: 'changed',
      target: 'Istana Putih',
      previous: 'Gedung Putih',
      shipped: 'Gedung Putih',
    });
    expect((await glossary())['White House']).toBe('Istana Putih');
    expect(await set('White House', 'Gedung Putih', 'bob')).toMatchObject({ outcome: 'restored', previous: 'Istana Putih' });
    expect(await store.overrides('id')).toEqual([]);
    expect(await store.languages()).toEqual([]);
    expect((await glossary())['White House']).toBe('Gedung Putih');
  });

  it('writes nothing when the term already reads so', async () => {
    expect(await set('White House', 'Gedung Putih')).toMatchObject({ outcome: 'unchanged' });
    expect(await store.overrides('id')).toEqual([]);
    await set('Board of Peace', 'Dewan Perdamaian', 'alice');
    now += 1_000;
    expect(await set('Board of Peace', 'Dewan Perdamaian', 'bob')).toMatchObject({ outcome: 'unchanged' });
    expect(await store.overrides('id')).toMatchObject([{ author: 'alice', at: now - 1_000 }]);
  });

  it('removes a shipped entry with a stored removal, and brings it back when set again', async () => {
    expect(await remove('UAE', 'bob')).toEqual({
      language: 'id',
      source: 'UAE',
      outcome: 'removed',
      previous: 'UEA',
      shipped: 'UEA',
    });
    expect(await store.overrides('id')).toEqual([{ kind: 'removed', source: 'UAE', author: 'bob', at: now }]);
    expect(await glossary()).not.toHaveProperty('UAE');
    expect(Object.keys(await glossary())).toHaveLength(SHIPPED_ID - 1);

    expect(await set('UAE', 'UEA')).toMatchObject({ outcome: 'restored', target: 'UEA', shipped: 'UEA' });
    expect(await store.overrides('id')).toEqual([]);
    expect((await glossary()).UAE).toBe('UEA');
  });

  it('re-adds a removed shipped term with another rendering', async () => {
    await remove('UAE');
    const result = await set('UAE', 'Emirat Arab');
    expect(result).toMatchObject({ outcome: 'added', target: 'Emirat Arab', shipped: 'UEA' });
    expect(result).not.toHaveProperty('previous');
    expect((await glossary()).UAE).toBe('Emirat Arab');
  });

  it('removes a shipped entry a moderator had changed, reporting the rendering in use', async () => {
    await set('US', 'Amerika Serikat');
    expect(await remove('US')).toMatchObject({ outcome: 'removed', previous: 'Amerika Serikat', shipped: 'AS' });
    expect(await store.overrides('id')).toMatchObject([{ kind: 'removed', source: 'US' }]);
  });

  it('removes a moderator-added term outright', async () => {
    await set('Board of Peace', 'Dewan Perdamaian');
    expect(await remove('Board of Peace')).toEqual({
      language: 'id',
      source: 'Board of Peace',
      outcome: 'removed',
      previous: 'Dewan Perdamaian',
    });
    expect(await store.overrides('id')).toEqual([]);
    expect(await glossary()).not.toHaveProperty('Board of Peace');
  });

  it('explains why a term cannot be removed', async () => {
    const absent = await rejection(remove('Board of Peace'));
    expect(absent.code).toBe('unknown-glossary-term');
    expect(absent.message).toBe('"Board of Peace" is not in the id glossary.');

    expect((await rejection(remove('uae'))).message).toBe(
      '"uae" is not in the id glossary, but "UAE" is — write terms as the glossary does, capitals included.',
    );

    await remove('UAE', 'bob');
    const again = await rejection(remove('UAE'));
    expect(again.code).toBe('unknown-glossary-term');
    expect(again.message).toBe('"UAE" is not in the id glossary: bob removed it on 2025-06-15 — set it again to bring it back.');
  });

  it('treats names on Object.prototype as ordinary terms', async () => {
    expect(await set('constructor', 'kontraktor')).toMatchObject({ outcome: 'added' });
    expect((await rejection(remove('toString'))).code).toBe('unknown-glossary-term');
    expect(await remove('constructor')).toMatchObject({ outcome: 'removed', previous: 'kontraktor' });
    expect(await store.overrides('id')).toEqual([]);
  });

  it('works for a language kabar ships nothing for', async () => {
    expect(await set('White House', 'Maison-Blanche', 'alice', 'fr')).toMatchObject({ outcome: 'added' });
    expect(await effectiveGlossary('fr', { store })).toEqual({ 'White House': 'Maison-Blanche' });
    expect(await remove('White House', 'alice', 'fr')).toMatchObject({ outcome: 'removed' });
    expect(await store.languages()).toEqual([]);
  });

  describe('validation', () => {
    it.each(['ID', 'id-ID', 'pt_BR', 'indonesian', 'i', ''])('refuses the language code %j as a usage error', async (language) => {
      const error = await rejection(set('White House', 'Gedung Putih', 'alice', language));
      expect(error.code).toBe('usage');
      expect(error.kind).toBe('permanent');
      expect(error.message).toMatch(/is not a language code: .*such as id or es/u);
      expect((await rejection(remove('UAE', 'alice', language))).code).toBe('usage');
    });

    it.each([
      ['an empty source', '   ', 'x', /The source term is empty/u],
      ['an empty target', 'White House', '', /The target term is empty/u],
      ['a line break in the source', 'White\nHouse', 'x', /source term "White⏎House" contains a line break/u],
      ['a line break in the target', 'White House', 'Gedung\r\nPutih', /target term .* contains a line break/u],
      ['a tab', 'White\tHouse', 'x', /contains a line break or control character/u],
      ['a source without words', '!!!', 'x', /has no letters or digits/u],
      ['a long source', 'a'.repeat(101), 'x', /is 101 characters long; the most is 100/u],
      ['a long target', 'White House', 'é'.repeat(101), /is 101 characters long/u],
    ])('refuses %s', async (_what, source, target, message) => {
      const error = await rejection(set(source, target));
      expect(error.code).toBe('invalid-glossary');
      expect(error.message).toMatch(message);
      expect(await store.overrides('id')).toEqual([]);
    });

    it('accepts terms of exactly 100 characters, counted as a reader counts them', async () => {
      const source = 'ب'.repeat(100);
      const target = '👍'.repeat(100);
      expect(await set(source, target)).toMatchObject({ outcome: 'added', source, target });
    });

    it('refuses an invalid term on removal too', async () => {
      expect((await rejection(remove('White\nHouse'))).code).toBe('invalid-glossary');
    });
  });

  describe('limits', () => {
    const fill = async (language: string, count: number, from = 0): Promise<void> => {
      for (let i = from; i < from + count; i++) {
        await store.put(language, { kind: 'term', source: `Term ${i}`, target: `Istilah ${i}`, author: 'setup', at: 0 });
      }
    };

    it(`keeps at most ${MAX_GLOSSARY_ENTRIES} entries in use per language, shipped ones included`, async () => {
      await fill('id', MAX_GLOSSARY_ENTRIES - SHIPPED_ID);
      expect(Object.keys(await glossary())).toHaveLength(MAX_GLOSSARY_ENTRIES);
      const full = await rejection(set('Board of Peace', 'Dewan Perdamaian'));
      expect(full.code).toBe('invalid-glossary');
      expect(full.message).toBe(
        `The id glossary already has ${MAX_GLOSSARY_ENTRIES} entries in use, the most allowed is ${MAX_GLOSSARY_ENTRIES} — remove one first.`,
      );
      // Changing a term in use does not add one; removing one makes room.
      expect(await set('White House', 'Istana Putih')).toMatchObject({ outcome: 'changed' });
      await remove('UAE');
      expect(await set('Board of Peace', 'Dewan Perdamaian')).toMatchObject({ outcome: 'added' });
      // Bringing back a removed shipped entry needs room too.
      expect((await rejection(set('UAE', 'UEA'))).code).toBe('invalid-glossary');
    });

    it('counts removals against what the store keeps', async () => {
      for (const source of Object.keys(defaultGlossaries.id ?? {})) await remove(source);
      await fill('id', MAX_GLOSSARY_ENTRIES - SHIPPED_ID);
      expect(Object.keys(await glossary())).toHaveLength(MAX_GLOSSARY_ENTRIES - SHIPPED_ID);
      const full = await rejection(set('Board of Peace', 'Dewan Perdamaian'));
      expect(full.code).toBe('invalid-glossary');
      expect(full.message).toMatch(/already holds 500 moderator changes \(removals included\)/u);
      // Restoring a shipped entry drops a change, which makes room.
      expect(await set('UAE', 'UEA')).toMatchObject({ outcome: 'restored' });
      expect(await set('Board of Peace', 'Dewan Perdamaian')).toMatchObject({ outcome: 'added' });
    });
  });
});
