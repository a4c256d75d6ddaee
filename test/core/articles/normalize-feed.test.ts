import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeedItem, ParsedFeed } from '../../../src/core/feed.js';
import { ARTICLE_ID_LENGTH, articleIdFor } from '../../../src/core/articles/article-id.js';
import { MAX_ITEMS_PER_FEED, MAX_TEXT_CHARS, MAX_TITLE_CHARS } from '../../../src/core/articles/limits.js';
import { normalizeFeed } from '../../../src/core/articles/normalize-feed.js';

const FEED_URL = 'https://www.thenationalnews.com/rss/world.xml';
const feed = (items: FeedItem[], extra: Partial<ParsedFeed> = {}): ParsedFeed => ({ format: 'rss', items, ...extra });

describe('normalizeFeed', () => {
  it('builds plain-text articles with canonical links', () => {
    const html = readFileSync(new URL('../../fixtures/articles/national-kazakhstan.html', import.meta.url), 'utf8');
    const [article] = normalizeFeed(
      feed([
        {
          guid: 'https://www.thenationalnews.com/?p=778899',
          title: 'Kazakhstan set to join Abraham Accords, White House says &amp; more',
          link: '/news/us/2025/11/06/kazakhstan-abraham-accords/?utm_source=rss&utm_medium=feed#comments',
          summary: '<p>Kazakhstan is expected to announce&hellip;</p>',
          content: html,
          publishedAt: 1762387200000,
        },
      ], { language: 'en-US' }),
      FEED_URL,
    );
    expect(article).toMatchObject({
      feedUrl: FEED_URL,
      title: 'Kazakhstan set to join Abraham Accords, White House says & more',
      link: 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/',
      summary: 'Kazakhstan is expected to announce…',
      language: 'en',
      publishedAt: 1762387200000,
    });
    expect(article?.id).toBe(articleIdFor('id:https://www.thenationalnews.com/?p=778899'));
    expect(article?.content.split('\n\n').length).toBeGreaterThan(10);
    expect(article?.content).not.toMatch(/<|&rsquo;/);
  });

  it('takes the id from guid, else Atom id, else link, else title and date', () => {
    const articles = normalizeFeed(
      feed([
        { guid: 'urn:g1', atomId: 'tag:a1', link: 'https://x.com/1', title: 'A' },
        { atomId: 'tag:a2', link: 'https://x.com/2', title: 'B' },
        { link: 'https://x.com/3?fbclid=z', title: 'C' },
        { title: 'D', publishedAt: 42 },
      ]),
      FEED_URL,
    );
    expect(articles.map((a) => a.id)).toEqual([
      articleIdFor('id:urn:g1'),
      articleIdFor('id:tag:a2'),
      articleIdFor('link:https://x.com/3'),
      articleIdFor('title:www.thenationalnews.com/D\n42'),
    ]);
  });

  it('gives ids that are fixed-length, colon-free, and stable across polls', () => {
    const items: FeedItem[] = [{ guid: 'post:1:2', title: 'A' }, { link: 'https://x.com/a:b', title: 'B' }];
    const first = normalizeFeed(feed(items), FEED_URL).map((a) => a.id);
    const second = normalizeFeed(feed(structuredClone(items)), FEED_URL).map((a) => a.id);
    expect(second).toEqual(first);
    for (const id of first) {
      expect(id).toHaveLength(ARTICLE_ID_LENGTH);
      expect(id).not.toContain(':');
    }
  });

  it('tells apart items that share a guid, the same way on every poll, and drops exact repeats', () => {
    const items: FeedItem[] = [
      { guid: 'https://site.com/', link: 'https://site.com/a', title: 'A' },
      { guid: 'https://site.com/', link: 'https://site.com/b', title: 'B' },
      { guid: 'https://site.com/', link: 'https://site.com/a', title: 'A' },
      { guid: 'unique', link: 'https://site.com/c', title: 'C' },
    ];
    const ids = normalizeFeed(feed(items), FEED_URL).map((a) => a.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const reordered = normalizeFeed(feed([items[1], items[0], items[3]] as FeedItem[]), FEED_URL).map((a) => a.id);
    expect(new Set(reordered)).toEqual(new Set(ids));
  });

  it('drops items with neither title nor link unless they have an id and text, and fills in what it can', () => {
    const articles = normalizeFeed(
      feed([
        { guid: 'orphan', summary: 'No title and no link, but text: still news.' },
        { guid: 'empty', summary: '<p> </p>' },
        { summary: 'Text, but nothing to tell it apart by.' },
        { title: '<b></b>', link: 'javascript:void(0)' },
        { guid: 'https://x.com/permalink', summary: 'Only a permalink guid and a summary that says enough.' },
        { link: 'https://x.com/untitled', content: `<p>${'word '.repeat(60)}</p>` },
      ]),
      FEED_URL,
    );
    expect(articles).toHaveLength(3);
    expect(articles[0]).toMatchObject({ link: '', title: 'No title and no link, but text: still news.' });
    expect(articles[1]).toMatchObject({
      link: 'https://x.com/permalink',
      title: 'Only a permalink guid and a summary that says enough.',
    });
    expect(articles[2]?.title).toMatch(/^(word ){20,}word…$/);
    expect(articles[2]?.title.length).toBeLessThanOrEqual(141);
  });

  it('takes the language from the item, else the feed, else detection', () => {
    const articles = normalizeFeed(
      feed(
        [
          { title: 'Kazakhstan joins', link: 'https://x.com/1', language: 'ru-RU' },
          { title: 'Kazakhstan joins', link: 'https://x.com/2' },
        ],
        { language: 'id_ID' },
      ),
      FEED_URL,
    );
    expect(articles.map((a) => a.language)).toEqual(['ru', 'id']);
    const [detected, unknown] = normalizeFeed(
      feed([
        { title: 'Kazakhstan akan bergabung dengan perjanjian ini, kata Gedung Putih', link: 'https://x.com/3' },
        { title: 'Tokayev', link: 'https://x.com/4' },
      ]),
      FEED_URL,
    );
    expect(detected?.language).toBe('id');
    expect(unknown).not.toHaveProperty('language');
  });

  it('leaves out an unusable date', () => {
    const [article] = normalizeFeed(feed([{ title: 'T', link: 'https://x.com/', publishedAt: Number.NaN }]), FEED_URL);
    expect(article).not.toHaveProperty('publishedAt');
  });

  it('strips control and bidi override characters from title, summary and content', () => {
    const [article] = normalizeFeed(
      feed([
        {
          title: '\u001b]0;owned\u0007Breaking &#27;[2J\u202Enews',
          link: 'https://x.com/1',
          summary: 'Sum\u001b[31mmary\u009b',
          content: '<p>Con&#x1b;[0mtent\u2066</p>',
        },
      ]),
      FEED_URL,
    );
    expect(article).toMatchObject({ title: ']0;ownedBreaking [2Jnews', summary: 'Sum[31mmary', content: 'Con[0mtent' });
  });

  it('caps title, summary and content at a word, sentence or paragraph boundary', () => {
    const paragraph = `<p>${'The minister said the talks would continue next week. '.repeat(20)}</p>`;
    const [article] = normalizeFeed(
      feed([
        {
          title: 'Headline '.repeat(200),
          link: 'https://x.com/long',
          summary: 'A sentence that goes on. '.repeat(5000),
          content: paragraph.repeat(200),
        },
      ]),
      FEED_URL,
    );
    expect(article?.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(article?.title).toMatch(/^(Headline )+Headline…$/);
    expect(article?.summary.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(article?.summary.length).toBeGreaterThan(MAX_TEXT_CHARS / 2);
    expect(article?.summary).toMatch(/goes on\.$/);
    expect(article?.content.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(article?.content.length).toBeGreaterThan(MAX_TEXT_CHARS / 2);
    expect(article?.content).toMatch(/next week\.$/);
    expect(article?.content.split('\n\n').every((p) => p.length === paragraph.length - 8)).toBe(true);
  });

  it(`reads only the newest ${MAX_ITEMS_PER_FEED} items by date, keeping document order`, () => {
    // Oldest first, as some feeds list: the cap must keep the newest, not the first.
    const items: FeedItem[] = Array.from({ length: MAX_ITEMS_PER_FEED + 100 }, (_, i) => ({
      title: `Item ${i}`,
      link: `https://x.com/${i}`,
      publishedAt: 1_700_000_000_000 + i * 60_000,
    }));
    const titles = normalizeFeed(feed(items), FEED_URL).map((a) => a.title);
    expect(titles).toHaveLength(MAX_ITEMS_PER_FEED);
    expect(titles[0]).toBe('Item 100');
    expect(titles.at(-1)).toBe(`Item ${MAX_ITEMS_PER_FEED + 99}`);
  });

  it('counts undated items as oldest, in document order, when capping', () => {
    const undated: FeedItem[] = Array.from({ length: MAX_ITEMS_PER_FEED + 10 }, (_, i) => ({
      title: `Undated ${i}`,
      link: `https://x.com/u${i}`,
    }));
    const dated: FeedItem = { title: 'Dated', link: 'https://x.com/d', publishedAt: 1 };
    const titles = normalizeFeed(feed([...undated, dated]), FEED_URL).map((a) => a.title);
    expect(titles).toHaveLength(MAX_ITEMS_PER_FEED);
    expect(titles.at(-2)).toBe(`Undated ${MAX_ITEMS_PER_FEED - 2}`);
    expect(titles.at(-1)).toBe('Dated');
  });

  it('shows titles escaped twice or carrying tags as text (en, id, ru)', () => {
    const titles = [
      'Kazakhstan&amp;#8217;s parliament approves <em>record</em> budget',
      '&lt;strong&gt;UEA&lt;/strong&gt; tambah investasi di Ibu Kota&amp;nbsp;Nusantara',
      'Кыргызстан &amp;#171;закрывает&amp;#187; небо<br>для старых самолетов',
    ];
    const articles = normalizeFeed(feed(titles.map((title, i) => ({ title, link: `https://x.com/${i}` }))), FEED_URL);
    expect(articles.map((a) => a.title)).toEqual([
      'Kazakhstan’s parliament approves record budget',
      'UEA tambah investasi di Ibu Kota Nusantara',
      'Кыргызстан «закрывает» небо для старых самолетов',
    ]);
  });

  it('returns nothing for an empty feed', () => {
    expect(normalizeFeed(feed([]), FEED_URL)).toEqual([]);
  });
});
