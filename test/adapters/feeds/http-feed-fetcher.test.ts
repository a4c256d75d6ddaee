import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isKabarError, type KabarError } from '../../../src/core/errors.js';
import type { DnsLookup } from '../../../src/adapters/feeds/address-guard.js';
import {
  createHttpFeedFetcher,
  DEFAULT_USER_AGENT,
  type HttpFeedFetcherOptions,
} from '../../../src/adapters/feeds/http-feed-fetcher.js';
import { readFixture, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

/** The demo/test setting: loopback feeds allowed. */
function openFetcher(options: Partial<HttpFeedFetcherOptions> = {}) {
  return createHttpFeedFetcher({ allowPrivateAddresses: true, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<KabarError> {
  try {
    await promise;
  } catch (error) {
    if (isKabarError(error)) return error;
    throw new Error(`expected a KabarError, got ${String(error)}`);
  }
  throw new Error('expected the fetch to fail');
}

function sendFeed(response: ServerResponse, body: Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'Content-Type': 'application/rss+xml', ...headers });
  response.end(body);
}

const names = (table: Record<string, string>): DnsLookup => async (hostname) => {
  const address = table[hostname];
  return address === undefined ? [] : [{ address, family: address.includes(':') ? 6 : 4 }];
};

describe('conditional GET', () => {
  it('round-trips ETag and Last-Modified, handles 304, never sends empty validators', async () => {
    const rss = await readFixture('rss2.xml');
    const lastModified = 'Thu, 06 Nov 2025 18:30:00 GMT';
    const server = await serve((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { 'Cache-Control': 'max-age=300' });
        response.end();
        return;
      }
      sendFeed(response, rss, { ETag: '"v1"', 'Last-Modified': lastModified });
    });
    const fetcher = openFetcher();
    const url = `${server.origin}/feed.xml`;

    const first = await fetcher.fetch(url);
    expect(first).toMatchObject({ status: 'ok', validators: { etag: '"v1"', lastModified }, finalUrl: url });
    expect(first.status === 'ok' && first.feed.items).toHaveLength(4);
    expect(server.requests[0]?.headers).not.toHaveProperty('if-none-match');
    expect(server.requests[0]?.headers).not.toHaveProperty('if-modified-since');

    const second = await fetcher.fetch(url, first.validators);
    expect(second).toEqual({ status: 'not-modified', validators: { etag: '"v1"', lastModified }, freshForMs: 300_000 });
    expect(server.requests[1]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': lastModified });

    expect(await fetcher.fetch(url, { etag: '', lastModified: '  ' })).toMatchObject({ status: 'ok' });
    expect(server.requests[2]?.headers).not.toHaveProperty('if-none-match');
    expect(server.requests[2]?.headers).not.toHaveProperty('if-modified-since');
  });

  it('takes updated validators from a 304 and sends the kabar User-Agent', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(304, { ETag: '"v2"' });
      response.end();
    });
    const result = await openFetcher().fetch(server.origin, { etag: '"v1"', lastModified: 'Wed, 05 Nov 2025 00:00:00 GMT' });
    expect(result).toEqual({ status: 'not-modified', validators: { etag: '"v2"', lastModified: 'Wed, 05 Nov 2025 00:00:00 GMT' } });
    expect(server.requests[0]?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');

    await openFetcher({ userAgent: 'kabar/9.9.9 (+https://github.com/kabar-bot/kabar)' }).fetch(server.origin);
    expect(server.requests[1]?.headers['user-agent']).toBe('kabar/9.9.9 (+https://github.com/kabar-bot/kabar)');
  });

  it('turns Cache-Control and Expires into freshForMs', async () => {
    const rss = await readFixture('rss1.rdf');
    const server = await serve((request, response) => {
      if (request.url === '/max-age') sendFeed(response, rss, { 'Cache-Control': 'public, s-maxage=900' });
      else sendFeed(response, rss, { Date: 'Thu, 06 Nov 2025 12:00:00 GMT', Expires: 'Thu, 06 Nov 2025 12:10:00 GMT' });
    });
    expect(await openFetcher().fetch(`${server.origin}/max-age`)).toMatchObject({ status: 'ok', freshForMs: 900_000 });
    expect(await openFetcher().fetch(`${server.origin}/expires`)).toMatchObject({ status: 'ok', freshForMs: 600_000 });
    const plain = await serve((_request, response) => sendFeed(response, rss));
    expect(await openFetcher().fetch(plain.origin)).not.toHaveProperty('freshForMs');
  });
});

describe('HTTP status', () => {
  it('429 with Retry-After seconds is rate-limited', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(429, { 'Retry-After': '120' });
      response.end('slow down');
    });
    const error = await failureOf(openFetcher().fetch(server.origin));
    expect(error).toMatchObject({ kind: 'rate-limited', code: 'http-status', retryAfterMs: 120_000 });
    expect(error.message).toMatch(/^http-status: 429 Too Many Requests from 127\.0\.0\.1:\d+: .*Retry-After 120 s/);
  });

  it('503 with a Retry-After date is retryable with the delay', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(503, { Date: 'Thu, 06 Nov 2025 12:00:00 GMT', 'Retry-After': 'Thu, 06 Nov 2025 12:05:00 GMT' });
      response.end();
    });
    expect(await failureOf(openFetcher().fetch(server.origin))).toMatchObject({
      kind: 'retryable',
      code: 'http-status',
      retryAfterMs: 300_000,
    });
  });

  it.each([
    [500, 'retryable', /server is having trouble/],
    [502, 'retryable', /502 Bad Gateway/],
    [408, 'retryable', /408 Request Timeout/],
    [404, 'permanent', /no feed at this URL/],
    [410, 'permanent', /removed this feed/],
    [403, 'permanent', /refuses kabar/],
    [400, 'permanent', /400 Bad Request/],
  ])('%i is %s', async (status, kind, message) => {
    const server = await serve((_request, response) => {
      response.writeHead(status);
      response.end('<html>error page</html>');
    });
    const error = await failureOf(openFetcher().fetch(server.origin));
    expect(error).toMatchObject({ kind, code: 'http-status', retryAfterMs: undefined });
    expect(error.message).toMatch(message);
  });
});

describe('compression', () => {
  it.each([
    ['gzip with header', (b: Buffer) => gzipSync(b), { 'Content-Encoding': 'gzip' }],
    ['gzip without header (a .gz file served raw)', (b: Buffer) => gzipSync(b), { 'Content-Type': 'application/octet-stream' }],
    ['x-gzip', (b: Buffer) => gzipSync(b), { 'Content-Encoding': 'x-gzip' }],
    ['br', (b: Buffer) => brotliCompressSync(b), { 'Content-Encoding': 'br' }],
    ['deflate (zlib)', (b: Buffer) => deflateSync(b), { 'Content-Encoding': 'deflate' }],
    ['deflate (raw, as some servers send it)', (b: Buffer) => deflateRawSync(b), { 'Content-Encoding': 'deflate' }],
    ['a gzip label on a plain body', (b: Buffer) => b, { 'Content-Encoding': 'gzip' }],
  ])('%s', async (_name, compress, headers) => {
    const body = compress(await readFixture('windows-1251.xml'));
    const server = await serve((_request, response) => sendFeed(response, body, headers));
    const result = await openFetcher().fetch(server.origin);
    expect(result.status === 'ok' && result.feed.title).toBe('Новости Центральной Азии');
  });

  it('refuses an unknown Content-Encoding and a corrupt gzip body as bad-encoding', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/zstd') sendFeed(response, Buffer.from('xx'), { 'Content-Encoding': 'zstd' });
      else sendFeed(response, gzipSync(Buffer.from('<rss><channel/></rss>')).subarray(0, 15), { 'Content-Encoding': 'gzip' });
    });
    expect(await failureOf(openFetcher().fetch(`${server.origin}/zstd`))).toMatchObject({ code: 'bad-encoding', kind: 'permanent' });
    expect(await failureOf(openFetcher().fetch(`${server.origin}/corrupt`))).toMatchObject({ code: 'bad-encoding' });
  });
});

describe('limits', () => {
  it('cuts off a server that streams forever at the size cap', async () => {
    let written = 0;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk)) written += chunk.length;
        if (!response.destroyed) response.once('drain', pump);
      };
      response.write('<rss version="2.0"><channel><title>');
      pump();
    });
    const started = Date.now();
    const error = await failureOf(openFetcher({ maxBytes: 256 * 1024 }).fetch(server.origin));
    expect(error).toMatchObject({ code: 'too-large', kind: 'permanent' });
    expect(error.message).toBe(
      'too-large: the feed is larger than 256 KiB; download stopped there — ask the publisher for a shorter feed',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // The client stopped reading near the cap: only socket buffers' worth more was written.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': String(64 * 1024 * 1024) });
      response.write('<rss>');
    });
    expect(await failureOf(openFetcher({ maxBytes: 1024 * 1024 }).fetch(server.origin))).toMatchObject({ code: 'too-large' });
  });

  it('counts decompressed bytes: a small gzip bomb is too-large', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const server = await serve((_request, response) => sendFeed(response, bomb, { 'Content-Encoding': 'gzip' }));
    expect(await failureOf(openFetcher({ maxBytes: 1024 * 1024 }).fetch(server.origin))).toMatchObject({ code: 'too-large' });
  });

  it('stops a server that trickles bytes at the whole-request deadline', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failureOf(openFetcher({ deadlineMs: 400 }).fetch(server.origin));
    expect(error).toMatchObject({ code: 'timeout', kind: 'retryable' });
    expect(error.message).toMatch(/did not arrive within 0\.4 s/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('stops a server that sends headers late at the deadline too', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    expect(await failureOf(openFetcher({ deadlineMs: 300 }).fetch(server.origin))).toMatchObject({ code: 'timeout' });
  });

  it('applies the connect timeout (here: a DNS lookup that never answers)', async () => {
    const hang: DnsLookup = () => new Promise(() => undefined);
    const error = await failureOf(openFetcher({ lookup: hang, connectTimeoutMs: 200 }).fetch('http://stuck.test/feed'));
    expect(error).toMatchObject({ code: 'timeout', kind: 'retryable' });
    expect(error.message).toBe('timeout: could not connect to stuck.test within 200 ms; will retry');
  });
});

describe('redirects', () => {
  async function chain(): Promise<LoopbackServer> {
    const rss = await readFixture('rss2.xml');
    return serve((request, response) => {
      const hop = /^\/hop\/(\d+)$/.exec(request.url ?? '');
      const left = Number(hop?.[1] ?? 0);
      if (hop !== null && left > 0) {
        // Alternate relative and absolute Locations.
        const next = left === 1 ? '/feed' : `/hop/${left - 1}`;
        response.writeHead(left % 2 === 0 ? 301 : 307, { Location: left % 2 === 0 ? next : `http://127.0.0.1:${(request.socket.localPort ?? 0).toString()}${next}` });
        response.end();
        return;
      }
      sendFeed(response, rss);
    });
  }

  it('follows up to 5 redirects and reports the final URL', async () => {
    const server = await chain();
    const result = await openFetcher().fetch(`${server.origin}/hop/5`);
    expect(result).toMatchObject({ status: 'ok', finalUrl: `${server.origin}/feed` });
    expect(server.requests).toHaveLength(6);
  });

  it('refuses the sixth redirect', async () => {
    const server = await chain();
    const error = await failureOf(openFetcher().fetch(`${server.origin}/hop/6`));
    expect(error).toMatchObject({ code: 'too-many-redirects', kind: 'permanent' });
    expect(server.requests).toHaveLength(6);
    expect(await failureOf(openFetcher({ maxRedirects: 0 }).fetch(`${server.origin}/hop/1`))).toMatchObject({
      code: 'too-many-redirects',
    });
  });

  it('refuses redirects to other schemes and a redirect without Location', async () => {
    const server = await serve((request, response) => {
      response.writeHead(302, request.url === '/ftp' ? { Location: 'ftp://127.0.0.1/feed' } : {});
      response.end();
    });
    expect(await failureOf(openFetcher().fetch(`${server.origin}/ftp`))).toMatchObject({ code: 'bad-url' });
    expect(await failureOf(openFetcher().fetch(`${server.origin}/none`))).toMatchObject({ code: 'bad-url' });
  });
});

describe('private-address guard', () => {
  it('refuses a host name that resolves to loopback or a private address, before connecting', async () => {
    const server = await serve((_request, response) => sendFeed(response, Buffer.from('<rss/>')));
    const lookup = names({ 'loop.test': '127.0.0.1', 'intranet.test': '10.0.0.5', 'mapped.test': '::ffff:192.168.1.10' });
    const guarded = createHttpFeedFetcher({ allowPrivateAddresses: false, lookup });

    const loop = await failureOf(guarded.fetch(`http://loop.test:${server.port}/feed`));
    expect(loop).toMatchObject({ code: 'blocked-address', kind: 'permanent' });
    expect(loop.message).toBe(
      'blocked-address: feed host loop.test resolves to 127.0.0.1, a loopback address; set KABAR_ALLOW_PRIVATE_FEEDS=true to allow',
    );
    expect((await failureOf(guarded.fetch('http://intranet.test/feed'))).message).toMatch(/10\.0\.0\.5, a private address/);
    expect((await failureOf(guarded.fetch('https://mapped.test/feed'))).message).toMatch(/::ffff:192\.168\.1\.10, a private address/);
    expect(server.requests).toHaveLength(0);

    // The same host is fine once the operator allows private feeds (demo, tests).
    const allowed = createHttpFeedFetcher({ allowPrivateAddresses: true, lookup });
    expect(await allowed.fetch(`http://loop.test:${server.port}/feed`)).toMatchObject({ status: 'ok' });
    expect(server.requests).toHaveLength(1);
  });

  it.each(['http://127.0.0.1/feed', 'http://[::1]/feed', 'http://169.254.169.254/latest/meta-data/', 'http://[::ffff:10.0.0.5]/', 'http://0.0.0.0/'])(
    'refuses the IP literal in %s',
    async (url) => {
      expect(await failureOf(createHttpFeedFetcher({ allowPrivateAddresses: false }).fetch(url))).toMatchObject({
        code: 'blocked-address',
      });
    },
  );

  it('re-checks every redirect hop', async () => {
    const rss = await readFixture('rss2.xml');
    const server = await serve((request, response) => {
      const target = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get('to');
      if (target !== null) {
        response.writeHead(302, { Location: target });
        response.end();
        return;
      }
      sendFeed(response, rss);
    });
    const lookup = names({ 'public.test': '127.0.0.1', 'intranet.test': '10.0.0.5', 'metadata.test': '169.254.169.254' });
    // Only the test server's address is exempt, standing in for a public host.
    const guarded = createHttpFeedFetcher({ allowPrivateAddresses: false, allowedAddresses: ['127.0.0.1'], lookup });
    const start = `http://public.test:${server.port}/feed`;

    expect(await guarded.fetch(start)).toMatchObject({ status: 'ok', finalUrl: start });
    for (const [to, address] of [
      [`http://intranet.test:${server.port}/feed`, '10.0.0.5'],
      ['http://metadata.test/latest/meta-data/', '169.254.169.254'],
      [`http://127.0.0.2:${server.port}/feed`, '127.0.0.2'],
      ['http://[::ffff:a00:5]/feed', '::ffff:a00:5'],
    ] as const) {
      const error = await failureOf(guarded.fetch(`${start}?to=${encodeURIComponent(to)}`));
      expect(error, to).toMatchObject({ code: 'blocked-address', kind: 'permanent' });
      expect(error.message).toContain(address);
    }
  });
});

describe('URLs and other failures', () => {
  it.each([
    ['https://user:pass@example.com/feed', /credentials/],
    ['ftp://example.com/feed', /ftp URL refused/],
    ['file:///etc/passwd', /file URL refused/],
    ['nonsense', /not a valid URL/],
  ])('refuses %s without a request', async (url, message) => {
    const error = await failureOf(openFetcher().fetch(url));
    expect(error).toMatchObject({ code: 'bad-url', kind: 'permanent' });
    expect(error.message).toMatch(message);
  });

  it('an HTML page is not-a-feed, naming the feed link resolved against the final URL', async () => {
    const page = await readFixture('page.html');
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    const error = await failureOf(openFetcher().fetch(`${server.origin}/news/`));
    expect(error).toMatchObject({ code: 'not-a-feed', kind: 'permanent' });
    expect(error.message).toContain(`${server.origin}/feeds/all.rss`);
  });

  it('resolves relative links against Content-Location, and takes Content-Language when the feed declares none', async () => {
    const rss = '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>story/1</link></item></channel></rss>';
    const server = await serve((_request, response) =>
      sendFeed(response, Buffer.from(rss), { 'Content-Location': '/archive/2026/feed.xml', 'Content-Language': 'kk_KZ, ru' }),
    );
    const result = await openFetcher().fetch(`${server.origin}/feed`);
    expect(result.status === 'ok' && result.feed).toMatchObject({
      language: 'kk-KZ',
      items: [{ title: 'A', link: `${server.origin}/archive/2026/story/1` }],
    });
  });

  it('an empty 200 is not-a-feed', async () => {
    const server = await serve((_request, response) => sendFeed(response, Buffer.alloc(0)));
    expect(await failureOf(openFetcher().fetch(server.origin))).toMatchObject({ code: 'not-a-feed' });
  });

  it('a refused connection is a retryable network error', async () => {
    const server = await serve(() => undefined);
    const url = server.origin;
    await server.close();
    const error = await failureOf(openFetcher().fetch(url));
    expect(error).toMatchObject({ code: 'network', kind: 'retryable' });
    expect(error.message).toMatch(/refused the connection \(ECONNREFUSED\)/);
  });

  it('a connection dropped mid-body is a retryable network error', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': '10000' });
      response.write('<rss version="2.0"><channel>', () => response.socket?.destroy());
    });
    expect(await failureOf(openFetcher().fetch(server.origin))).toMatchObject({ code: 'network', kind: 'retryable' });
  });

  it("honours the caller's AbortSignal", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200);
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    expect(await failureOf(openFetcher().fetch(server.origin, undefined, controller.signal))).toMatchObject({
      code: 'network',
      kind: 'retryable',
      message: expect.stringMatching(/cancelled/),
    });
    expect(await failureOf(openFetcher().fetch(server.origin, undefined, AbortSignal.timeout(150)))).toMatchObject({
      code: 'timeout',
    });
    const aborted = AbortSignal.abort();
    expect(await failureOf(openFetcher().fetch(server.origin, undefined, aborted))).toMatchObject({ code: 'network' });
  });
});
