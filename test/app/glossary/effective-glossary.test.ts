import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisGlossaryStore } from '../../../src/adapters/redis/glossary-store.js';
import { removeGlossaryTerm, setGlossaryTerm } from '../../../src/app/glossary/edit-glossary.js';
import { effectiveGlossary } from '../../../src/app/glossary/effective-glossary.js';
import type { GlossaryDeps } from '../../../src/app/glossary/glossary-deps.js';
import type { GlossaryStore } from '../../../src/core/translation/glossary-store.js';
import { glossaryFor, relevantGlossary } from '../../../src/core/translation/glossary.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

describe('effectiveGlossary', () => {
  let redis: TestRedis;
  let store: GlossaryStore;
  let deps: GlossaryDeps;
  beforeEach(async () => {
    redis = await openTestRedis();
    store = createRedisGlossaryStore(redis.redis, redis.prefix);
    deps = { store, clock: { now: () => 0 } };
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it('is the shipped glossary while moderators have changed nothing', async () => {
    expect(await effectiveGlossary('id', { store })).toEqual(glossaryFor('id'));
    expect(await effectiveGlossary('es', { store })).toEqual(glossaryFor('es'));
    expect(await effectiveGlossary('fr', { store })).toEqual({});
  });

  it('is shipped + moderators\' terms − removals, and sees each edit on the next call', async () => {
    const edit = { language: 'id', author: 'alice' };
    await setGlossaryTerm({ ...edit, source: 'Board of Peace', target: 'Dewan Perdamaian' }, deps);
    await setGlossaryTerm({ ...edit, source: 'US', target: 'Amerika Serikat' }, deps);
    await removeGlossaryTerm({ ...edit, source: 'UAE' }, deps);

    const glossary = await effectiveGlossary('id', { store });
    const { UAE: _removed, ...shippedRest } = glossaryFor('id');
    expect(glossary).toEqual({ ...shippedRest, US: 'Amerika Serikat', 'Board of Peace': 'Dewan Perdamaian' });

    await setGlossaryTerm({ ...edit, source: 'UAE', target: 'UEA' }, deps);
    expect((await effectiveGlossary('id', { store })).UAE).toBe('UEA');
  });

  it('reads a regional code as its base language, and nothing for a code no edit can have', async () => {
    await setGlossaryTerm({ language: 'pt', source: 'White House', target: 'Casa Branca', author: 'alice' }, deps);
    expect(await effectiveGlossary('pt-BR', { store })).toEqual({ 'White House': 'Casa Branca' });
    expect(await effectiveGlossary('PT_br', { store })).toEqual({ 'White House': 'Casa Branca' });
    expect(await effectiveGlossary('', { store })).toEqual({});
    expect(await effectiveGlossary('portuguese', { store })).toEqual({});
  });

  it('hands a fresh object to each caller', async () => {
    const first = await effectiveGlossary('id', { store });
    first['White House'] = 'spoiled';
    expect((await effectiveGlossary('id', { store }))['White House']).toBe('Gedung Putih');
    expect(glossaryFor('id')['White House']).toBe('Gedung Putih');
  });

  it('keeps a removed term out of what translation is told and checked against', async () => {
    await removeGlossaryTerm({ language: 'id', source: 'UAE', author: 'alice' }, deps);
    const texts = ['The UAE and the White House signed the Abraham Accords.'];
    expect(relevantGlossary(texts, await effectiveGlossary('id', { store }))).toEqual({
      'White House': 'Gedung Putih',
      'Abraham Accords': 'Abraham Accords',
    });
  });
});
