import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFeedFetcher, parseFeedDocument } from '../../src/adapters/feeds/index.js';
import { normalizeFeed } from '../../src/core/articles/normalize-feed.js';
import { startSampleFeedServer, type SampleFeedServer } from '../../src/demo/sample-feed-server.js';

const HOUR = 3_600_000;
let server: SampleFeedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<SampleFeedServer> {
  server = await startSampleFeedServer();
  return server;
}

function urlOf(running: SampleFeedServer, name: string): string {
  const url = running.urls.find((candidate) => new URL(candidate).pathname.startsWith(`/${name}.`));
  if (url === undefined) throw new Error(`no URL for ${name}`);
  return url;
}

async function titlesAt(url: string): Promise<string[]> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const body = Buffer.from(await response.arrayBuffer());
  const feed = await parseFeedDocument(body, response.headers.get('content-type') ?? undefined, { baseUrl: url });
  return normalizeFeed(feed, url).map((article) => article.title);
}

describe('startSampleFeedServer', () => {
  it('serves each feed on 127.0.0.1 with its media type and charset', async () => {
    const running = await start();
    expect(running.urls).toHaveLength(3);
    for (const url of running.urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z-]+\.(xml|atom)$/);

    const rss = await fetch(urlOf(running, 'gulf-ledger'));
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await rss.text()).toMatch(/^<\?xml/);
    const atom = await fetch(urlOf(running, 'steppe-wire'));
    expect(new URL(urlOf(running, 'steppe-wire')).pathname).toBe('/steppe-wire.atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  });

  it('serves round 1, then after nextRound() the same feeds with new stories on top', async () => {
    const running = await start();
    expect(running.round).toBe(1);
    const url = urlOf(running, 'steppe-wire');
    const before = await titlesAt(url);
    expect(before).toEqual(['Tengiz expansion lifts Kazakhstan’s oil output to a record']);

    running.nextRound();
    expect(running.round).toBe(2);
    const after = await titlesAt(url);
    expect(after.slice(-before.length)).toEqual(before);
    expect(after[0]).toBe('Kazakhstan set to join Abraham Accords, White House official says');
    expect(after).toHaveLength(4);

    // There is no round 3: the demo keeps seeing round 2.
    running.nextRound();
    expect(running.round).toBe(2);
    expect(await titlesAt(url)).toEqual(after);
  });

  it('dates every item within the last 48 hours of the request', async () => {
    const running = await start();
    running.nextRound();
    for (const url of running.urls) {
      const response = await fetch(url);
      const feed = await parseFeedDocument(Buffer.from(await response.arrayBuffer()), undefined, { baseUrl: url });
      const now = Date.now();
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.publishedAt, `${url}: ${item.title ?? ''}`).toBeDefined();
        const age = now - (item.publishedAt ?? 0);
        expect(age).toBeGreaterThanOrEqual(HOUR - 5_000);
        expect(age).toBeLessThanOrEqual(48 * HOUR);
      }
    }
  });

  it('answers 304 to a matching If-None-Match within a round, and 200 with a new ETag in the next', async () => {
    const running = await start();
    const url = urlOf(running, 'nusantara-kini');
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    await first.arrayBuffer();

    const again = await fetch(url, { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const weakInList = await fetch(url, { headers: { 'If-None-Match': `"other", W/${etag ?? ''}` } });
    expect(weakInList.status).toBe(304);
    const stale = await fetch(url, { headers: { 'If-None-Match': '"other"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    // ETags are per feed as well as per round.
    const other = await fetch(urlOf(running, 'gulf-ledger'), { headers: { 'If-None-Match': etag ?? '' } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();

    running.nextRound();
    const grown = await fetch(url, { headers: { 'If-None-Match': etag ?? '' } });
    expect(grown.status).toBe(200);
    expect(grown.headers.get('etag')).not.toBe(etag);
    await grown.arrayBuffer();

    expect(running.requests).toBe(6);
    expect(running.notModified).toBe(2);
  });

  it('gives the real fetcher a feed, then not-modified on its conditional GET', async () => {
    const running = await start();
    const fetcher = createHttpFeedFetcher({ allowPrivateAddresses: true });
    const url = urlOf(running, 'gulf-ledger');
    const first = await fetcher.fetch(url);
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.feed.items).toHaveLength(3);

    expect((await fetcher.fetch(url, first.validators)).status).toBe('not-modified');
    running.nextRound();
    const grown = await fetcher.fetch(url, first.validators);
    expect(grown.status === 'ok' ? grown.feed.items.length : 0).toBe(7);
    expect(running.notModified).toBe(1);
  });

  it('answers 404 to unknown paths and 405 to methods other than GET and HEAD', async () => {
    const running = await start();
    const origin = new URL(urlOf(running, 'gulf-ledger')).origin;
    for (const path of ['/', '/nope.xml', '/gulf-ledger.atom', '/steppe-wire.xml', '/gulf-ledger.round1.xml']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(404);
      await response.arrayBuffer();
    }
    const post = await fetch(urlOf(running, 'gulf-ledger'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(urlOf(running, 'gulf-ledger'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toMatch(/^"/);
  });

  it('close() frees the port at once, even with a client stuck mid-request', async () => {
    const running = await startSampleFeedServer();
    const url = new URL(urlOf(running, 'gulf-ledger'));
    const port = Number(url.port);
    // Headers never finished: not an idle connection, so a plain server.close() would wait for it.
    const stuck = connect(port, '127.0.0.1');
    stuck.on('error', () => {});
    await new Promise<void>((resolve) => stuck.once('connect', resolve));
    stuck.write(`GET ${url.pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = await Promise.race([
      running.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 2_000, 'still open')),
    ]);
    stuck.destroy();
    expect(closed).toBe('closed');

    await expect(fetch(url)).rejects.toThrow();
    const reuse = createServer();
    await new Promise<void>((resolve, reject) => {
      reuse.once('error', reject);
      reuse.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => reuse.close(() => resolve()));
  });
});
