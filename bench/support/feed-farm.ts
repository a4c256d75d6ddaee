/**
 * A lean loopback server of many feeds for the polling benchmarks: `/feed/<n>.xml` for n in
 * 0..count-1, each an RSS 2.0 document of `itemsPerFeed` items built from the labelled headlines,
 * served with an ETag and a Last-Modified and answering `If-None-Match` / `If-Modified-Since` with
 * 304 (as test/fakes/feed-server.ts does, without its per-request log, which 10,000 feeds polled
 * for minutes would make a benchmark of its own). Counts the bytes it writes, headers included,
 * which are the bytes a poller receives; `publish` adds an item to a feed and remembers when.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { rssDocument, type RssItem } from '../../test/fakes/feed-server.js';
import { loadLabelled } from '../../test/core/topics/labelled-set.js';

/** What the farm answered, for one request. */
export interface FarmRequest {
  feed: number;
  status: 200 | 304 | 404;
  at: number;
}

/** A running feed farm. */
export interface FeedFarm {
  count: number;
  url(feed: number): string;
  /** Feed `feed`'s current validators, as a poller that fetched it would keep them. */
  validators(feed: number): { etag: string; lastModified: string };
  /** Adds `item` on top of feed `feed` (a new document, new validators); returns when (epoch ms). */
  publish(feed: number, item: RssItem): number;
  /** Bytes written to pollers so far (status lines, headers and bodies). */
  bytesSent(): number;
  /** Called for every request answered. */
  onRequest?: (request: FarmRequest) => void;
  close(): Promise<void>;
}

interface FeedState {
  items: RssItem[];
  body?: Buffer;
  etag: string;
  lastModified: string;
  version: number;
}

const labelled = loadLabelled('topics-labelled.jsonl');

/** A background item: a labelled headline and summary, as most feed items are (most match no topic). */
function backgroundItem(feed: number, n: number, publishedAt: number): RssItem {
  const source = labelled[(feed * 7 + n) % labelled.length];
  return {
    guid: `tag:farm.example,2025:${feed}-${n}`,
    title: source?.title ?? `Story ${feed}-${n}`,
    link: `https://farm.example/${feed}/${n}`,
    description: `<p>${source?.summary ?? ''}</p><p>${source?.summary ?? ''}</p>`,
    publishedAt,
  };
}

/** Starts a farm of `count` feeds of `itemsPerFeed` items each on a free loopback port. */
export async function startFeedFarm(count: number, itemsPerFeed = 10): Promise<FeedFarm> {
  const started = Math.floor(Date.now() / 1000) * 1000;
  const feeds: FeedState[] = Array.from({ length: count }, (_, feed) => ({
    // Three days old and more, past KABAR_MAX_ITEM_AGE (48 h): a feed the bench writes as already
    // seeded must not brief its old items on its first 200, as a really seeded feed would not.
    items: Array.from({ length: itemsPerFeed }, (_, n) => backgroundItem(feed, n, started - (72 + n) * 3_600_000)),
    etag: `"f${feed}-v0"`,
    lastModified: new Date(started).toUTCString(),
    version: 0,
  }));
  const sockets = new Set<Socket>();
  let bytesOfClosed = 0;
  const farm: FeedFarm = {
    count,
    url: (feed) => `${origin}/feed/${feed}.xml`,
    validators: (feed) => {
      const state = stateOf(feed);
      return { etag: state.etag, lastModified: state.lastModified };
    },
    publish(feed, item) {
      const state = stateOf(feed);
      const at = Date.now();
      state.items = [item, ...state.items].slice(0, itemsPerFeed);
      state.version++;
      state.etag = `"f${feed}-v${state.version}"`;
      // Whole seconds, and later than the previous one, so If-Modified-Since sees the change.
      state.lastModified = new Date(Math.max(Math.ceil(at / 1000) * 1000, Date.parse(state.lastModified) + 1000)).toUTCString();
      delete state.body;
      return at;
    },
    bytesSent: () => bytesOfClosed + [...sockets].reduce((n, socket) => n + socket.bytesWritten, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const stateOf = (feed: number): FeedState => {
    const state = feeds[feed];
    if (state === undefined) throw new Error(`feed farm: no feed ${feed}`);
    return state;
  };
  const answer = (request: IncomingMessage): { status: 200 | 304 | 404; headers: Record<string, string>; body?: Buffer } => {
    const feed = Number(/^\/feed\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? -1);
    const state = feeds[feed];
    if (state === undefined) return { status: 404, headers: {} };
    const validators = { ETag: state.etag, 'Last-Modified': state.lastModified };
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    const fresh =
      ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === state.etag)
        : ifModifiedSince !== undefined && Date.parse(state.lastModified) <= Date.parse(ifModifiedSince);
    if (fresh) return { status: 304, headers: validators };
    state.body ??= Buffer.from(rssDocument({ title: `Farm feed ${feed}`, language: 'en', items: state.items }));
    return { status: 200, headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', ...validators }, body: state.body };
  };
  const server = createServer((request, response) => {
    const { status, headers, body } = answer(request);
    response.writeHead(status, headers).end(body);
    const feed = Number(/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? -1);
    farm.onRequest?.({ feed, status, at: Date.now() });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      bytesOfClosed += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return farm;
}
