import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertLiteralHostAllowed } from './address-guard.js';
import { feedError, isFeedError } from './feed-errors.js';
import { readBody } from './read-body.js';
import { resolveRedirect } from './url-policy.js';

/** Options for {@link httpGet}. */
export interface HttpGetOptions {
  headers: Readonly<Record<string, string>>;
  /** Connect-time DNS lookup, normally the address guard's (see `createGuardedLookup`). */
  lookup: LookupFunction;
  /** When false, IP-literal hosts are checked too (the lookup hook never sees them). */
  allowPrivateAddresses: boolean;
  /** Literal addresses exempt from that check. */
  allowedAddresses: ReadonlySet<string>;
  /** Per hop: from starting the request to an established TCP/TLS connection. */
  connectTimeoutMs: number;
  maxRedirects: number;
  /** Cap on the decompressed body. */
  maxBytes: number;
  /** Aborting stops everything at once; the signal's `reason` is what gets thrown. */
  signal: AbortSignal;
}

/** The final response after redirects. */
export interface HttpGetResponse {
  /** The URL that answered (after redirects). */
  url: URL;
  status: number;
  headers: IncomingHttpHeaders;
  /** Decompressed body, read for 2xx responses only. */
  body: Buffer | undefined;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url` with node:http/https, following at most `maxRedirects` redirects. Every hop is
 * vetted again: the redirect policy (`resolveRedirect`), the IP-literal check and, at connect
 * time, the guarded DNS lookup. Connection pooling is off (`agent: false`) so no socket opened
 * for one address check is ever reused for another host.
 *
 * @throws KabarError (`timeout`, `network`, `blocked-address`, `bad-url`, `too-many-redirects`,
 *   `too-large`, `bad-encoding`); anything else is a bug.
 * @example
 * ```ts
 * const response = await httpGet(new URL('https://example.com/rss'), options);
 * if (response.status === 200) console.log(response.body?.length);
 * ```
 */
export async function httpGet(url: URL, options: HttpGetOptions): Promise<HttpGetResponse> {
  let current = url;
  for (let redirects = 0; ; redirects++) {
    if (!options.allowPrivateAddresses) assertLiteralHostAllowed(current.hostname, options.allowedAddresses);
    const response = await requestOnce(current, options);
    const status = response.statusCode ?? 0;
    if (redirectStatuses.has(status)) {
      discard(response);
      if (redirects >= options.maxRedirects) {
        throw feedError(
          'too-many-redirects',
          `more than ${options.maxRedirects} redirects (last at ${current.host}); use the feed's final URL`,
        );
      }
      current = resolveRedirect(current, response.headers.location);
      continue;
    }
    if (status < 200 || status >= 300) {
      discard(response);
      return { url: current, status, headers: response.headers, body: undefined };
    }
    const body = await readBody(response, {
      contentEncoding: response.headers['content-encoding'],
      contentLength: response.headers['content-length'],
      maxBytes: options.maxBytes,
    }).catch((error: unknown) => {
      // A deadline destroys the socket mid-body; report the deadline, not the broken connection.
      throw options.signal.aborted ? options.signal.reason : error;
    });
    return { url: current, status, headers: response.headers, body };
  }
}

/** Drops a body we do not read. The listener keeps a late socket error from going uncaught. */
function discard(response: IncomingMessage): void {
  response.on('error', () => undefined);
  response.destroy();
}

function requestOnce(url: URL, options: HttpGetOptions): Promise<IncomingMessage> {
  const { signal } = options;
  return new Promise<IncomingMessage>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const isHttps = url.protocol === 'https:';
    const request = (isHttps ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { ...options.headers },
      lookup: options.lookup,
      agent: false,
    });
    const connectTimer = setTimeout(() => {
      request.destroy(
        feedError('timeout', `could not connect to ${url.host} within ${seconds(options.connectTimeoutMs)}; will retry`),
      );
    }, options.connectTimeoutMs);
    const onAbort = (): void => {
      request.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    };
    signal.addEventListener('abort', onAbort, { once: true });

    request.on('socket', (socket) => {
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.on('response', (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    // Stays attached for the request's life: later errors surface through the response stream.
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(networkError(error, url));
    });
    request.on('close', () => {
      clearTimeout(connectTimer);
      signal.removeEventListener('abort', onAbort);
    });
    request.end();
  });
}

const badCertificate =
  /^(CERT_|ERR_TLS_CERT_ALTNAME_INVALID$|UNABLE_TO_VERIFY_LEAF_SIGNATURE$|UNABLE_TO_GET_ISSUER_CERT|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$)/;

/** Maps a socket/DNS/TLS error to a classified, one-line {@link feedError}. */
function networkError(error: Error, url: URL): Error {
  if (isFeedError(error)) return error;
  const rawCode: unknown = (error as NodeJS.ErrnoException).code;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const host = url.host;
  if (code === 'ENOTFOUND') {
    return feedError('network', `feed host ${url.hostname} was not found in DNS (ENOTFOUND); check the URL`, { cause: error });
  }
  if (code === 'EAI_AGAIN') return feedError('network', `DNS lookup of ${url.hostname} failed for now (EAI_AGAIN); will retry`, { cause: error });
  if (code === 'ECONNREFUSED') return feedError('network', `${host} refused the connection (ECONNREFUSED); will retry`, { cause: error });
  if (code === 'ECONNRESET') return feedError('network', `${host} closed the connection (ECONNRESET); will retry`, { cause: error });
  if (code === 'ETIMEDOUT') return feedError('timeout', `connecting to ${host} timed out (ETIMEDOUT); will retry`, { cause: error });
  if (badCertificate.test(code)) {
    return feedError('network', `the TLS certificate of ${url.hostname} is not valid (${code}); the site must fix it`, {
      kind: 'permanent',
      cause: error,
    });
  }
  if (code.startsWith('HPE_')) {
    return feedError('network', `${host} did not answer with valid HTTP (${code})`, { kind: 'permanent', cause: error });
  }
  return feedError('network', `request to ${host} failed (${code || error.message}); will retry`, { cause: error });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
