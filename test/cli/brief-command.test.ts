/**
 * `kabar brief`: one article JSON on stdin, its brief on stdout in the reference shape
 * (test/fixtures/articles/reference-brief-id.txt): title and greeting, greeting and first
 * paragraph, the condensed paragraphs, the closing line, the whole source URL.
 *
 * The Apertium case runs a real apertium-apy (test/support/apertium.ts). As in
 * test/integration/apertium-end-to-end.test.ts: CI installs the engine and sets CI=true, which
 * turns a missing engine into a failure; elsewhere that case is skipped without it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findApertium, startApertium, type ApertiumServer } from '../support/apertium.js';
import { describeRun, expectClean, expectError, expectExit, openKabarSandbox, type KabarRun, type KabarSandbox } from './run-kabar.js';
import { startFakeLibreTranslate } from '../fakes/translate/fake-libretranslate.js';

const GREETING = 'As-salamu alaykum';
const reference = readFileSync(new URL('../fixtures/articles/reference-brief-id.txt', import.meta.url), 'utf8').split('\n');
/** The Indonesian closing line, as the reference brief has it. */
const ID_CLOSING = reference.at(-2) ?? '';
const ES_CLOSING = 'Que Allah guíe a los líderes hacia decisiones que traigan paz, cooperación y justicia a sus pueblos.';

const articleHtml = readFileSync(new URL('../fixtures/articles/national-kazakhstan.html', import.meta.url), 'utf8');
const CANONICAL_LINK =
  'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-to-join-abraham-accords-in-boost-for-trumps-middle-east-peace-push/?page=2';
const TRACKED_LINK = CANONICAL_LINK.replace('?page=2', '?utm_source=twitter&page=2&utm_medium=social&utm_campaign=kz');
const TITLE = 'Kazakhstan to join Abraham Accords, White House says';

/** Exit 0, and exactly the one stderr line saying the body was not translated. */
function expectUntranslatedWarning(run: KabarRun, languages: string): void {
  expectExit(run, 0);
  expect(run.stderr, describeRun(run)).toBe(
    `kabar: warning: the body stays in ${languages}: no translator is set (KABAR_TRANSLATOR=none, or --translator); see README, "Getting Indonesian briefs"\n`,
  );
}

describe('kabar brief', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('prints the brief in the reference shape, ending with the whole URL without utm_ parameters', async () => {
    const article = { id: 'national-kz', title: TITLE, link: TRACKED_LINK, content: articleHtml };
    const run = await kabar.run(['brief', '--lang', 'id'], { stdin: JSON.stringify(article) });
    expectUntranslatedWarning(run, 'English (en), not Indonesian (id)');
    const lines = run.lines;
    expect(lines[0]).toBe(`${TITLE} - ${GREETING}`);
    expect(lines[1]).toBe(
      `${GREETING} - Kazakhstan is expected to announce on Thursday that it will join the Abraham Accords, after the U.S. special envoy said a new country would sign up.`,
    );
    expect(lines.at(-2)).toBe(ID_CLOSING);
    expect(lines.at(-1)).toBe(CANONICAL_LINK);
    // One paragraph a line, in the source's order; the byline, the caption and "Read more" are not news.
    const body = lines.slice(2, -2);
    expect(body.length).toBeGreaterThanOrEqual(3);
    expect(body.every((line) => line.trim() === line && line !== '')).toBe(true);
    expect(body[0]).toMatch(/^A senior White House official/);
    expect(run.stdout).not.toMatch(/Read more|By Thomas Watkins|AFP/);
    // Without a translator nothing is stored in Redis.
    expect(await kabar.keys()).toEqual([]);
  });

  it('turns the greeting and closing off, or into custom text, as configured', async () => {
    const article = JSON.stringify({ title: TITLE, link: CANONICAL_LINK, content: '<p>Kazakhstan will join the accords.</p>' });
    const [off, custom] = await Promise.all([
      kabar.run(['brief', '--lang', 'id'], { stdin: article, env: { KABAR_BRIEF_GREETING: 'off', KABAR_BRIEF_CLOSING: 'off' } }),
      kabar.run(['brief', '--lang', 'id'], { stdin: article, env: { KABAR_BRIEF_GREETING: 'Selamat pagi', KABAR_BRIEF_CLOSING: 'Salam.' } }),
    ]);
    expectUntranslatedWarning(off, 'English (en), not Indonesian (id)');
    expect(off.lines).toEqual([TITLE, 'Kazakhstan will join the accords.', CANONICAL_LINK]);
    expectUntranslatedWarning(custom, 'English (en), not Indonesian (id)');
    expect(custom.lines).toEqual([
      `${TITLE} - Selamat pagi`,
      'Selamat pagi - Kazakhstan will join the accords.',
      'Salam.',
      CANONICAL_LINK,
    ]);
  });

  it('fails clearly on a missing link, bad JSON, empty stdin and a bad --lang: all bad input, exit 2', async () => {
    const [noLink, badJson, empty, badLang] = await Promise.all([
      kabar.run(['brief', '--lang', 'id'], { stdin: JSON.stringify({ title: TITLE, content: '<p>Text.</p>' }) }),
      kabar.run(['brief', '--lang', 'id'], { stdin: '{"title": ' }),
      kabar.run(['brief', '--lang', 'id'], { stdin: '' }),
      kabar.run(['brief', '--lang', 'Indonesian'], { stdin: JSON.stringify({ title: TITLE, link: CANONICAL_LINK }) }),
    ]);
    for (const run of [noLink, badJson, empty, badLang]) expect(run.stdout, describeRun(run)).toBe('');
    expect(expectError(noLink, 2)).toBe('"link" is missing: a brief always ends with its source URL');
    expect(expectError(badJson, 2)).toMatch(/^not valid JSON/);
    expect(expectError(empty, 2)).toMatch(/^give the article as JSON on stdin/);
    expect(expectError(badLang, 2)).toMatch(/^--lang takes a language code/);
  });

  it('refuses more than one article can be, once past the cap, with one line (exit 2)', async () => {
    // A little over MAX_ARTICLE_INPUT_BYTES (3 000 000): the reading stops there, unparsed.
    const huge = JSON.stringify({ title: TITLE, link: CANONICAL_LINK, content: 'x'.repeat(3_000_100) });
    const run = await kabar.run(['brief', '--lang', 'id'], { stdin: huge });
    expect(run.stdout, describeRun(run)).toBe('');
    expect(expectError(run, 2)).toBe('more than 3000000 bytes on stdin; expected one article, of at most 1000000 characters');
  });

  it('warns when --lang es gets an English body under a Spanish closing, and is silent when nothing needs translating', async () => {
    const english = JSON.stringify({ title: TITLE, link: CANONICAL_LINK, language: 'en', content: '<p>Kazakhstan will join the accords.</p>' });
    const [spanish, same] = await Promise.all([
      kabar.run(['brief', '--lang', 'es'], { stdin: english }),
      kabar.run(['brief', '--lang', 'en'], { stdin: english }),
    ]);
    expectUntranslatedWarning(spanish, 'English (en), not Spanish (es)');
    expect(spanish.lines.at(-2)).toBe(ES_CLOSING);
    expectClean(same);
  });

  it('--translator asks the provider every time: a provider that went down fails, not answered from the cache', async () => {
    const libre = await startFakeLibreTranslate();
    const article = JSON.stringify({ title: TITLE, link: CANONICAL_LINK, language: 'en', content: '<p>Kazakhstan will join the accords.</p>' });
    try {
      const up = await kabar.run(['brief', '--lang', 'es', '--translator', 'libretranslate'], {
        stdin: article,
        env: { LIBRETRANSLATE_URL: libre.origin },
      });
      expectExit(up, 0);
      // The glossary's Spanish rendering, put back where the placeholder went through the engine.
      expect(up.lines[1]).toBe(`${GREETING} - es: Kazajistán will join the accords.`);
    } finally {
      await libre.close();
    }
    // Same article, same provider, now on a closed port: the cache holds the answer, but trying a provider must reach it.
    const down = await kabar.run(['brief', '--lang', 'es', '--translator', 'libretranslate'], {
      stdin: article,
      env: { LIBRETRANSLATE_URL: libre.origin, KABAR_TRANSLATE_TIMEOUT: '2s' },
    });
    expect(down.stdout, describeRun(down)).toBe('');
    expect(expectError(down, 1)).toMatch(/LibreTranslate/);
  });

  const engine = findApertium('eng-spa');
  const required = process.env.CI === 'true';

  describe.runIf(engine.available || required)('--translator apertium (a real apertium-apy)', () => {
    let apertium: ApertiumServer | undefined;
    beforeAll(async () => {
      if (!engine.available) throw new Error(`CI=true but the Apertium engine is missing: ${engine.reason}`);
      apertium = await startApertium(engine.executable, engine.modesDir);
    }, 30_000);
    afterAll(() => apertium?.stop());

    it('prints a Spanish brief with the Spanish closing and the URL untouched, and counts the usage', async () => {
      const article = {
        title: 'The White House says Kazakhstan will join the Abraham Accords',
        link: TRACKED_LINK,
        language: 'en',
        content:
          '<p>The White House said on Thursday that Kazakhstan will join the Abraham Accords.</p>' +
          '<p>The foreign ministers signed an agreement on critical minerals in Washington.</p>',
      };
      const run = await kabar.run(['brief', '--translator', 'apertium', '--lang', 'es'], {
        stdin: JSON.stringify(article),
        env: { APERTIUM_URL: apertium?.baseUrl ?? 'http://127.0.0.1:9', KABAR_TRANSLATE_TIMEOUT: '20s' },
        timeoutMs: 40_000,
      });
      expectExit(run, 0);
      // Apertium has no glossary support, so a warning about it may be logged; never an error.
      expect(run.stderr).not.toMatch(/^kabar: /m);
      const lines = run.lines;
      // Glossary terms go to Apertium as placeholders and come back as the glossary renders them
      // (Kazajistán, not Apertium's Kazajstán). The article before a placeholder is Apertium's
      // guess ("El" where "La Casa Blanca" wants "La"): a known cost of protecting terms.
      expect(lines[0]).toMatch(new RegExp(`^\\S+ Casa Blanca .*Kazajistán.* - ${GREETING}$`));
      expect(lines[1]).toMatch(new RegExp(`^${GREETING} - \\S+ Casa Blanca dijo el jueves `));
      expect(lines[2]).toMatch(/ministros/);
      expect(lines.at(-2)).toBe(ES_CLOSING);
      expect(lines.at(-1)).toBe(CANONICAL_LINK);
      expect(run.stdout).not.toMatch(/White House|Thursday/);
      // Apertium's unknown-word marks never reach the reader.
      expect(run.stdout).not.toMatch(/(^|\s)[*#@]\p{L}/u);

      // The translation went through the bot's usage counters, which kabar stats shows.
      const stats = await kabar.run(['stats']);
      expectClean(stats);
      expect(stats.lines[0]).toMatch(/^translation \d{4}-\d{2}-\d{2}: apertium 1 calls?, \d+ chars/);
    });
  });
});
