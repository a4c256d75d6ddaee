/**
 * `kabar demo`: the whole bot offline, on sample feeds served from 127.0.0.1, and on REDIS_URL
 * under a throwaway key prefix (or, without REDIS_URL, its own throwaway redis-server). It prints
 * the briefs of round two and a one-line summary, and exits 0.
 */
import { readdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeRun, expectClean, expectError, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

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

    // On REDIS_URL (it runs in the Docker image, which has no redis-server), under a throwaway
    // key prefix of its own, deleted at the end: nothing of the sandbox's prefix is touched.
    const source = /^\[demo [\d.]+s\] Redis: Redis at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\), under the throwaway key prefix (\{kabar-demo-[0-9a-f]{8}\}), deleted at the end;/.exec(
      run.lines[0] ?? '',
    );
    expect(source, describeRun(run)).not.toBeNull();
    const [, demoPrefix] = source ?? [];
    const [, left] = await kabar.redis.scan('0', 'MATCH', `${demoPrefix ?? '?'}*`, 'COUNT', 100_000);
    expect(left).toEqual([]);
    expect(await kabar.keys()).toEqual([]);
    expect(await readdir(kabar.dir)).toEqual([]);
  });

  it('without REDIS_URL, runs on a throwaway redis-server and stops it before exiting', async () => {
    const run = await kabar.run(['demo'], { env: { REDIS_URL: undefined }, timeoutMs: 60_000 });
    expectClean(run);
    expect(run.lines.at(-1)).toMatch(/^\[demo [\d.]+s\] done: 3 feeds, /);
    const port = /^\[demo [\d.]+s\] Redis: a throwaway redis-server on redis:\/\/127\.0\.0\.1:(\d+);/.exec(run.lines[0] ?? '')?.[1];
    expect(port, describeRun(run)).toBeDefined();
    expect(await answers(Number(port))).toBe(false);
    expect(await readdir(kabar.dir)).toEqual([]);
  });

  it('fails at once, with one line, when there is neither REDIS_URL nor redis-server', async () => {
    const startedAt = Date.now();
    const run = await kabar.run(['demo'], { env: { REDIS_URL: undefined, PATH: '/nonexistent' }, timeoutMs: 15_000 });
    expect(run.timedOut, describeRun(run)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(expectError(run, 1)).toMatch(/^redis-server was not found on PATH and REDIS_URL is not set — .*or set REDIS_URL$/);
  });
});

function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
