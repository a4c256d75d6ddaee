import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isKabarError } from '../../../src/core/errors.js';
import { normalizeFeed } from '../../../src/core/articles/normalize-feed.js';
import { parseFeedDocument } from '../../../src/adapters/feeds/parse-feed.js';
import { readFixture } from './loopback-server.js';

async function parseFailure(body: Buffer | string, contentType?: string): Promise<unknown> {
  try {
    await parseFeedDocument(typeof body === 'string' ? Buffer.from(body) : body, contentType);
  } catch (error) {
    return error;
  }
  throw new Error('expected parseFeedDocument to fail');
}

describe('parseFeedDocument: formats', () => {
  it('RSS 2.0: fields, feed language and ttl; a bad date drops only the date; an empty <item/> is skipped', async () => {
    const feed = await parseFeedDocument(await readFixture('rss2.xml'), 'application/rss+xml', {
      baseUrl: 'https://news.example/feed.xml',
    });
    expect(feed).toMatchObject({ format: 'rss', title: 'Kabar Test Wire', language: 'en-GB', ttlMinutes: 45 });
    expect(feed.items).toHaveLength(4);
    const [first, badDate, dcDate, escaped] = feed.items;
    expect(first).toEqual({
      guid: 'kabar-test-1',
      link: 'https://news.example/2025/11/kazakhstan-accords',
      title: 'Kazakhstan joins the Abraham Accords',
      summary: 'Short summary & more.',
      content: '<p>Full <b>story</b> text.</p>',
      publishedAt: Date.UTC(2025, 10, 6, 18, 30),
    });
    expect(badDate).toEqual({
      guid: 'https://news.example/2025/11/relative-link',
      link: 'https://news.example/2025/11/relative-link',
      title: 'An item whose date is nonsense',
    });
    // No <link>: a permalink guid stands in; dc:date and dc:language are read.
    expect(dcDate).toMatchObject({
      link: 'https://news.example/2025/11/dc-date',
      publishedAt: Date.UTC(2025, 10, 5, 4, 15),
      language: 'ru',
    });
    // Double-escaped title is cleaned; a javascript: link never survives.
    expect(escaped).toEqual({ guid: 'kabar-test-4', title: 'Tashkent & Almaty – a double-escaped title' });
  });

  it('RSS 1.0 (RDF): rdf:about is the guid, dc:date the date, dc:language the language', async () => {
    const feed = await parseFeedDocument(await readFixture('rss1.rdf'));
    expect(feed).toMatchObject({ format: 'rss', title: 'RDF Test Channel', language: 'de' });
    expect(feed.items).toEqual([
      {
        guid: 'https://rdf.example/a',
        link: 'https://rdf.example/a',
        title: 'Erste Meldung',
        summary: 'Über Bischkek',
        publishedAt: Date.UTC(2025, 9, 1, 8),
      },
      { guid: 'https://rdf.example/b', link: 'https://rdf.example/b', title: 'Zweite Meldung', publishedAt: Date.UTC(2025, 9, 2, 6) },
    ]);
  });

  it('Atom: alternate link resolved, html/xhtml titles as text, xml:lang, bad published falls back to updated', async () => {
    const feed = await parseFeedDocument(await readFixture('atom.xml'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom Test Feed', language: 'kk' });
    expect(feed.items).toEqual([
      {
        atomId: 'tag:atom.example,2025:1',
        link: 'https://atom.example/posts/1',
        title: 'First entry',
        summary: 'Summary one',
        content: '<p>Content one</p>',
        publishedAt: Date.UTC(2025, 10, 1, 4),
      },
      {
        atomId: 'tag:atom.example,2025:2',
        link: 'https://atom.example/posts/2',
        title: 'Second entry',
        publishedAt: Date.UTC(2025, 10, 3),
        language: 'ru',
      },
      { atomId: 'tag:atom.example,2025:3', link: 'https://atom.example/posts/3', title: 'Third entry, bad date only' },
    ]);
  });

  it('Atom: relative links resolve against the feed URL when one is given', async () => {
    const feed = await parseFeedDocument(await readFixture('atom.xml'), undefined, { baseUrl: 'https://mirror.example/x/feed.atom' });
    expect(feed.items[0]?.link).toBe('https://mirror.example/posts/1');
  });

  it('JSON Feed 1.1: items mapped, non-objects skipped, relative URL resolved, bad date dropped', async () => {
    const feed = await parseFeedDocument(await readFixture('feed.json'), 'application/feed+json');
    expect(feed).toMatchObject({ format: 'json-feed', title: 'JSON Test Feed', language: 'uz' });
    expect(feed.items).toEqual([
      {
        guid: '1',
        link: 'https://json.example/1',
        title: 'O‘zbekiston and the Accords',
        summary: 'One-line summary',
        content: '<p>Hello</p>',
        publishedAt: Date.UTC(2025, 10, 1, 7),
      },
      { guid: '2', link: 'https://json.example/2', title: 'Relative URL, bad date', content: 'Plain text' },
      {
        guid: '4',
        link: 'https://elsewhere.example/4',
        content: 'No title here',
        publishedAt: Date.UTC(2025, 10, 2),
        language: 'ru',
      },
    ]);
  });

  it('JSON Feed: content_text and titles are text, so a literal <blink> survives; Content-Language fills in', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [{ id: 'a', url: 'https://json.example/a', title: 'Why <blink> died', content_text: 'Use <blink> & AT&T, never <script>.' }],
    });
    const feed = await parseFeedDocument(Buffer.from(json), undefined, { language: 'uz_UZ' });
    expect(feed.language).toBe('uz-UZ');
    const [article] = normalizeFeed(feed, 'https://json.example/feed.json');
    expect(article).toMatchObject({ title: 'Why <blink> died', content: 'Use <blink> & AT&T, never <script>.' });
  });

  it('JSON Feed version 1 is accepted too', async () => {
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'v1', items: [{ id: 'a', content_text: 'x' }] });
    const feed = await parseFeedDocument(Buffer.from(json));
    expect(feed.items).toEqual([{ guid: 'a', content: 'x' }]);
  });

  it('RSS 0.91 and an unversioned <rss> parse as RSS', async () => {
    const v091 = '<rss version="0.91"><channel><title>Old</title><item><title>One</title><link>http://old.example/1</link></item></channel></rss>';
    expect((await parseFeedDocument(Buffer.from(v091))).items).toEqual([{ title: 'One', link: 'http://old.example/1' }]);
    const bare = '<rss><channel><title>Bare</title><item><title>Two</title></item></channel></rss>';
    expect(await parseFeedDocument(Buffer.from(bare))).toMatchObject({ title: 'Bare', items: [{ title: 'Two' }] });
  });
});

describe('parseFeedDocument: decoding', () => {
  it.each([
    ['windows-1251.xml', 'Новости Центральной Азии', 'Бишкек: заседание ЕАЭС'],
    ['koi8-r.xml', 'Лента в КОИ-8', 'Ташкент и Душанбе подписали соглашение'],
    ['iso-8859-1-no-declaration.xml', 'Élections à Genève : résultats', 'Réunion à Zürich, café noir'],
    ['utf-16le-bom.xml', 'Қазақстан жаңалықтары', 'Астанадағы кездесу'],
  ])('%s decodes without mojibake', async (file, feedTitle, itemTitle) => {
    const feed = await parseFeedDocument(await readFixture(file));
    expect(feed.title).toBe(feedTitle);
    expect(feed.items[0]?.title).toBe(itemTitle);
  });

  it('a Content-Type charset outranks the XML declaration', async () => {
    const koi8 = await readFixture('koi8-r.xml');
    const mislabelled = Buffer.from(koi8.toString('latin1').replace('KOI8-R', 'windows-1251'), 'latin1');
    const feed = await parseFeedDocument(mislabelled, 'text/xml; charset=koi8-r');
    expect(feed.items[0]?.title).toBe('Ташкент и Душанбе подписали соглашение');
  });

  it('gunzips a gzip body (a .xml.gz file)', async () => {
    const feed = await parseFeedDocument(gzipSync(await readFixture('windows-1251.xml')));
    expect(feed.title).toBe('Новости Центральной Азии');
  });

  it('refuses a gzip body that decompresses past the cap, and corrupt gzip', async () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    await expect(parseFeedDocument(bomb, undefined, { maxBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'too-large' });
    const corrupt = gzipSync(Buffer.from('<rss/>')).subarray(0, 12);
    await expect(parseFeedDocument(corrupt)).rejects.toMatchObject({ code: 'bad-encoding', kind: 'permanent' });
  });
});

describe('parseFeedDocument: damaged documents', () => {
  it('tolerates junk before the first tag and a DOCTYPE', async () => {
    const text =
      'Notice: Undefined index in feed.php\n<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">' +
      '<rss version="0.91"><channel><title>Junk &nbsp;first</title></channel></rss>';
    expect((await parseFeedDocument(Buffer.from(text))).title).toBe('Junk first');
  });

  it('repairs a bare & in one item instead of rejecting the whole feed', async () => {
    const text =
      '<rss version="2.0"><channel><title>T</title>' +
      '<item><title>Good</title><link>http://x.example/good</link></item>' +
      '<item><title>Bad & ugly</title><link>http://x.example/bad?a=1&b=2</link></item>' +
      '<item><title>After</title><link>http://x.example/after</link></item></channel></rss>';
    const feed = await parseFeedDocument(Buffer.from(text));
    expect(feed.items.map((item) => item.title)).toEqual(['Good', 'Bad & ugly', 'After']);
    expect(feed.items[1]?.link).toBe('http://x.example/bad?a=1&b=2');
  });

  it('an <rss> without <channel> is an empty feed, not a crash', async () => {
    expect(await parseFeedDocument(Buffer.from('<?xml version="1.0"?><rss></rss>'))).toEqual({ format: 'rss', items: [] });
  });

  it.each([
    ['truncated XML', '<rss version="2.0"><channel><title>T</title><item><title>cut', 'parse-error', /not well-formed XML/],
    ['invalid JSON', '{"version": "https://jsonfeed.org/version/1", "items": [', 'parse-error', /not valid JSON/],
    ['JSON that is not a JSON Feed', '{"hello": "world"}', 'not-a-feed', /not a JSON Feed/],
    ['an empty body', '', 'not-a-feed', /empty document/],
    ['whitespace only', ' \r\n\t ', 'not-a-feed', /empty document/],
    ['plain text', 'Service temporarily unavailable', 'not-a-feed', /neither XML nor JSON/],
    ['another XML document', '<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not-a-feed', /<opml>, not an RSS/],
  ])('%s -> %s', async (_name, body, code, message) => {
    const error = await parseFailure(body);
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect((error as Error).message).toMatch(new RegExp(`^${code}: `));
  });

  it('an HTML page is not-a-feed, and the error names the feed the page links to', async () => {
    const error = await parseFailure(await readFixture('page.html'), 'text/html; charset=utf-8');
    expect(error).toMatchObject({ code: 'not-a-feed', kind: 'permanent' });
    expect((error as Error).message).toMatch(/HTML page/);
    const withBase = await parseFeedDocument(await readFixture('page.html'), undefined, { baseUrl: 'https://news.example/' }).catch(
      (e: unknown) => e,
    );
    expect((withBase as Error).message).toContain('https://news.example/feeds/all.rss');
  });
});
