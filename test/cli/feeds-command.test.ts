/**
 * `kabar feeds add|list|remove`: the feed list in Redis, with each feed's health.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { describeRun, expectClean, expectError, jsonLines, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

const FEED = 'https://news.example/world/rss.xml';

describe('kabar feeds', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  const feeds = (...args: string[]) => kabar.run(['feeds', ...args]);
  // news.example does not resolve here: these tests add it without the first fetch.
  const force = (...args: string[]) => kabar.run(['feeds', ...args, '--force']);
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('adds a feed with its interval, lists it with its health, and removes it', async () => {
    const empty = await feeds('list');
    expectClean(empty);
    expect(empty.lines).toEqual(['no feeds yet: kabar feeds add URL (kabar start adds the shipped defaults)', '0 feeds, 0 failing']);

    const added = await force('add', FEED, '--interval', '5m');
    expectClean(added);
    expect(added.lines).toEqual([`added ${FEED}; its first check only remembers what is there, later items are posted`]);

    const [list, json, duplicate] = await Promise.all([feeds('list'), feeds('list', '--json'), force('add', FEED)]);
    expectClean(list);
    expect(list.lines).toHaveLength(2);
    // Checked for the first time within a minute of being added.
    expect(list.lines[0]).toMatch(new RegExp(`^${FEED.replace(/\./g, '\\.')} {2}every 5m {2}new, not checked yet; (due now|next check in (\\d+s|1m))$`));
    expect(list.lines[1]).toMatch(/^1 feeds?, 0 failing$/);
    expectClean(json);
    expect(jsonLines(json)).toEqual([
      expect.objectContaining({ url: FEED, intervalMs: 300_000, seeded: false, failing: false, consecutiveFailures: 0 }),
    ]);
    expect(expectError(duplicate, 2)).toBe(`${FEED} is already a feed`);

    const removed = await feeds('remove', FEED);
    expectClean(removed);
    expect(removed.lines).toEqual([`removed ${FEED}`]);
    const [after, again] = await Promise.all([feeds('list'), feeds('remove', FEED)]);
    expect(after.lines[0], describeRun(after)).toMatch(/^no feeds yet/);
    expect(expectError(again, 2)).toBe(`${FEED} is not a feed (see: kabar feeds list)`);
  });

  it('without --interval, a feed is checked every KABAR_POLL_INTERVAL', async () => {
    expectClean(await kabar.run(['feeds', 'add', FEED, '--force'], { env: { KABAR_POLL_INTERVAL: '42m' } }));
    const list = await feeds('list');
    expect(list.lines[0], describeRun(list)).toMatch(/ {2}every 42m {2}/);
  });

  it('refuses URLs that are not http(s) or carry credentials, and bad intervals, saving nothing', async () => {
    const [ftp, credentials, notUrl, badInterval, tooShort] = await Promise.all([
      feeds('add', 'ftp://news.example/rss.xml'),
      feeds('add', 'https://reader:s3cret@news.example/rss.xml'),
      feeds('add', 'news.example/rss.xml'),
      feeds('add', FEED, '--interval', 'soon'),
      force('add', FEED, '--interval', '30s'),
    ]);
    expect(expectError(ftp, 2)).toBe('ftp URL refused; feeds must be http or https');
    const refused = expectError(credentials, 2);
    expect(refused).toMatch(/URL with credentials \(user:password@\) refused/);
    expect(refused).not.toContain('s3cret');
    expect(expectError(notUrl, 2)).toMatch(/is not a URL: give the feed's full address/);
    expect(expectError(badInterval, 2)).toBe('--interval takes a duration such as 5m, 1h or 90s (got "soon")');
    expect(expectError(tooShort, 2)).toBe('interval 30s is too short: use at least 1m');

    const list = await feeds('list', '--json');
    expectClean(list);
    expect(list.lines).toEqual([]);
  });

  it('removes a feed given exactly as it was added, even when kabar stored it normalised', async () => {
    // `feeds add` stores the URL normalised (host lower-cased, "/" path, no fragment).
    for (const typed of ['https://News.Example', 'https://news.example/rss.xml#latest']) {
      const added = await force('add', typed);
      expectClean(added);
      const removed = await feeds('remove', typed);
      expectClean(removed);
    }
    expect((await feeds('list', '--json')).lines).toEqual([]);
  });

  describe('add fetches the URL once first, as kabar fetch does', () => {
    let server: FeedServer;
    const allowed = { env: { KABAR_ALLOW_PRIVATE_FEEDS: 'true' } };
    beforeEach(async () => {
      server = await startFeedServer();
      server.setDocument('/news/rss.xml', rssDocument({ title: 'Loopback News', items: [{ title: 'One', link: 'https://news.example/1' }] }));
      server.setDocument(
        '/news/',
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/news/rss.xml"></head><body>News</body></html>',
        { contentType: 'text/html; charset=utf-8' },
      );
    });
    afterEach(async () => {
      await server.close();
    });

    it('adds a real feed, and refuses the same feed written with a trailing slash', async () => {
      const feed = server.url('/news/rss.xml');
      expectClean(await kabar.run(['feeds', 'add', feed], allowed));
      const again = await kabar.run(['feeds', 'add', `${feed}/`], allowed);
      expect(expectError(again, 2)).toBe(`${feed}/ is already a feed, as ${feed}`);
      expect(jsonLines(await feeds('list', '--json'))).toHaveLength(1);
    });

    it('refuses an HTML page, offering the feed it names; a 404; and a loopback address the poller would refuse', async () => {
      const [page, missing, loopback] = await Promise.all([
        kabar.run(['feeds', 'add', server.url('/news/')], allowed),
        kabar.run(['feeds', 'add', server.url('/gone.xml')], allowed),
        kabar.run(['feeds', 'add', server.url('/news/rss.xml')]),
      ]);
      expect(expectError(page, 1)).toBe(
        `not added: not-a-feed: got an HTML page, not a feed; the page names its feed: ${server.url('/news/rss.xml')} — use that URL (--force adds it anyway)`,
      );
      expect(expectError(missing, 1)).toMatch(/^not added: http-status: 404 Not Found from 127\.0\.0\.1:\d+: there is no feed at this URL — check it \(--force adds it anyway\)$/);
      const blocked = expectError(loopback, 2);
      expect(blocked).toMatch(/^not added: blocked-address: .*a loopback address/);
      expect(blocked).not.toContain('--force');
      expect((await feeds('list', '--json')).lines).toEqual([]);
    });

    it('--force adds a feed whose outlet is down for now', async () => {
      const run = await kabar.run(['feeds', 'add', server.url('/gone.xml'), '--force'], allowed);
      expectClean(run);
      expect(jsonLines(await feeds('list', '--json'))).toEqual([expect.objectContaining({ url: server.url('/gone.xml') })]);
    });
  });
});
