import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisGlossaryStore } from '../../../src/adapters/redis/glossary-store.js';
import { removeGlossaryTerm, setGlossaryTerm } from '../../../src/app/glossary/edit-glossary.js';
import type { GlossaryDeps } from '../../../src/app/glossary/glossary-deps.js';
import { glossaryLanguages, listGlossary } from '../../../src/app/glossary/list-glossary.js';
import { KabarError } from '../../../src/core/errors.js';
import type { GlossaryStore } from '../../../src/core/translation/glossary-store.js';
import { defaultGlossaries } from '../../../src/core/translation/glossary.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const SHIPPED_ID = Object.keys(defaultGlossaries.id ?? {}).length;

describe('listGlossary', () => {
  let redis: TestRedis;
  let store: GlossaryStore;
  let now: number;
  let deps: GlossaryDeps;
  beforeEach(async () => {
    redis = await openTestRedis();
    store = createRedisGlossaryStore(redis.redis, redis.prefix);
    now = 1_000;
    deps = { store, clock: { now: () => now } };
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it('lists every shipped entry as shipped while nothing was changed', async () => {
    const listing = await listGlossary('id', { store });
    expect(listing.language).toBe('id');
    expect(listing.inUse).toBe(SHIPPED_ID);
    expect(listing.counts).toEqual({ added: 0, changed: 0, removed: 0, shipped: SHIPPED_ID });
    expect(listing.entries).toContainEqual({ source: 'White House', origin: 'shipped', target: 'Gedung Putih', shipped: 'Gedung Putih' });
    expect(listing.entries.every((entry) => entry.origin === 'shipped' && entry.target === entry.shipped)).toBe(true);
  });

  it('marks moderators\' additions, changes and removals, above the shipped entries', async () => {
    await setGlossaryTerm({ language: 'id', source: 'Board of Peace', target: 'Dewan Perdamaian', author: 'alice' }, deps);
    now = 2_000;
    await setGlossaryTerm({ language: 'id', source: 'White House', target: 'Istana Putih', author: 'bob' }, deps);
    now = 3_000;
    await removeGlossaryTerm({ language: 'id', source: 'UAE', author: 'carol' }, deps);
    await setGlossaryTerm({ language: 'id', source: 'Abu Dhabi', target: 'Abu Dhabi', author: 'carol' }, deps);

    const listing = await listGlossary('id', { store });
    expect(listing.entries.slice(0, 5)).toEqual([
      { source: 'Abu Dhabi', origin: 'added', target: 'Abu Dhabi', author: 'carol', at: 3_000 },
      { source: 'Board of Peace', origin: 'added', target: 'Dewan Perdamaian', author: 'alice', at: 1_000 },
      { source: 'White House', origin: 'changed', target: 'Istana Putih', shipped: 'Gedung Putih', author: 'bob', at: 2_000 },
      { source: 'UAE', origin: 'removed', shipped: 'UEA', author: 'carol', at: 3_000 },
      expect.objectContaining({ origin: 'shipped' }),
    ]);
    expect(listing.counts).toEqual({ added: 2, changed: 1, removed: 1, shipped: SHIPPED_ID - 2 });
    expect(listing.inUse).toBe(SHIPPED_ID + 1);
    // Each source term appears once.
    expect(new Set(listing.entries.map((entry) => entry.source)).size).toBe(listing.entries.length);
    const shipped = listing.entries.filter((entry) => entry.origin === 'shipped').map((entry) => entry.source);
    expect(shipped).toEqual([...shipped].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'variant' })));
  });

  it('still shows a removal of a term kabar no longer ships', async () => {
    await store.put('id', { kind: 'removed', source: 'Old Term', author: 'alice', at: 5 });
    const listing = await listGlossary('id', { store });
    expect(listing.entries[0]).toEqual({ source: 'Old Term', origin: 'removed', author: 'alice', at: 5 });
    expect(listing.inUse).toBe(SHIPPED_ID);
  });

  it('refuses a bad language code as a usage error', async () => {
    const error: unknown = await listGlossary('Indonesian', { store }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KabarError);
    expect((error as KabarError).code).toBe('usage');
  });
});

describe('glossaryLanguages', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await openTestRedis();
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it('lists the shipped languages and those moderators edited', async () => {
    const store = createRedisGlossaryStore(redis.redis, redis.prefix);
    const shipped = Object.keys(defaultGlossaries).sort();
    expect(await glossaryLanguages({ store })).toEqual(shipped);
    await setGlossaryTerm({ language: 'fr', source: 'White House', target: 'Maison-Blanche', author: 'a' }, { store, clock: { now: () => 0 } });
    expect(await glossaryLanguages({ store })).toEqual([...shipped, 'fr'].sort());
  });
});
