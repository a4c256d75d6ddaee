/**
 * `kabar match`: JSON lines in on stdin, one `{id, topics, hits}` line out per input, against the
 * shipped topics (and the moderators' edits) in Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../fakes/translate/fake-openai.js';
import { describeRun, expectClean, expectError, expectExit, jsonLines, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

interface Hit {
  topic: string;
  term: string;
  field: string;
  snippet: string;
}
interface Verdict {
  id: string;
  topics: string[];
  hits: Hit[];
}

const KAZAKHSTAN_ACCORDS = 'Kazakhstan to join the Abraham Accords, White House says';
const HONDA = 'Honda Accord recall: 2018 Accords affected';
const RUSSIAN = 'Казахстан и Узбекистан подписали соглашение о воде';

const input = (lines: readonly object[]): string => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;

describe('kabar match', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('writes {id, topics, hits: [{topic, term, field, snippet}]} for each line, in order', async () => {
    const run = await kabar.run(['match'], {
      stdin: input([
        { id: 'kz-accords', title: KAZAKHSTAN_ACCORDS },
        { id: 'honda', title: HONDA, summary: 'The sedan is recalled over a faulty fuel pump.' },
        { id: 'ru', title: RUSSIAN },
        { id: 'in-summary', title: 'Water talks end without a deal', summary: 'Ministers met in Tashkent on Tuesday.' },
        { title: 'Council approves new bus timetable', link: 'https://news.example/local/bus?utm_source=rss' },
      ]),
    });
    expectClean(run);
    const [both, honda, russian, inSummary, noId, ...rest] = jsonLines(run) as Verdict[];
    expect(rest).toEqual([]);

    expect(both).toEqual({
      id: 'kz-accords',
      topics: ['abraham-accords', 'central-asia'],
      hits: expect.arrayContaining([
        // A strong (`!`) term says so: it overrides exclusions and needs no relevance check.
        { topic: 'abraham-accords', term: expect.stringMatching(/Abraham Accord/), field: 'title', snippet: KAZAKHSTAN_ACCORDS, strong: true },
        // A term with a context clause also says which context made it count.
        { topic: 'central-asia', term: expect.stringMatching(/^\(Kazakhstan\*\|[^)]*\) in\(title\)/), field: 'title', snippet: KAZAKHSTAN_ACCORDS, context: 'in the title' },
      ]),
    });
    for (const hit of both?.hits ?? []) expect(['field', 'snippet', 'term', 'topic', 'context', 'strong']).toEqual(expect.arrayContaining(Object.keys(hit)));

    // "Accord" is a car here: no topic, no hit.
    expect(honda).toEqual({ id: 'honda', topics: [], hits: [] });

    expect(russian?.id).toBe('ru');
    expect(russian?.topics).toEqual(['central-asia']);
    expect(russian?.hits).toContainEqual({ topic: 'central-asia', term: expect.stringContaining('Казахстан*'), field: 'title', snippet: RUSSIAN, context: 'in the title' });

    expect(inSummary?.topics).toEqual(['central-asia']);
    expect(inSummary?.hits).toEqual([
      { topic: 'central-asia', term: expect.stringMatching(/^Tashkent notnear/), field: 'summary', snippet: expect.stringContaining('Tashkent') },
    ]);

    // Without an id, kabar makes one; it is what the bot would call the article.
    expect(noId).toEqual({ id: expect.stringMatching(/^\S+$/), topics: [], hits: [] });
  });

  it('answers a malformed line with an error line for that input and goes on; exit 2 (bad input) with one stderr line', async () => {
    const run = await kabar.run(['match'], {
      stdin: [
        JSON.stringify({ id: 'first', title: KAZAKHSTAN_ACCORDS }),
        'this is not json',
        JSON.stringify({ id: 'numeric-title', title: 42 }),
        '',
        JSON.stringify({ id: 'no-title', summary: 'Tashkent' }),
        JSON.stringify({ id: 'after', title: RUSSIAN }),
      ].join('\n'),
    });
    expect(expectError(run, 2)).toMatch(/^3 of the input lines could not be matched/);
    const out = jsonLines(run) as Record<string, unknown>[];
    // One line out per input line; the blank line is skipped, not an error.
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ id: 'first', topics: ['abraham-accords', 'central-asia'] });
    expect(out[1]).toEqual({ line: 2, error: expect.stringMatching(/^not valid JSON/) });
    expect(out[2]).toEqual({ id: 'numeric-title', line: 3, error: '"title" must be a string' });
    expect(out[3]).toEqual({ id: 'no-title', line: 5, error: expect.stringMatching(/^"title" is missing/) });
    expect(out[4]).toMatchObject({ id: 'after', topics: ['central-asia'] });
  });

  it('skips a line too long to be an article unread, with an error line for it, and goes on', async () => {
    // A little over MAX_ARTICLE_INPUT_BYTES (3 000 000), in the middle and again as the last line
    // without a newline: neither is kept in memory, let alone parsed.
    const huge = JSON.stringify({ id: 'huge', title: 'x'.repeat(3_000_100) });
    const run = await kabar.run(['match'], {
      stdin: [JSON.stringify({ id: 'first', title: KAZAKHSTAN_ACCORDS }), huge, JSON.stringify({ id: 'after', title: RUSSIAN }), huge].join('\n'),
    });
    expect(expectError(run, 2)).toMatch(/^2 of the input lines could not be matched/);
    const out = jsonLines(run) as Record<string, unknown>[];
    const skipped = `the line has ${huge.length} bytes, more than any article (at most 1000000 characters, 3000000 bytes); skipped unread`;
    expect(out).toEqual([
      expect.objectContaining({ id: 'first', topics: ['abraham-accords', 'central-asia'] }),
      { line: 2, error: skipped },
      expect.objectContaining({ id: 'after', topics: ['central-asia'] }),
      { line: 4, error: skipped },
    ]);
  });

  it('--topics restricts the verdicts to those topics; an unknown topic is a usage error', async () => {
    const [restricted, unknown] = await Promise.all([
      kabar.run(['match', '--topics', 'central-asia'], { stdin: input([{ id: 'kz', title: KAZAKHSTAN_ACCORDS }]) }),
      kabar.run(['match', '--topics', 'central-asia,nope'], { stdin: input([{ id: 'kz', title: KAZAKHSTAN_ACCORDS }]) }),
    ]);
    expectClean(restricted);
    const [verdict] = jsonLines(restricted) as Verdict[];
    expect(verdict?.topics).toEqual(['central-asia']);
    expect(verdict?.hits.length).toBeGreaterThan(0);
    expect(verdict?.hits.every((hit) => hit.topic === 'central-asia')).toBe(true);

    expect(unknown.stdout, describeRun(unknown)).toBe('');
    expect(expectError(unknown, 2)).toMatch(/unknown topic nope\b/);
  });

  it('matches with the terms moderators added through kabar topics', async () => {
    const headline = { id: 'khorgos', title: 'Khorgos dry port doubles its container traffic' };
    const before = await kabar.run(['match'], { stdin: input([headline]) });
    expectClean(before);
    expect(jsonLines(before)).toEqual([{ id: 'khorgos', topics: [], hits: [] }]);

    expectExit(await kabar.run(['topics', 'add-term', 'central-asia', 'Khorgos', '--author', 'alice']), 0);
    const after = await kabar.run(['match'], { stdin: input([headline]) });
    expectClean(after);
    expect(jsonLines(after)).toEqual([
      { id: 'khorgos', topics: ['central-asia'], hits: [{ topic: 'central-asia', term: 'Khorgos', field: 'title', snippet: headline.title }] },
    ]);
  });

  it('says so on empty input, exit 2, instead of printing nothing', async () => {
    const [empty, blank] = await Promise.all([kabar.run(['match'], { stdin: '' }), kabar.run(['match'], { stdin: '\n  \n' })]);
    for (const run of [empty, blank]) {
      expect(run.stdout, describeRun(run)).toBe('');
      expect(expectError(run, 2)).toMatch(/^no input: give articles as JSON lines on stdin/);
    }
  });

  it('puts weak matches to the model with KABAR_RELEVANCE_CHECK=openai, shows each answer, and kabar stats counts them', async () => {
    const model = await startFakeOpenAi();
    try {
      model.judge = (question) => !question.title.includes('festival');
      const env = { KABAR_RELEVANCE_CHECK: 'openai', OPENAI_BASE_URL: model.baseUrl, OPENAI_MODEL: 'judge-1' };
      const articles = input([
        { id: 'festival', title: 'Kazakhstan and Uzbekistan leaders open plov festival' },
        { id: 'water', title: RUSSIAN },
        { id: 'kz-accords', title: KAZAKHSTAN_ACCORDS },
      ]);
      const run = await kabar.run(['match'], { stdin: articles, env });
      expectClean(run);
      const [festival, water, accords] = jsonLines(run) as (Verdict & { relevance?: Record<string, object> })[];
      expect(festival).toMatchObject({ topics: [], relevance: { 'central-asia': { verdict: 'rejected', by: 'openai judge-1', cached: false } } });
      expect(festival?.hits.map((hit) => hit.topic)).toContain('central-asia');
      expect(water).toMatchObject({ topics: ['central-asia'], relevance: { 'central-asia': { verdict: 'confirmed', cached: false } } });
      // The Accords named (a strong term): only central-asia was asked about.
      expect(accords?.topics).toEqual(['abraham-accords', 'central-asia']);
      expect(Object.keys(accords?.relevance ?? {})).toEqual(['central-asia']);
      expect(model.requests).toHaveLength(3);

      const again = await kabar.run(['match'], { stdin: articles, env });
      expect((jsonLines(again) as { relevance?: Record<string, { cached: boolean }> }[]).map((line) => line.relevance?.['central-asia']?.cached)).toEqual([true, true, true]);
      expect(model.requests).toHaveLength(3);

      const stats = await kabar.run(['stats'], { env });
      expectClean(stats);
      expect(stats.lines).toContainEqual(
        expect.stringMatching(/^relevance checks \d{4}-\d{2}-\d{2}: 3 asked \(2 confirmed, 1 rejected\), 3 answered from earlier answers, 0 failed/u),
      );
    } finally {
      await model.close();
    }
  });
});
