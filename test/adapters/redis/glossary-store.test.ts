import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisGlossaryStore } from '../../../src/adapters/redis/glossary-store.js';
import { isKabarError } from '../../../src/core/errors.js';
import type { GlossaryOverride } from '../../../src/core/translation/glossary-store.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const term = (source: string, target: string, author = 'alice', at = 1): GlossaryOverride => ({
  kind: 'term',
  source,
  target,
  author,
  at,
});
const removal = (source: string, author = 'alice', at = 1): GlossaryOverride => ({ kind: 'removed', source, author, at });

describe('createRedisGlossaryStore', () => {
  let test: TestRedis;
  beforeEach(async () => {
    test = await openTestRedis();
  });
  afterEach(async () => {
    await test.cleanup();
  });

  it('keeps terms and removals per language, ordered by source term', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    expect(await store.put('id', term('White House', 'Istana Putih'))).toBe('written');
    expect(await store.put('id', removal('UAE', 'bob', 2))).toBe('written');
    expect(await store.put('id', term('Board of Peace', 'Dewan Perdamaian'))).toBe('written');
    expect(await store.put('es', term('White House', 'Casa Blanca'))).toBe('written');

    expect(await store.overrides('id')).toEqual([
      term('Board of Peace', 'Dewan Perdamaian'),
      removal('UAE', 'bob', 2),
      term('White House', 'Istana Putih'),
    ]);
    expect(await store.overrides('es')).toEqual([term('White House', 'Casa Blanca')]);
    expect(await store.overrides('fr')).toEqual([]);
    expect(await store.languages()).toEqual(['es', 'id']);
  });

  it('replaces the override of the same source term, a term by a removal and back', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    await store.put('id', term('UAE', 'Emirat'));
    await store.put('id', removal('UAE', 'bob', 2));
    expect(await store.overrides('id')).toEqual([removal('UAE', 'bob', 2)]);
    await store.put('id', term('UAE', 'UEA', 'carol', 3));
    expect(await store.overrides('id')).toEqual([term('UAE', 'UEA', 'carol', 3)]);
  });

  it('clears an override, and forgets the language once it has none left', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    await store.put('id', term('UAE', 'Emirat'));
    await store.put('id', term('US', 'Amerika Serikat'));
    expect(await store.clear('id', 'UAE')).toBe(true);
    expect(await store.clear('id', 'UAE')).toBe(false);
    expect(await store.languages()).toEqual(['id']);
    expect(await store.clear('id', 'US')).toBe(true);
    expect(await store.overrides('id')).toEqual([]);
    expect(await store.languages()).toEqual([]);
  });

  it('stores source terms that are also names on Object.prototype', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    await store.put('id', term('constructor', 'kontraktor'));
    await store.put('id', term('__proto__', 'proto'));
    await store.put('id', removal('toString'));
    expect(await store.overrides('id')).toEqual([term('__proto__', 'proto'), term('constructor', 'kontraktor'), removal('toString')]);
  });

  it('stores only an override\'s own fields', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    const sloppy = { ...removal('UAE'), target: 'left over', note: 'x' } as unknown as GlossaryOverride;
    await store.put('id', sloppy);
    expect(await store.overrides('id')).toEqual([removal('UAE')]);
    expect(JSON.parse((await test.redis.hget(`${test.prefix}glossary:id`, 'UAE')) ?? '')).toEqual({
      kind: 'removed',
      author: 'alice',
      at: 1,
    });
  });

  it('refuses a new source term once the language is full, but still replaces existing ones', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix, 2);
    await store.put('id', term('a', '1'));
    await store.put('id', term('b', '2'));
    expect(await store.put('id', term('c', '3'))).toBe('full');
    expect(await store.put('id', removal('a'))).toBe('written');
    expect(await store.put('es', term('c', '3'))).toBe('written');
    expect((await store.overrides('id')).map((o) => o.source)).toEqual(['a', 'b']);
  });

  it('lets two connections racing for the last places write no more than the cap', async () => {
    const other = new Redis(test.url, { lazyConnect: true });
    await other.connect();
    try {
      const a = createRedisGlossaryStore(test.redis, test.prefix, 10);
      const b = createRedisGlossaryStore(other, test.prefix, 10);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).put('id', term(`term ${i}`, `istilah ${i}`))),
      );
      expect(results.filter((r) => r === 'written')).toHaveLength(10);
      expect(await a.overrides('id')).toHaveLength(10);
    } finally {
      other.disconnect();
    }
  });

  it('keeps everything under its prefix, in the documented keys', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    await store.put('id', term('UAE', 'Emirat'));
    await store.put('es', removal('UAE'));
    const keys = (await test.redis.keys(`${test.prefix}*`)).map((k) => k.slice(test.prefix.length)).sort();
    expect(keys).toEqual(['glossary:es', 'glossary:id', 'glossary:languages']);
    const elsewhere = createRedisGlossaryStore(test.redis, `${test.prefix}other:`);
    expect(await elsewhere.overrides('id')).toEqual([]);
    expect(await elsewhere.languages()).toEqual([]);
  });

  it('reports a corrupt stored entry as a permanent error naming the language and the term', async () => {
    const store = createRedisGlossaryStore(test.redis, test.prefix);
    await test.redis.hset(`${test.prefix}glossary:id`, 'UAE', '{"kind":"term","author":"alice","at":1}');
    const error: unknown = await store.overrides('id').catch((e: unknown) => e);
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect(isKabarError(error) && error.code).toBe('corrupt-glossary');
    expect(String(error)).toMatch(/The id glossary entry "UAE" is corrupt in Redis/u);
    await test.redis.hset(`${test.prefix}glossary:id`, 'UAE', 'not json');
    expect(String(await store.overrides('id').catch((e: unknown) => e))).toMatch(/not JSON/u);
  });
});
