/**
 * `kabar fetch URL`: one fetch and parse with the bot's own code, against an RSS file served from
 * 127.0.0.1 by this test (never the internet).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeRun, expectClean, expectError, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Loopback World News</title>
    <link>https://news.example/</link>
    <description>Sample feed for the kabar CLI tests</description>
    <language>en</language>
    <item>
      <title>Kazakhstan joins the Abraham Accords</title>
      <link>https://news.example/world/kazakhstan-accords</link>
      <guid isPermaLink="false">tag:news.example,2025:kz-accords</guid>
      <pubDate>Thu, 06 Nov 2025 18:30:00 GMT</pubDate>
      <description>&lt;p&gt;Kazakhstan will join the Abraham Accords, officials said.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Council approves new bus timetable</title>
      <link>https://news.example/local/bus-timetable</link>
      <guid isPermaLink="false">tag:news.example,2025:bus</guid>
    </item>
  </channel>
</rss>
`;

// An Atom feed whose title and content are XHTML: mixed content whose order xml2js used to lose.
const XHTML_ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Steppe Wire</title>
  <id>tag:steppe.example,2026:feed</id>
  <updated>2026-03-02T08:00:00Z</updated>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Breaking: <b>Astana</b> summit opens</div></title>
    <id>tag:steppe.example,2026:summit</id>
    <link href="https://steppe.example/news/summit-opens"/>
    <updated>2026-03-02T08:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <h2>Leaders arrive</h2>
      <p>The summit opened in <b>Astana</b> with <em>cautious</em> optimism, officials said on Monday.</p>
      <p>Delegates from five countries discussed rail links and water sharing before lunch.</p>
    </div></content>
  </entry>
</feed>
`;

// Titles are text: an escaped literal is shown as the outlet wrote it, markup is not.
const LITERAL_TITLES = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Markup &amp;amp; Manners</title>
    <item>
      <title>Why the &lt;blink&gt; tag &amp; friends died</title>
      <link>https://markup.example/blink</link>
    </item>
  </channel>
</rss>
`;

describe('kabar fetch', { timeout: 60_000 }, () => {
  let server: Server;
  let origin: string;
  let requests: string[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/world.xml') {
        response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
        response.end(RSS);
      } else if (request.url === '/literal.xml') {
        response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
        response.end(LITERAL_TITLES);
      } else if (request.url === '/steppe.atom') {
        response.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
        response.end(XHTML_ATOM);
      } else {
        response.writeHead(404, { 'Content-Type': 'text/plain' });
        response.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  let kabar: KabarSandbox;
  beforeEach(async () => {
    requests = [];
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  const allowed = { env: { KABAR_ALLOW_PRIVATE_FEEDS: 'true' } };

  it('prints the feed and its items, with KABAR_ALLOW_PRIVATE_FEEDS=true for a loopback address', async () => {
    const run = await kabar.run(['fetch', `${origin}/world.xml`], allowed);
    expectClean(run);
    expect(run.lines).toEqual([
      'Loopback World News — rss, 2 items, language en',
      '2025-11-06T18:30  Kazakhstan joins the Abraham Accords',
      '                  https://news.example/world/kazakhstan-accords',
      'no date           Council approves new bus timetable',
      '                  https://news.example/local/bus-timetable',
    ]);
    expect(requests).toEqual(['/world.xml']);
  });

  it('lists titles as text: escaped literals as written, XHTML markup as its words in order', async () => {
    const literal = await kabar.run(['fetch', `${origin}/literal.xml`], allowed);
    expectClean(literal);
    expect(literal.lines.slice(0, 2)).toEqual([
      'Markup & Manners — rss, 1 items',
      'no date           Why the <blink> tag & friends died',
    ]);
    const xhtml = await kabar.run(['fetch', `${origin}/steppe.atom`], allowed);
    expectClean(xhtml);
    expect(xhtml.lines[1]).toBe('2026-03-02T08:00  Breaking: Astana summit opens');
  });

  it('--json prints the parsed feed as JSON', async () => {
    const run = await kabar.run(['fetch', `${origin}/world.xml`, '--json'], allowed);
    expectClean(run);
    const feed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(feed).toMatchObject({
      url: `${origin}/world.xml`,
      format: 'rss',
      title: 'Loopback World News',
      language: 'en',
      items: [
        {
          guid: 'tag:news.example,2025:kz-accords',
          title: 'Kazakhstan joins the Abraham Accords',
          link: 'https://news.example/world/kazakhstan-accords',
          publishedAt: Date.UTC(2025, 10, 6, 18, 30),
        },
        { guid: 'tag:news.example,2025:bus', title: 'Council approves new bus timetable' },
      ],
    });
  });

  it('--json gives XHTML titles and content in document order, and kabar brief reads them as written', async () => {
    const fetched = await kabar.run(['fetch', `${origin}/steppe.atom`, '--json'], allowed);
    expectClean(fetched);
    const feed = JSON.parse(fetched.stdout) as { items: Array<{ title: string; content: string; link: string }> };
    const [entry] = feed.items;
    expect(entry?.title).toBe('Breaking: Astana summit opens');
    expect(entry?.content.replace(/\s+/g, ' ').trim()).toBe(
      '<div> <h2>Leaders arrive</h2> <p>The summit opened in <b>Astana</b> with <em>cautious</em> optimism, officials said on Monday.</p> ' +
        '<p>Delegates from five countries discussed rail links and water sharing before lunch.</p> </div>',
    );
    const brief = await kabar.run(['brief', '--lang', 'en'], {
      stdin: JSON.stringify(entry),
      env: { KABAR_BRIEF_GREETING: 'off', KABAR_BRIEF_CLOSING: 'off' },
    });
    expectClean(brief);
    expect(brief.lines[0]).toBe('Breaking: Astana summit opens');
    expect(brief.stdout).toContain('The summit opened in Astana with cautious optimism, officials said on Monday.');
    expect(brief.stdout.indexOf('The summit opened')).toBeLessThan(brief.stdout.indexOf('Delegates from five countries'));
    expect(brief.lines.at(-1)).toBe('https://steppe.example/news/summit-opens');
  });

  it('refuses a loopback address without KABAR_ALLOW_PRIVATE_FEEDS, before connecting', async () => {
    const [byAddress, byName] = await Promise.all([
      kabar.run(['fetch', `${origin}/world.xml`]),
      kabar.run(['fetch', `${origin.replace('127.0.0.1', 'localhost')}/world.xml`]),
    ]);
    for (const run of [byAddress, byName]) {
      expect(run.stdout, describeRun(run)).toBe('');
      const message = expectError(run, 2);
      expect(message).toMatch(/blocked/);
      expect(message).toMatch(/(127\.0\.0\.1|::1), a loopback address/);
      expect(message).toContain('KABAR_ALLOW_PRIVATE_FEEDS=true');
    }
    expect(requests).toEqual([]);
  });

  it('promises no retry it will not make: a refused connection says to try again later', async () => {
    const run = await kabar.run(['fetch', 'http://127.0.0.1:9/feed.xml'], allowed);
    const message = expectError(run, 1);
    expect(message).toBe('network: 127.0.0.1:9 refused the connection (ECONNREFUSED); try again later');
  });

  it('says why a fetch failed: a 404, and a URL that is not http(s)', async () => {
    const [missing, ftp] = await Promise.all([
      kabar.run(['fetch', `${origin}/gone.xml`], allowed),
      kabar.run(['fetch', 'ftp://news.example/world.xml'], allowed),
    ]);
    // A one-shot fetch of a URL that was never added: no advice to remove a feed.
    expect(expectError(missing, 1)).toMatch(/404 Not Found from 127\.0\.0\.1:\d+: there is no feed at this URL — check it$/);
    expect(expectError(ftp, 2)).toMatch(/ftp URL refused; feeds must be http or https/);
  });
});
