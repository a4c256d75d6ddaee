/**
 * The real-world corpus (39 files: legacy encodings, broken feeds, gzip, JSON Feed, an HTML page)
 * lives outside the repository; CI points KABAR_FEED_CORPUS at it. Every file must either parse
 * into sensible items or fail with a classified KabarError, both from disk and over HTTP.
 *
 *   KABAR_FEED_CORPUS=/work/shared/fixtures/feeds npx vitest run test/adapters/feeds
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKabarError } from '../../../src/core/errors.js';
import type { ParsedFeed } from '../../../src/core/feed.js';
import { createHttpFeedFetcher } from '../../../src/adapters/feeds/http-feed-fetcher.js';
import { parseFeedDocument } from '../../../src/adapters/feeds/parse-feed.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const corpus = process.env.KABAR_FEED_CORPUS ?? '';
const skip = corpus === '';
const unset = skip ? ' (skipped: set KABAR_FEED_CORPUS to the corpus directory; CI does)' : '';

interface Parses {
  items: number;
  format?: ParsedFeed['format'];
  title?: string;
  /** Titles that must appear among the items: the mojibake check for non-UTF-8 files. */
  itemTitles?: string[];
  /** Whether every item has a date (`all`) or none does (`none`). */
  dates?: 'all' | 'none';
}
interface Fails {
  error: string;
}

const expectations: Record<string, Parses | Fails> = {
  'feedparserpy__always_strip_doctype.xml': { items: 0, format: 'rss', title: 'found' },
  // windows-1255 with no label anywhere: only statistical detection could tell; we read windows-1252.
  'feedparserpy__chardet_windows1255.xml': { items: 1, format: 'rss' },
  'feedparserpy__http_high_bit_date.xml': { items: 0, format: 'rss' },
  'feedparserpy__utf-16le-bom.xml': { items: 0, format: 'rss' },
  'feedrs__atom_mediarss_youtube_1.xml': { items: 1, format: 'atom', title: 'PBS Space Time', itemTitles: ['Navigating with Quantum Entanglement'], dates: 'all' },
  'feedrs__jsonfeed_example_1.json': { items: 2, format: 'json-feed', title: 'Daring Fireball', itemTitles: ['How Jeff Bezos’s iPhone X Was Hacked'], dates: 'all' },
  'feedrs__rss_1.0_iso8859.xml': { items: 1, title: 'Golem.de', itemTitles: ['Digitalministerium: Neue Glasfaserförderung mit Schnellkasse'], dates: 'all' },
  'feedrs__rss_2.0_bbc.xml': { items: 1, title: 'In Our Time', itemTitles: ['Marcus Aurelius'], dates: 'all' },
  'feedrs__rss_2.0_encoding_1.xml': {
    items: 1,
    title: 'RSS Feed do Site Inovação Tecnológica',
    itemTitles: ['Revolução nas telas com pontos quânticos impressos em 3D'],
    dates: 'all',
  },
  'feedrs__rss_2.0_ilgiornale.xml': {
    items: 1,
    title: 'Il Giornale - Cronache',
    itemTitles: ["Arrestato in Pakistan Shabbar Abbas. In Italia è accusato per l'omicidio di Saman"],
    dates: 'all',
  },
  'feedrs__rss_2.0_invalid_1.xml': { error: 'parse-error' },
  'feedrs__rss_2.0_nbcny.xml': { items: 1, title: 'NBC New York', dates: 'all' },
  'gofeed__empty_feed.xml': { error: 'not-a-feed' },
  'miniflux__encoding_WINDOWS-1251.xml': { items: 50, title: 'iBash.Org.Ru', itemTitles: ['Цитата #17703'], dates: 'all' },
  'miniflux__koi8r.xml': { items: 2, title: 'Пример RSS ленты', itemTitles: ['Первая новость'], dates: 'all' },
  // Ten <item>s, one of them completely empty.
  'miniflux__no_encoding_ISO-8859-1.xml': {
    items: 9,
    title: 'Flux RSS du magazine de psychologie Le Cercle Psy',
    itemTitles: ['Caroline Eliacheff : « Dolto reste authentiquement subversive »', 'Migrants : l\'urgence thérapeutique'],
    dates: 'all',
  },
  'miniflux__rdf_UTF8.xml': { items: 60, title: 'heise online News', itemTitles: ['OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen'], dates: 'none' },
  'miniflux__urdu_UTF8.xml': { items: 26, dates: 'all' },
  'nodefeedparser__compressed.xml.gz': {
    items: 10,
    title: 'Новости Оренбурга и области / Раздел Новости',
    itemTitles: ['В Бузулуке главные стройплощадки – детсад и Ледовый дворец'],
    dates: 'all',
  },
  'nodefeedparser__guid-dupes.xml': { items: 1, dates: 'all' },
  'nodefeedparser__iconv.xml': {
    items: 10,
    title: 'Новости Оренбурга и области / Раздел Новости',
    itemTitles: ['В Бузулуке главные стройплощадки – детсад и Ледовый дворец'],
    dates: 'all',
  },
  'nodefeedparser__illegally-nested.xml': { items: 10, dates: 'all' },
  'nodefeedparser__notafeed.html': { error: 'not-a-feed' },
  'nodefeedparser__saxerror.xml': { items: 3, itemTitles: ['Good Item', 'Bad Item', 'Item After Error'] },
  'nodefeedparser__tpm.atom': { items: 20, format: 'atom', title: 'All TPM News', dates: 'all' },
  'nodefeedparser__wapowellness.xml': { items: 29, dates: 'all' },
  'rsparser__aktuality.rss': { items: 30, title: 'Aktuality.sk - aktuálne spravodajstvo', dates: 'all' },
  'rsparser__donthitsave.xml': { items: 10, title: "Don't Hit Save", dates: 'all' },
  'rsparser__kc0011.rss': {
    items: 20,
    title: '投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文',
    itemTitles: ['建国35周年纪念，华表，和平鸽'],
    dates: 'all',
  },
  'rsparser__livemint.xml': { items: 25, title: 'Livemint - News', dates: 'all' },
  'rssparser__craigslist.rss': { items: 25, dates: 'all' },
  'rssparser__encoding.rss': {
    items: 40,
    title: 'Jornal de Notícias - Últimas Notícias',
    itemTitles: ['Mãe de utente é a nova presidente da Raríssimas'],
    dates: 'all',
  },
  'rssparser__giantbomb-podcast.rss': { items: 730, title: 'Giant Bombcast', dates: 'all' },
  'rssparser__guardian.rss': { items: 55, title: 'The Guardian', dates: 'all' },
  'rssparser__heise.atom': { items: 15, format: 'atom', title: 'heise developer neueste Meldungen', dates: 'all' },
  // The only entry is an empty <author/>: nothing to show, so no item.
  'rssparser__incomplete-fields.atom': { items: 0, format: 'atom' },
  'rssparser__instant-article.rss': { items: 1, title: 'Instant Article Test', dates: 'all' },
  'rssparser__rss-1.rss': { items: 69, dates: 'all' },
  // No declaration, latin-1 bytes, Portuguese month names in dates.
  'rssparser__uolNoticias.rss': {
    items: 15,
    title: 'UOL Noticias',
    itemTitles: ['Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno'],
    dates: 'all',
  },
};

/** UTF-8 read as latin-1 ("Ã©"), Cyrillic UTF-8 read as latin-1 ("Ð¿"), or replacement characters. */
const mojibake = /[ÃÐÑ][\u0080-\u00BF]|\uFFFD/;
const earliest = Date.UTC(1995, 0, 1);
const latest = Date.UTC(2030, 0, 1);

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && name !== 'PROVENANCE.md' && statSync(join(dir, name)).isFile())
    .sort();
}

function checkFeed(file: string, feed: ParsedFeed, expected: Parses, fetchedFrom?: string): void {
  expect(feed.items, file).toHaveLength(expected.items);
  if (expected.format !== undefined) expect(feed.format).toBe(expected.format);
  if (expected.title !== undefined) expect(feed.title).toBe(expected.title);
  const titles = feed.items.map((item) => item.title);
  for (const title of expected.itemTitles ?? []) expect(titles).toContain(title);
  for (const item of feed.items) {
    for (const text of [item.title, feed.title]) {
      if (text !== undefined) expect(text, `${file}: ${text}`).not.toMatch(mojibake);
    }
    if (item.link !== undefined) {
      expect(item.link).toMatch(/^https?:\/\//);
      // Relative links resolve against the URL the feed came from.
      if (fetchedFrom !== undefined && file === 'nodefeedparser__tpm.atom') expect(item.link.startsWith(fetchedFrom)).toBe(true);
    }
    if (item.publishedAt !== undefined) {
      expect(item.publishedAt).toBeGreaterThan(earliest);
      expect(item.publishedAt).toBeLessThan(latest);
    }
  }
  for (const item of feed.items) expect(item.title ?? item.link ?? item.guid ?? item.summary ?? item.content).toBeDefined();
  if (expected.dates === 'all') expect(feed.items.every((item) => item.publishedAt !== undefined)).toBe(true);
  if (expected.dates === 'none') expect(feed.items.every((item) => item.publishedAt === undefined)).toBe(true);
}

function checkFailure(file: string, error: unknown, expected: Fails): void {
  expect(isKabarError(error), `${file}: ${String(error)}`).toBe(true);
  expect(error).toMatchObject({ code: expected.error, kind: 'permanent' });
  expect((error as Error).message).not.toContain('\n');
}

describe(`feed corpus${unset}`, () => {
  const files = skip ? [] : corpusFiles(corpus);
  let server: LoopbackServer;
  const fetcher = createHttpFeedFetcher({ allowPrivateAddresses: true });

  beforeAll(async () => {
    if (skip) return;
    server = await startLoopbackServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://corpus.test');
      const name = decodeURIComponent(url.pathname.slice(1));
      if (!files.includes(name)) {
        response.writeHead(404);
        response.end();
        return;
      }
      void readFile(join(corpus, name)).then((body) => {
        // No charset parameter: the bytes must speak for themselves, as on disk.
        const type = name.endsWith('.json') ? 'application/json' : name.endsWith('.html') ? 'text/html' : 'application/xml';
        const gzipHeader = url.searchParams.has('gzip-header') ? { 'Content-Encoding': 'gzip' } : {};
        response.writeHead(200, { 'Content-Type': type, ...gzipHeader });
        response.end(body);
      });
    });
  });
  afterAll(async () => {
    if (!skip) await server.close();
  });

  it.skipIf(skip)('has an expectation for every file in the corpus, and a file for every expectation', () => {
    expect(files).toEqual(Object.keys(expectations).sort());
  });

  it.skipIf(skip).each(Object.keys(expectations))('%s: parsed from disk', async (file) => {
    const expected = expectations[file];
    if (expected === undefined) throw new Error(`no expectation for ${file}`);
    const body = await readFile(join(corpus, file));
    const outcome = await parseFeedDocument(body).then(
      (feed) => ({ feed }),
      (error: unknown) => ({ error }),
    );
    if ('error' in expected) {
      expect(outcome).toHaveProperty('error');
      if ('error' in outcome) checkFailure(file, outcome.error, expected);
    } else {
      if ('error' in outcome) throw outcome.error;
      checkFeed(file, outcome.feed, expected);
    }
  });

  it.skipIf(skip).each(Object.keys(expectations))('%s: fetched over loopback HTTP', async (file) => {
    const expected = expectations[file];
    if (expected === undefined) throw new Error(`no expectation for ${file}`);
    const url = `${server.origin}/${encodeURIComponent(file)}`;
    const outcome = await fetcher.fetch(url).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if ('error' in expected) {
      expect(outcome).toHaveProperty('error');
      if ('error' in outcome) checkFailure(file, outcome.error, expected);
      return;
    }
    if ('error' in outcome) throw outcome.error;
    expect(outcome.result.status).toBe('ok');
    if (outcome.result.status === 'ok') {
      expect(outcome.result.finalUrl).toBe(url);
      checkFeed(file, outcome.result.feed, expected, server.origin);
    }
  });

  it.skipIf(skip)('the gzip file also decodes when served with Content-Encoding: gzip', async () => {
    const result = await fetcher.fetch(`${server.origin}/nodefeedparser__compressed.xml.gz?gzip-header`);
    expect(result.status === 'ok' && result.feed.items[0]?.title).toBe('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
  });

  it.skipIf(skip)('the gzip file is cut off by a size cap below its decompressed size', async () => {
    const small = createHttpFeedFetcher({ allowPrivateAddresses: true, maxBytes: 8 * 1024 });
    await expect(small.fetch(`${server.origin}/nodefeedparser__compressed.xml.gz`)).rejects.toMatchObject({ code: 'too-large' });
  });
});
