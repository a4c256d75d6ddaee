/**
 * A scripted RSS server on 127.0.0.1 for pipeline tests: real sockets, never the internet.
 *
 * Each path serves a document the test sets and may change at any time. Responses carry an ETag
 * (a hash of the document) and a Last-Modified (when the document last changed) and honour
 * `If-None-Match` / `If-Modified-Since` with 304, as RFC 9110 §13.2.2 orders them: an
 * `If-None-Match` decides alone; `If-Modified-Since` counts only without it. A path can be switched
 * to fail with any status (with headers such as `Retry-After`) or to hang without answering.
 *
 * @example
 * ```ts
 * const server = await startFeedServer();
 * server.setDocument('/news.xml', rssDocument({ items: [{ guid: 'tag:x,2025:1', title: 'Hello' }] }));
 * // poll server.url('/news.xml') ...
 * server.stats('/news.xml'); // { requests: 1, notModified: 0, failed: 0 }
 * server.fail('/news.xml', 503, { 'Retry-After': '7200' });
 * server.hang('/news.xml');
 * server.serve('/news.xml'); // back to the document
 * ```
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which validators a document is served with. */
export type ValidatorMode = 'both' | 'etag' | 'last-modified' | 'none';

/** How a document is served. */
export interface DocumentOptions {
  /** Default `application/rss+xml; charset=utf-8`. */
  contentType?: string;
  /** Default `both`. */
  validators?: ValidatorMode;
  /** Extra response headers, on 200 and 304 alike (e.g. `Cache-Control`). */
  headers?: Record<string, string>;
}

/** One request the server received. */
export interface FeedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** What it was answered with; `hang` when it never was. */
  answer: number | 'hang';
}

/** Counters for one path. */
export interface FeedPathStats {
  requests: number;
  /** Answered 304 Not Modified. */
  notModified: number;
  /** Answered with a scripted failure status. */
  failed: number;
}

/** A running feed server. */
export interface FeedServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The absolute URL of `path`. */
  url(path: string): string;
  /** Serves `body` at `path` from now on (and leaves failure mode). A changed body gets new validators. */
  setDocument(path: string, body: string, options?: DocumentOptions): void;
  /** Answers every request for `path` with `status` (and `headers`) until {@link FeedServer.serve}. */
  fail(path: string, status: number, headers?: Record<string, string>): void;
  /** Accepts requests for `path` and never answers them, until {@link FeedServer.serve}. */
  hang(path: string): void;
  /** Serves the path's document again. */
  serve(path: string): void;
  /** Requests received, for one path or all. */
  requests(path?: string): FeedRequest[];
  stats(path: string): FeedPathStats;
  close(): Promise<void>;
}

type Mode = { kind: 'serve' } | { kind: 'fail'; status: number; headers: Record<string, string> } | { kind: 'hang' };

interface PathState {
  body: string;
  options: DocumentOptions;
  etag: string;
  /** Epoch ms, whole seconds (HTTP dates have no finer resolution). */
  lastModified: number;
  mode: Mode;
}

/** Starts a feed server on a free loopback port with no documents. */
export async function startFeedServer(): Promise<FeedServer> {
  const paths = new Map<string, PathState>();
  const log: FeedRequest[] = [];

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const entry: FeedRequest = { path, headers: request.headers, answer: 'hang' };
    log.push(entry);
    const state = paths.get(path);
    const reply = (status: number, headers: Record<string, string>, body?: string): void => {
      entry.answer = status;
      response.writeHead(status, headers).end(body);
    };
    if (state === undefined) return reply(404, { 'Content-Type': 'text/plain' }, 'no such feed\n');
    if (state.mode.kind === 'hang') return; // the socket stays open until the client gives up or close()
    if (state.mode.kind === 'fail') {
      return reply(state.mode.status, { 'Content-Type': 'text/plain', ...state.mode.headers }, `scripted ${state.mode.status}\n`);
    }
    const validators = validatorHeaders(state);
    const extra = { ...validators, ...state.options.headers };
    if (isNotModified(request.headers, state)) return reply(304, extra);
    reply(200, { 'Content-Type': state.options.contentType ?? 'application/rss+xml; charset=utf-8', ...extra }, state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const stateOf = (path: string): PathState => {
    const state = paths.get(path);
    if (state === undefined) throw new Error(`feed server: no document at ${path}; call setDocument first`);
    return state;
  };

  return {
    origin,
    url: (path) => `${origin}${path}`,
    setDocument(path, body, options = {}) {
      const previous = paths.get(path);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      const changed = previous === undefined || previous.etag !== etag;
      // Strictly later than the previous Last-Modified, so If-Modified-Since sees every change.
      const lastModified = changed
        ? Math.max(Math.floor(Date.now() / 1000) * 1000, (previous?.lastModified ?? 0) + 1000)
        : previous.lastModified;
      paths.set(path, { body, options, etag, lastModified, mode: { kind: 'serve' } });
    },
    fail(path, status, headers = {}) {
      stateOf(path).mode = { kind: 'fail', status, headers };
    },
    hang(path) {
      stateOf(path).mode = { kind: 'hang' };
    },
    serve(path) {
      stateOf(path).mode = { kind: 'serve' };
    },
    requests: (path) => (path === undefined ? [...log] : log.filter((request) => request.path === path)),
    stats(path) {
      const mine = log.filter((request) => request.path === path);
      return {
        requests: mine.length,
        notModified: mine.filter((request) => request.answer === 304).length,
        failed: mine.filter((request) => typeof request.answer === 'number' && request.answer >= 400 && request.answer !== 404).length,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function validatorHeaders(state: PathState): Record<string, string> {
  const mode = state.options.validators ?? 'both';
  const headers: Record<string, string> = {};
  if (mode === 'both' || mode === 'etag') headers.ETag = state.etag;
  if (mode === 'both' || mode === 'last-modified') headers['Last-Modified'] = new Date(state.lastModified).toUTCString();
  return headers;
}

function isNotModified(headers: IncomingHttpHeaders, state: PathState): boolean {
  const mode = state.options.validators ?? 'both';
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (mode === 'none' || mode === 'last-modified') return false;
    return ifNoneMatch.split(',').some((tag) => {
      const trimmed = tag.trim();
      return trimmed === '*' || trimmed.replace(/^W\//, '') === state.etag;
    });
  }
  const since = headers['if-modified-since'];
  if (since === undefined || mode === 'none' || mode === 'etag') return false;
  const at = Date.parse(since);
  return !Number.isNaN(at) && state.lastModified <= at;
}

/** One RSS item; unset fields are left out of the XML. */
export interface RssItem {
  guid?: string;
  title?: string;
  link?: string;
  /** HTML allowed (it is escaped into the XML). */
  description?: string;
  /** Epoch ms. */
  publishedAt?: number;
}

/** Builds an RSS 2.0 document. */
export function rssDocument(feed: { title?: string; language?: string; ttlMinutes?: number; items: readonly RssItem[] }): string {
  const items = feed.items
    .map((item) =>
      [
        '    <item>',
        item.guid === undefined ? '' : `      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
        item.title === undefined ? '' : `      <title>${escapeXml(item.title)}</title>`,
        item.link === undefined ? '' : `      <link>${escapeXml(item.link)}</link>`,
        item.description === undefined ? '' : `      <description>${escapeXml(item.description)}</description>`,
        item.publishedAt === undefined ? '' : `      <pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>`,
        '    </item>',
      ]
        .filter((line) => line !== '')
        .join('\n'),
    )
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${escapeXml(feed.title ?? 'Test feed')}</title>`,
    '    <link>https://news.example/</link>',
    '    <description>A feed served by the test feed server</description>',
    feed.language === undefined ? '' : `    <language>${escapeXml(feed.language)}</language>`,
    feed.ttlMinutes === undefined ? '' : `    <ttl>${feed.ttlMinutes}</ttl>`,
    items,
    '  </channel>',
    '</rss>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
