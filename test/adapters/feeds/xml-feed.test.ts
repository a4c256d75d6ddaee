/**
 * Feed text as the outlet wrote it (issue 13): each class of scrambled or dropped text, on fixtures
 * written for these tests, read through the adapter and then through the core's normalization, which
 * is what briefs are made from.
 */
import { describe, expect, it } from 'vitest';
import { normalizeFeed } from '../../../src/core/articles/normalize-feed.js';
import type { ParsedFeed } from '../../../src/core/feed.js';
import { parseFeedDocument } from '../../../src/adapters/feeds/parse-feed.js';
import { readFixture } from './loopback-server.js';

const FEED_URL = 'https://feeds.example/feed.xml';

async function parseFixture(name: string, options: { baseUrl?: string; language?: string } = {}): Promise<ParsedFeed> {
  return parseFeedDocument(await readFixture(name), undefined, options);
}

function articlesOf(feed: ParsedFeed): ReturnType<typeof normalizeFeed> {
  return normalizeFeed(feed, FEED_URL);
}

describe('order of mixed content', () => {
  it('keeps XHTML titles, summaries and content in document order', async () => {
    const feed = await parseFixture('atom-xhtml.xml');
    expect(feed.title).toBe('Steppe Wire daily');
    const [summit] = articlesOf(feed);
    expect(summit?.title).toBe('Breaking: Astana summit opens');
    expect(summit?.summary).toBe('Leaders meet in Astana on Monday.');
    expect(summit?.content).toBe(
      [
        'The summit opened with cautious optimism, officials said.',
        'Trade first',
        'Delegates from five countries discussed rail links before lunch.',
        'The talks continue on Tuesday.',
      ].join('\n\n'),
    );
  });

  it('keeps RSS xhtml:body, a default-namespace <body> and inline markup in a description in order', async () => {
    const articles = articlesOf(await parseFixture('rss-fields.xml'));
    const byTitle = new Map(articles.map((article) => [article.title, article]));
    expect(byTitle.get('Ferry line reopens')?.content).toBe('Ferry back\n\nService resumes after repairs.');
    expect(byTitle.get('Episode 12')?.content).toBe('Show notes, in order.');
    expect(byTitle.get('Oil prices rise')?.summary).toBe('Brent rose two per cent, traders said.');
  });
});

describe('plain text that is not plain', () => {
  it('keeps an escaped literal in an Atom text title and summary as text', async () => {
    const articles = articlesOf(await parseFixture('atom-xhtml.xml'));
    const blink = articles.find((article) => article.link.endsWith('blink.html'));
    expect(blink?.title).toBe('<blink> is not markup & never was');
    expect(blink?.summary).toBe('Plain text: 5 < 6 and AT&T.');
  });

  it('drops script and style bodies and comments from an HTML title', async () => {
    const articles = articlesOf(await parseFixture('atom-xhtml.xml'));
    expect(articles.map((article) => article.title)).toContain('Markets rally again');
    const rss = articlesOf(await parseFixture('rss-fields.xml')).map((article) => article.title);
    expect(rss).toContain('Oil prices rise');
    expect(rss).toContain('Ports busy all season');
    expect(rss.join(' ')).not.toMatch(/alert|steal|track|tracking|syndication|color/);
  });

  it('keeps the text of child elements in a title that claims to be text', async () => {
    const atom = articlesOf(await parseFixture('atom-xhtml.xml')).map((article) => article.title);
    expect(atom).toContain('Tenge steady as oil climbs');
    const prefixed = await parseFixture('namespaced-root.xml');
    expect(prefixed.items[0]?.title).toBe('Dushanbe dam finished');
  });

  it('reads an RSS title without real HTML as text, and an entity escaped twice as one character', async () => {
    const titles = articlesOf(await parseFixture('rss-fields.xml')).map((article) => article.title);
    expect(titles).toContain('Why <blink> died & what replaced it');
    const feed = await parseFixture('rss-fields.xml');
    expect(feed.title).toBe('Caspian & Co');
  });
});

describe('fields real feeds use', () => {
  it('reads dc:description, itunes:summary and a description inside media:group', async () => {
    const articles = articlesOf(await parseFixture('rss-fields.xml'));
    const summaries = new Map(articles.map((article) => [article.title, article.summary]));
    expect(summaries.get('Ferry line reopens')).toBe('The Aktau ferry line reopens today.');
    expect(summaries.get('Episode 12')).toBe('Fishermen talk about the sturgeon season.');
    expect(summaries.get('Video: port at dawn')).toBe('Cranes over the Caspian at sunrise.');
  });

  it('dates items from dcterms:issued and dcterms:modified', async () => {
    const feed = await parseFixture('rss-fields.xml');
    expect(feed.items[0]?.publishedAt).toBe(Date.UTC(2026, 3, 1, 6));
    expect(feed.items[1]?.publishedAt).toBe(Date.UTC(2026, 2, 30, 18));
  });

  it('dates Atom 0.3 entries from issued, created and modified, and decodes base64 content', async () => {
    const feed = await parseFixture('atom03.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Bishkek Notes', language: 'ky' });
    expect(feed.items.map((item) => item.publishedAt)).toEqual([
      Date.UTC(2026, 0, 9, 4),
      Date.UTC(2026, 0, 8, 7),
      Date.UTC(2026, 0, 7, 7),
    ]);
    const [budget, created, modified] = articlesOf(feed);
    expect(budget?.content).toBe('Decoded from base64: the Bishkek budget passed.');
    expect(created?.summary).toBe('Plain <summary> text');
    expect(modified?.content).toBe('Inline XHTML content');
  });

  it('takes the last readable of repeated <updated>, and a link given as element text', async () => {
    const feed = await parseFixture('atom-xhtml.xml');
    const blink = feed.items.find((item) => item.atomId === 'tag:steppe.example,2026:blink');
    expect(blink?.publishedAt).toBe(Date.UTC(2026, 1, 28, 10));
    const tenge = feed.items.find((item) => item.atomId === 'tag:steppe.example,2026:tenge');
    expect(tenge?.publishedAt).toBe(Date.UTC(2026, 1, 25, 12));
    const markets = feed.items.find((item) => item.atomId === 'tag:steppe.example,2026:markets');
    expect(markets?.link).toBe('https://steppe.example/news/markets-rally');
  });

  it('keeps an item with text but no title, link or id, with an id derived from its text', async () => {
    const feed = await parseFixture('rss-fields.xml');
    const notice = feed.items.at(-1);
    expect(notice?.summary).toBe('A notice with no title, no link and no guid: the harbour closes at noon.');
    expect(notice?.guid).toMatch(/^content-sha256-[0-9a-f]{32}$/);
    // The same text gives the same id on the next poll.
    expect((await parseFixture('rss-fields.xml')).items.at(-1)?.guid).toBe(notice?.guid);
    // And it reaches the core as an article, titled from its text.
    expect(articlesOf(feed).at(-1)).toMatchObject({ link: '', title: 'A notice with no title, no link and no guid: the harbour closes at noon.' });
  });
});

describe('valid documents that were refused or empty', () => {
  it('reads a feed whose root element has a prefix', async () => {
    const feed = await parseFixture('namespaced-root.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Prefixed Wire' });
    expect(feed.items).toEqual([
      {
        guid: 'https://prefixed.example/dam',
        link: 'https://prefixed.example/dam',
        title: 'Dushanbe dam finished',
        summary: "The Rogun dam's first stage is complete.",
        publishedAt: Date.UTC(2026, 1, 2, 10),
      },
    ]);
  });

  it('reads RSS 1.0 written with prefixed elements and no default namespace', async () => {
    const feed = await parseFixture('rss1-prefixed.rdf');
    expect(feed).toMatchObject({ format: 'rss', title: 'Prefixed RDF', language: 'uz-Latn-UZ' });
    expect(feed.items.map((item) => [item.guid, item.title])).toEqual([
      ['https://rdf-prefixed.example/cotton', 'Cotton harvest ends early'],
      ['https://rdf-prefixed.example/silk', 'Silk road fair'],
    ]);
    expect(feed.items[0]?.publishedAt).toBe(Date.UTC(2026, 9, 20, 8));
  });

  it('expands entities declared in the internal DTD subset, never external ones', async () => {
    const feed = await parseFixture('dtd-entities.xml');
    expect(feed.title).toBe('Tengri Courier');
    expect(feed.items).toEqual([
      {
        link: 'https://tengri.example/metro?a=1&b=2',
        title: 'Almaty metro extends—three stations open',
        summary: 'Reported by the Tengri Courier desk — Tengri Courier',
      },
    ]);
  });

  it('refuses a document whose entities expand beyond the bound ("billion laughs") quickly', async () => {
    const laughs = Array.from({ length: 9 }, (_, level) =>
      `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${laughs}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
    const started = performance.now();
    const feed = await parseFeedDocument(Buffer.from(bomb));
    // lol9 would be 3 billion characters: it is left undeclared, so its reference is kept as text.
    expect(feed.title).toBe('&lol9;');
    expect(performance.now() - started).toBeLessThan(5_000);
    const wide = `<!DOCTYPE rss [<!ENTITY k "${'k'.repeat(8_000)}">]><rss><channel><title>${'&k;'.repeat(200)}</title></channel></rss>`;
    await expect(parseFeedDocument(Buffer.from(wide))).rejects.toMatchObject({ code: 'parse-error', message: /DTD entities expand/ });
  });

  it('refuses a document nested deeper than the bound, as a parse error', async () => {
    const deep = `<rss><channel><item><description>${'<div>'.repeat(300)}x${'</div>'.repeat(300)}</description></item></channel></rss>`;
    await expect(parseFeedDocument(Buffer.from(deep))).rejects.toMatchObject({ code: 'parse-error', message: /deeper than 256/ });
  });
});

describe('where relative links and languages come from', () => {
  it('resolves links against xml:base on the feed, the entry and the link itself', async () => {
    const feed = await parseFixture('atom-xhtml.xml', { baseUrl: 'https://cdn.example/feeds/steppe.atom' });
    const links = feed.items.map((item) => item.link);
    expect(links).toEqual([
      'https://steppe.example/news/2026/03/summit-opens',
      'https://mirror.example/archive/blink.html',
      'https://steppe.example/news/markets-rally',
      'https://steppe.example/markets/tenge',
    ]);
  });

  it('resolves RSS links against xml:base on the channel and the item', async () => {
    const feed = await parseFixture('rss-fields.xml', { baseUrl: 'https://elsewhere.example/rss' });
    expect(feed.items.slice(0, 2).map((item) => item.link)).toEqual([
      'https://caspian.example/news/ferry',
      'https://caspian.example/podcast/ep12',
    ]);
  });

  it('without a document URL, resolves against the site link the feed gives, as href or as text', async () => {
    const atom = (link: string): Buffer =>
      Buffer.from(`<feed xmlns="http://www.w3.org/2005/Atom">${link}<entry><id>e</id><title>E</title><link href="e/1"/></entry></feed>`);
    const byHref = await parseFeedDocument(atom('<link rel="alternate" href="https://site.example/blog/"/>'));
    const byText = await parseFeedDocument(atom('<link>https://site.example/blog/</link>'));
    expect(byHref.items[0]?.link).toBe('https://site.example/blog/e/1');
    expect(byText.items[0]?.link).toBe('https://site.example/blog/e/1');
  });

  it('normalizes language tags, and takes the server language only when the feed declares none', async () => {
    expect((await parseFixture('atom-xhtml.xml', { language: 'fr' })).language).toBe('en-GB');
    expect((await parseFixture('rss-fields.xml')).language).toBe('en-US');
    expect((await parseFixture('namespaced-root.xml', { language: 'tg_TJ, ru' })).language).toBe('tg-TJ');
    expect((await parseFixture('namespaced-root.xml')).language).toBeUndefined();
  });
});
