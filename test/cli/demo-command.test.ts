/**
 * `kabar demo`: the whole bot offline, on its own throwaway redis-server and sample feeds served
 * from 127.0.0.1. It prints the briefs of round two and a one-line summary, and exits 0.
 */
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeRun, expectClean, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

const RULE = '-'.repeat(72);
const GREETING = 'As-salamu alaykum';
const ID_CLOSING =
  'Semoga Allah membimbing para pemimpin ke pilihan yang membawa perdamaian, kerja sama, dan keadilan bagi rakyat mereka.';

describe('kabar demo', { timeout: 90_000 }, () => {
  let kabar: KabarSandbox;
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('prints the briefs and a one-line summary, and exits 0, leaving REDIS_URL and KABAR_DATA_DIR alone', async () => {
    const run = await kabar.run(['demo'], { timeoutMs: 60_000 });
    expectClean(run);
    const summary = run.lines.at(-1) ?? '';
    const counts = /^\[demo [\d.]+s\] done: 3 feeds, (\d+) new articles, (\d+) matched a topic, (\d+) duplicate stor(?:y|ies) merged, (\d+) briefs? printed$/.exec(
      summary,
    );
    expect(counts, describeRun(run)).not.toBeNull();
    const [fresh, matched, , printed] = (counts ?? []).slice(1).map(Number);
    expect(printed).toBeGreaterThan(0);
    expect(matched).toBeGreaterThanOrEqual(printed ?? 0);
    expect(fresh).toBeGreaterThanOrEqual(matched ?? 0);

    // Each brief: a rule, then title - greeting, greeting - lead, ..., the closing, a URL.
    const heads = run.lines.filter((line) => line.endsWith(` - ${GREETING}`));
    expect(heads).toHaveLength(printed ?? -1);
    expect(run.lines.filter((line) => line === RULE)).toHaveLength((printed ?? 0) + 1);
    for (const [index, line] of run.lines.entries()) {
      if (!line.endsWith(` - ${GREETING}`)) continue;
      expect(run.lines[index - 1]).toBe(RULE);
      expect(run.lines[index + 1]).toMatch(new RegExp(`^${GREETING} - \\S`));
      const end = run.lines.indexOf(RULE, index);
      const brief = run.lines.slice(index, end).filter((text) => text !== '');
      expect(brief.at(-2)).toBe(ID_CLOSING);
      expect(brief.at(-1)).toMatch(/^https?:\/\/\S+$/);
    }
    // Round one only remembered the backlog; the summary came after round two.
    expect(run.stdout).toMatch(/round 1: 3 feeds seeded/);

    // Its own throwaway Redis: nothing lands in REDIS_URL or KABAR_DATA_DIR.
    expect(run.lines[0]).toMatch(/Redis: a throwaway redis-server on redis:\/\/127\.0\.0\.1:\d+/);
    expect(await kabar.keys()).toEqual([]);
    expect(await readdir(kabar.dir)).toEqual([]);
  });
});
