import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisGlossaryStore } from '../../src/adapters/redis/glossary-store.js';
import { effectiveGlossary } from '../../src/app/glossary/effective-glossary.js';
import { UsageError } from '../../src/cli/cli-support.js';
import {
  runGlossaryList,
  runGlossaryRemove,
  runGlossarySet,
  type GlossaryCommandContext,
} from '../../src/cli/glossary-command.js';
import { KabarError } from '../../src/core/errors.js';
import type { GlossaryStore } from '../../src/core/translation/glossary-store.js';
import { defaultGlossaries } from '../../src/core/translation/glossary.js';
import { openTestRedis, type TestRedis } from '../support/redis.js';

const SHIPPED_ID = Object.keys(defaultGlossaries.id ?? {}).length;

describe('kabar glossary', () => {
  let redis: TestRedis;
  let store: GlossaryStore;
  let lines: string[];
  let context: GlossaryCommandContext;
  beforeEach(async () => {
    redis = await openTestRedis();
    store = createRedisGlossaryStore(redis.redis, redis.prefix);
    lines = [];
    context = { deps: { store, clock: { now: () => Date.UTC(2025, 5, 15, 9, 30) } }, print: (line) => lines.push(line) };
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  const output = (): string[] => lines.splice(0);

  it('sets, changes and removes terms, saying what changed and how to undo a removal', async () => {
    await runGlossarySet('Board of Peace', 'Dewan Perdamaian', { lang: 'id', author: 'alice' }, context);
    await runGlossarySet('White House', 'Istana Putih', { lang: 'id', author: 'alice' }, context);
    await runGlossaryRemove('UAE', { lang: 'id', author: 'alice' }, context);
    await runGlossarySet('White House', 'Gedung Putih', { lang: 'id', author: 'alice' }, context);
    await runGlossarySet('White House', 'Gedung Putih', { lang: 'id', author: 'alice' }, context);
    await runGlossaryRemove('Board of Peace', { lang: 'id', author: 'alice' }, context);
    expect(output()).toEqual([
      'id: "Board of Peace" -> "Dewan Perdamaian" added; translations made from now on use it',
      'id: "White House" -> "Istana Putih" (was "Gedung Putih"); translations made from now on use it',
      'id: shipped entry "UAE" -> "UEA" switched off; kabar glossary set --lang id "UAE" "UEA" brings it back',
      'id: "White House" -> "Gedung Putih": the shipped entry applies again',
      'id: "White House" -> "Gedung Putih" already; nothing changed',
      'id: "Board of Peace" removed (was "Dewan Perdamaian")',
    ]);
    // The command the removal suggests does bring the entry back.
    await runGlossarySet('UAE', 'UEA', { lang: 'id' }, context);
    expect((await effectiveGlossary('id', { store })).UAE).toBe('UEA');
  });

  it('lists one language with the moderators\' changes marked and on top', async () => {
    await runGlossarySet('Board of Peace', 'Dewan Perdamaian', { lang: 'id', author: 'alice' }, context);
    await runGlossarySet('US', 'Amerika Serikat', { lang: 'id', author: 'bob' }, context);
    await runGlossaryRemove('UAE', { lang: 'id', author: 'carol' }, context);
    output();
    await runGlossaryList({ lang: 'id' }, context);
    const [header, ...entries] = output();
    expect(header).toBe(`id glossary: ${SHIPPED_ID} entries in use  (${SHIPPED_ID - 2} shipped, 1 changed, 1 added, 1 removed)`);
    expect(entries).toHaveLength(SHIPPED_ID + 1);
    expect(entries.slice(0, 3).map((line) => line.replace(/ +/g, ' '))).toEqual([
      ' added Board of Peace -> Dewan Perdamaian (alice, 2025-06-15 09:30)',
      ' changed US -> Amerika Serikat (shipped: AS; bob, 2025-06-15 09:30)',
      ' removed UAE -x not enforced (shipped: UEA; carol, 2025-06-15 09:30)',
    ]);
    expect(entries[3]).toMatch(/^ {2}shipped {2}\S/u);
    expect(entries.map((line) => line.replace(/ +/g, ' '))).toContain(' shipped White House -> Gedung Putih');
  });

  it('lists entries as JSON lines', async () => {
    await runGlossaryRemove('UAE', { lang: 'id', author: 'carol' }, context);
    output();
    await runGlossaryList({ lang: 'id', json: true }, context);
    const entries = output().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toHaveLength(SHIPPED_ID);
    expect(entries[0]).toEqual({ source: 'UAE', origin: 'removed', shipped: 'UEA', author: 'carol', at: Date.UTC(2025, 5, 15, 9, 30) });
  });

  it('sums up every language without --lang', async () => {
    await runGlossarySet('White House', 'Maison-Blanche', { lang: 'fr' }, context);
    output();
    await runGlossaryList({}, context);
    const summary = output();
    expect(summary.at(-1)).toBe('kabar glossary list --lang CODE shows the entries of one language');
    expect(summary).toContain('fr      1 entry in use  (0 shipped, 1 added)');
    expect(summary.find((line) => line.startsWith('id '))).toMatch(new RegExp(`^id +${SHIPPED_ID} entries in use  \\(${SHIPPED_ID} shipped\\)$`, 'u'));
  });

  it('refuses an edit without --lang, or with a bad one, as usage errors', async () => {
    await expect(runGlossarySet('White House', 'x', {}, context)).rejects.toBeInstanceOf(UsageError);
    await expect(runGlossaryRemove('UAE', {}, context)).rejects.toBeInstanceOf(UsageError);
    const bad: unknown = await runGlossaryList({ lang: 'id-ID' }, context).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(KabarError);
    expect((bad as KabarError).code).toBe('usage');
    expect(await store.languages()).toEqual([]);
  });

  it('escapes quotes in the terms it prints', async () => {
    await store.put('id', { kind: 'term', source: 'Say "hi"', target: 'x', author: 'a', at: 0 });
    await runGlossaryRemove('Say "hi"', { lang: 'id' }, context);
    expect(output()).toEqual(['id: "Say \\"hi\\"" removed (was "x")']);
  });
});
