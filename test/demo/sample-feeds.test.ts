import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../src/adapters/feeds/index.js';
import type { Article } from '../../src/core/article.js';
import { normalizeFeed } from '../../src/core/articles/normalize-feed.js';
import { normalizeTitle, storyKeys } from '../../src/core/articles/story-keys.js';
import { condense } from '../../src/core/briefs/condense.js';
import { compileMatcher } from '../../src/core/matching/compile.js';
import { defaultTopics } from '../../src/core/topics/default-topics.js';
import { loadSampleFeeds, renderSampleFeed, sampleFeedsDirectory, type SampleFeed } from '../../src/demo/sample-feed-server.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const HOUR = 3_600_000;
const KAZAKHSTAN_HEADLINE = 'Kazakhstan set to join Abraham Accords, White House official says';
const BOTH = ['abraham-accords', 'central-asia'];

/** Per feed and round, every item (newest first) and the topics it must match. */
const EXPECTED: Record<string, { language: string; rounds: Array<Array<[title: string, topics: string[]]>> }> = {
  'gulf-ledger': {
    language: 'en',
    rounds: [
      [
        ['Dubai International reports its busiest year on record', []],
        ['UAE warns that West Bank annexation would undermine the Abraham Accords', ['abraham-accords']],
        ['Turkmenistan says the fire in the Darvaza gas crater is fading', ['central-asia']],
      ],
      [
        [KAZAKHSTAN_HEADLINE, BOTH],
        ['Kyrgyzstan rations winter power as Toktogul reservoir runs low', ['central-asia']],
        ['Letters of Abraham Lincoln go on show in Springfield', []],
        ['Al Ain crush Yokohama to win the Asian Champions League', []],
      ],
    ],
  },
  'nusantara-kini': {
    language: 'id',
    rounds: [
      [['BMKG imbau warga Jakarta waspada hujan lebat hingga akhir pekan', []]],
      [
        ['Kemlu: sikap Indonesia soal Abraham Accords tidak berubah', BOTH],
        ['Stok beras Bulog capai rekor, harga di pasar induk mulai turun', []],
      ],
    ],
  },
  'steppe-wire': {
    language: 'en',
    rounds: [
      [['Tengiz expansion lifts Kazakhstan’s oil output to a record', ['central-asia']]],
      [
        [KAZAKHSTAN_HEADLINE, BOTH],
        ['Cavendish breaks Tour de France stage record for Astana Qazaqstan', []],
        ['Kazakhstan and Uzbekistan agree summer water releases on the Syr Darya', ['central-asia']],
      ],
    ],
  },
};

const matcher = compileMatcher(defaultTopics());
const feeds = await loadSampleFeeds();

function feedNamed(name: string): SampleFeed {
  const feed = feeds.find((candidate) => candidate.name === name);
  if (feed === undefined) throw new Error(`no sample feed ${name}`);
  return feed;
}

async function articlesOf(feed: SampleFeed, round: number): Promise<Article[]> {
  const url = `http://127.0.0.1:8080${feed.path}`;
  const body = Buffer.from(renderSampleFeed(feed.templates[round - 1] ?? '', NOW), 'utf8');
  return normalizeFeed(await parseFeedDocument(body, feed.contentType, { baseUrl: url }), url);
}

async function articleTitled(name: string, round: number, title: string): Promise<Article> {
  const article = (await articlesOf(feedNamed(name), round)).find((candidate) => candidate.title === title);
  if (article === undefined) throw new Error(`no item "${title}" in ${name} round ${round}`);
  return article;
}

function topicsOf(article: Article): string[] {
  return matcher.match(article).map((match) => match.topic).sort();
}

describe('sample feed templates', () => {
  it('are the three feeds, RSS and Atom, two rounds each, each under 20 KB', async () => {
    expect(feeds.map((feed) => [feed.name, feed.format, feed.path, feed.templates.length])).toEqual([
      ['gulf-ledger', 'rss', '/gulf-ledger.xml', 2],
      ['nusantara-kini', 'rss', '/nusantara-kini.xml', 2],
      ['steppe-wire', 'atom', '/steppe-wire.atom', 2],
    ]);
    const directory = sampleFeedsDirectory();
    for (const file of await readdir(directory)) {
      expect((await stat(fileURLToPath(new URL(file, directory)))).size, file).toBeLessThan(20_000);
    }
  });

  it('fill every date placeholder, in RSS and Atom form', () => {
    expect(renderSampleFeed('<pubDate>{{rfc822:-3h}}</pubDate><updated>{{iso:-1.5h}}</updated>', NOW)).toBe(
      '<pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><updated>2026-11-28T10:30:00Z</updated>',
    );
    for (const feed of feeds) for (const template of feed.templates) expect(renderSampleFeed(template, NOW)).not.toContain('{{');
    expect(() => renderSampleFeed('{{date:-3h}}', NOW)).toThrow(/Unknown placeholder \{\{date:-3h\}\}/);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    describe(name, () => {
      it('round 1 holds the older items, round 2 the same items with new ones on top', async () => {
        const [round1, round2] = [await articlesOf(feedNamed(name), 1), await articlesOf(feedNamed(name), 2)];
        const [older = [], newer = []] = expected.rounds;
        expect(round1.map((article) => article.title)).toEqual(older.map(([title]) => title));
        expect(round2.map((article) => article.title)).toEqual([...newer, ...older].map(([title]) => title));
        // Same ids in both rounds, so the items seeded in round 1 are not briefed again in round 2.
        expect(round2.slice(newer.length).map((article) => article.id)).toEqual(round1.map((article) => article.id));
      });

      it('dates round-1 items 30–40 h back and new round-2 items 1–5 h back', async () => {
        const [older = [], newer = []] = expected.rounds;
        const ages = (await articlesOf(feedNamed(name), 2)).map((article) => (NOW - (article.publishedAt ?? 0)) / HOUR);
        for (const age of ages.slice(0, newer.length)) expect(age).toSatisfy((hours: number) => hours >= 1 && hours <= 5);
        for (const age of ages.slice(newer.length)) expect(age).toSatisfy((hours: number) => hours >= 30 && hours <= 40);
        expect(ages).toHaveLength(newer.length + older.length);
      });

      it(`is in ${expected.language} and every item matches exactly its expected topics`, async () => {
        const [older = [], newer = []] = expected.rounds;
        const articles = await articlesOf(feedNamed(name), 2);
        expect(articles.map((article) => article.language)).toEqual(articles.map(() => expected.language));
        expect(articles.map((article) => [article.title, topicsOf(article)])).toEqual([...newer, ...older]);
      });
    });
  }

  it('false friends reach the matcher and are vetoed by the default exclusions', async () => {
    const lincoln = await articleTitled('gulf-ledger', 2, 'Letters of Abraham Lincoln go on show in Springfield');
    const cycling = await articleTitled('steppe-wire', 2, 'Cavendish breaks Tour de France stage record for Astana Qazaqstan');
    expect(matcher.explain(lincoln)).toEqual([
      expect.objectContaining({ topic: 'abraham-accords', matched: false, vetoes: [expect.objectContaining({ term: 'Abraham Lincoln' })] }),
    ]);
    const [verdict] = matcher.explain(cycling);
    expect(verdict).toMatchObject({ topic: 'central-asia', matched: false });
    expect(verdict?.hits.length).toBeGreaterThan(0);
    expect(verdict?.vetoes.map((hit) => hit.term)).toContain('Astana Qazaqstan');
  });

  it('carries the Kazakhstan story in two feeds under different links and one story key', async () => {
    const gulf = await articleTitled('gulf-ledger', 2, KAZAKHSTAN_HEADLINE);
    const steppe = await articleTitled('steppe-wire', 2, KAZAKHSTAN_HEADLINE);
    expect(gulf.link).not.toBe(steppe.link);
    expect(gulf.id).not.toBe(steppe.id);
    expect(normalizeTitle(steppe.title)).toBe(normalizeTitle(gulf.title));
    const shared = storyKeys(gulf).filter((key) => storyKeys(steppe).includes(key));
    expect(shared).toEqual([expect.stringMatching(/^title:/)]);
  });

  it('makes the long gulf-ledger article condense to many paragraphs, boilerplate dropped, under a clean link', async () => {
    const article = await articleTitled('gulf-ledger', 2, KAZAKHSTAN_HEADLINE);
    expect(article.link).toBe(
      'https://www.gulf-ledger.example/news/world/central-asia/diplomacy/kazakhstan-set-to-join-abraham-accords-white-house-official-says/',
    );
    expect(article.content.split('\n\n').length).toBeGreaterThanOrEqual(14);
    expect(article.content).toContain('trade & transport routes');
    expect(article.content).toContain('“I’m flying back to Washington tonight');

    const { paragraphs } = condense(article, { budgetChars: 1800 });
    expect(paragraphs.length).toBeGreaterThanOrEqual(8);
    expect(paragraphs[0]).toMatch(/^Kazakhstan is expected to announce that it will join the Abraham Accords/);
    const body = paragraphs.join('\n');
    expect(body).toContain('fifth country to join, after the UAE, Bahrain, Morocco and Sudan');
    for (const boilerplate of ['By Dana Haddad', 'Read more:', 'Photo:', 'Sign up for our newsletter']) {
      expect(body).not.toContain(boilerplate);
    }
  });

  it('keeps @everyone and tag-like text as plain text, and drops a real <script> element', async () => {
    const article = await articleTitled('gulf-ledger', 2, 'Kyrgyzstan rations winter power as Toktogul reservoir runs low');
    expect(article.summary).toBe('A forum post that began "@everyone look" spread the outage timetable, pasted with its raw <b> and <script> tags.');
    expect(article.content).toContain('“@everyone look at this”');
    expect(article.content).toContain('<b>Sector 4: 18:00–21:00</b> <script>alert(1)</script>');
    expect(article.content).not.toContain('page furniture');
    expect(condense(article).paragraphs.join('\n')).toContain('@everyone');
  });
});
