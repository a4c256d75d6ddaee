/**
 * The feeds `kabar demo` polls: hand-written sample feeds served from 127.0.0.1, in rounds.
 *
 * A new feed's first fetch only marks its items seen, so the demo needs feeds that grow: round 1
 * serves each feed's older items (they get seeded), round 2 the same items with new stories on
 * top (they get briefed). Templates live in `sample-feeds/` as `NAME.roundN.xml`; their dates are
 * placeholders filled in relative to each request, so the stories always look recent.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** One sample feed and its template for each round. */
export interface SampleFeed {
  /** File stem, e.g. `gulf-ledger`. */
  name: string;
  format: 'rss' | 'atom';
  /** Path the server serves it under: `/NAME.xml` for RSS, `/NAME.atom` for Atom. */
  path: string;
  contentType: string;
  /** Template text per round: `templates[0]` is round 1. */
  templates: string[];
}

/** A running sample-feed server; see {@link startSampleFeedServer}. */
export interface SampleFeedServer {
  /** One URL per feed, `http://127.0.0.1:PORT/NAME.xml` (RSS) or `.atom` (Atom), sorted by name. */
  urls: string[];
  /** The round being served, from 1. */
  readonly round: number;
  /** Serves the next round from now on; at the last round, keeps serving it. */
  nextRound(): void;
  /** Requests received so far, whatever their answer. */
  readonly requests: number;
  /** Requests answered 304 Not Modified so far. */
  readonly notModified: number;
  /** Stops listening and drops open connections (keep-alive sockets included). */
  close(): Promise<void>;
}

/** Options for {@link startSampleFeedServer}. */
export interface SampleFeedServerOptions {
  /** Clock the placeholders are filled from. Default `Date.now`. */
  now?: () => number;
  /** Where the templates are. Default: `sample-feeds/` next to this module (see {@link sampleFeedsDirectory}). */
  directory?: URL;
}

const TEMPLATE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.round([1-9]\d*)\.xml$/;
const ANY_PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const DATE_PLACEHOLDER = /^\{\{(rfc822|iso):([+-]?\d+(?:\.\d+)?)h\}\}$/;
const HOUR_MS = 3_600_000;

/**
 * Fills the date placeholders of a template, relative to `now` (epoch ms): `{{rfc822:-3h}}`
 * becomes an RSS date (`Sat, 28 Nov 2026 03:00:00 GMT`), `{{iso:-3h}}` an Atom date
 * (`2026-11-28T03:00:00Z`). Offsets are in hours and may be fractional.
 *
 * @throws Error naming the placeholder when one is not of either form (a typo in a template).
 * @example
 * ```ts
 * renderSampleFeed('<pubDate>{{rfc822:-3h}}</pubDate>', Date.UTC(2026, 10, 28, 6));
 * // "<pubDate>Sat, 28 Nov 2026 03:00:00 GMT</pubDate>"
 * ```
 */
export function renderSampleFeed(template: string, now: number): string {
  return template.replace(ANY_PLACEHOLDER, (placeholder) => {
    const parsed = DATE_PLACEHOLDER.exec(placeholder);
    if (parsed === null) {
      throw new Error(`Unknown placeholder ${placeholder} in a sample feed: use {{rfc822:-3h}} or {{iso:-3h}}.`);
    }
    const date = new Date(now + Number(parsed[2]) * HOUR_MS);
    return parsed[1] === 'rfc822' ? date.toUTCString() : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  });
}

/**
 * The directory holding the templates: `sample-feeds/` next to this module. A production build
 * (`tsc`) copies no XML into `dist/`, but the package ships `src/`, so from `dist/demo/` the
 * templates are found in `../../src/demo/sample-feeds/`.
 *
 * @throws Error saying where the templates were looked for, when neither place has them.
 */
export function sampleFeedsDirectory(): URL {
  const candidates = [new URL('./sample-feeds/', import.meta.url), new URL('../../src/demo/sample-feeds/', import.meta.url)];
  const found = candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
  if (found === undefined) {
    const places = candidates.map((candidate) => fileURLToPath(candidate)).join(' or ');
    throw new Error(`The demo's sample feeds are missing: looked in ${places}. Reinstall kabar, or run it from a source checkout.`);
  }
  return found;
}

/**
 * Reads every template in `directory` (default {@link sampleFeedsDirectory}), sorted by feed name.
 * Checks them up front, so a broken template fails the demo at start, not at its first poll.
 *
 * @throws Error when a feed lacks a round the others have, a template is neither RSS nor Atom, or
 *   it holds an unknown placeholder.
 * @example
 * ```ts
 * const feeds = await loadSampleFeeds();
 * feeds.map((feed) => feed.path); // ["/gulf-ledger.xml", "/nusantara-kini.xml", "/steppe-wire.atom"]
 * ```
 */
export async function loadSampleFeeds(directory: URL = sampleFeedsDirectory()): Promise<SampleFeed[]> {
  const byName = new Map<string, Map<number, string>>();
  for (const file of (await readdir(directory)).sort()) {
    const parsed = TEMPLATE_NAME.exec(file);
    if (parsed === null) continue;
    const [, name = '', round = ''] = parsed;
    const rounds = byName.get(name) ?? new Map<number, string>();
    rounds.set(Number(round), await readFile(new URL(file, directory), 'utf8'));
    byName.set(name, rounds);
  }
  if (byName.size === 0) throw new Error(`No sample feed templates (NAME.roundN.xml) in ${fileURLToPath(directory)}.`);

  const roundCount = Math.max(...[...byName.values()].flatMap((rounds) => [...rounds.keys()]));
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, rounds]) => {
      const templates: string[] = [];
      for (let round = 1; round <= roundCount; round++) {
        const template = rounds.get(round);
        if (template === undefined) throw new Error(`Sample feed ${name} has no round ${round}: add ${name}.round${round}.xml.`);
        renderSampleFeed(template, 0);
        templates.push(template);
      }
      const format = formatOf(templates[0] ?? '', name);
      return {
        name,
        format,
        path: format === 'atom' ? `/${name}.atom` : `/${name}.xml`,
        contentType: `application/${format === 'atom' ? 'atom' : 'rss'}+xml; charset=utf-8`,
        templates,
      };
    });
}

function formatOf(template: string, name: string): 'rss' | 'atom' {
  // Comments may precede the root element, so look for the first element that is neither.
  const root = /<(?![?!])([A-Za-z][\w:.-]*)/.exec(template.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
  if (root === 'rss') return 'rss';
  if (root === 'feed') return 'atom';
  throw new Error(`Sample feed ${name} is neither RSS (<rss>) nor Atom (<feed>): its root element is <${root ?? 'none'}>.`);
}

/** True when an `If-None-Match` header names `etag`; weak and strong forms compare alike (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * Starts serving the sample feeds on an ephemeral port of 127.0.0.1, in round 1.
 *
 * Each response is rendered at request time (see {@link renderSampleFeed}) and carries an ETag per
 * feed and round, so a feed polled again within a round gets 304 Not Modified, as a real server's
 * conditional GET would; after {@link SampleFeedServer.nextRound} the ETag changes and the grown
 * feed is sent. GET and HEAD only; any other path is 404.
 *
 * @throws Error when the templates are missing or broken (see {@link loadSampleFeeds}).
 * @example
 * ```ts
 * const server = await startSampleFeedServer();
 * // poll server.urls: every item is new, and gets seeded
 * server.nextRound();
 * // poll again: the stories added on top get briefed
 * await server.close();
 * ```
 */
export async function startSampleFeedServer(options: SampleFeedServerOptions = {}): Promise<SampleFeedServer> {
  const now = options.now ?? Date.now;
  const feeds = await loadSampleFeeds(options.directory);
  const roundCount = feeds[0]?.templates.length ?? 1;
  const byPath = new Map(feeds.map((feed) => [feed.path, feed]));
  // Validators a fetcher remembered from an earlier demo run (same port by chance) must not match.
  const instance = randomBytes(4).toString('hex');
  let round = 1;
  let requests = 0;
  let notModified = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    requests++;
    const feed = byPath.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    if (feed === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No such sample feed\n');
      return;
    }
    const etag = `"${feed.name}-round${round}-${instance}"`;
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      notModified++;
      response.writeHead(304, { ETag: etag }).end();
      return;
    }
    const body = Buffer.from(renderSampleFeed(feed.templates[round - 1] ?? '', now()), 'utf8');
    response.writeHead(200, { 'Content-Type': feed.contentType, 'Content-Length': body.length, ETag: etag });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    urls: feeds.map((feed) => `http://127.0.0.1:${port}${feed.path}`),
    get round() {
      return round;
    },
    nextRound() {
      round = Math.min(round + 1, roundCount);
    },
    get requests() {
      return requests;
    },
    get notModified() {
      return notModified;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // close() alone drops only idle sockets; a client stuck mid-request would hold it open for minutes.
        server.closeAllConnections();
      }),
  };
}
