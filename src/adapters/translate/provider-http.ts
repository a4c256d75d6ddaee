/**
 * The HTTP edge shared by the translation providers: one request with a timeout, and every way it
 * can fail turned into a `KabarError` whose message says what to check.
 */
import type { z } from 'zod';
import { KabarError } from '../../core/errors.js';
import { parseRetryAfter } from '../http/retry-after.js';

/** `fetch` as the providers use it; tests pass their own. */
export type FetchFunction = typeof fetch;

/** Who is being called, for error messages. */
export interface ProviderEdge {
  /** Human name: `DeepL`, `LibreTranslate`. */
  name: string;
  /** The env var holding the service's address, named when it cannot be reached. */
  urlSetting: string;
  /** The env var holding the credential, named on 401/403; omit when there is none. */
  keySetting?: string;
  /** Values that must never appear in a message (API keys). */
  secrets: readonly string[];
  /** Wait on a 429 without `Retry-After`. */
  defaultRetryAfterMs: number;
  timeoutMs: number;
  fetch: FetchFunction;
}

/** A response whose body was read in full, within the timeout. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Sends one request and reads the whole body. Network failures and timeouts become `retryable`
 * errors; the status is left to the caller (see {@link statusError}).
 */
export async function send(edge: ProviderEdge, url: string, init: RequestInit): Promise<ReadResponse> {
  if (URL.canParse(url) && new URL(url).username !== '') {
    // fetch refuses such URLs outright; retrying would never help.
    throw new KabarError('permanent', `${edge.urlSetting} contains a user name or password, which kabar cannot send — remove it from the URL`, {
      code: 'config',
    });
  }
  const signal = AbortSignal.timeout(edge.timeoutMs);
  try {
    // The same signal covers reading the body, so a server that stalls mid-answer also times out.
    const response = await edge.fetch(url, { ...init, signal });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (signal.aborted) {
      throw new KabarError(
        'retryable',
        `${edge.name} did not answer within ${edge.timeoutMs} ms — check that it is healthy, or raise KABAR_TRANSLATE_TIMEOUT`,
        { code: 'timeout', cause: error },
      );
    }
    // An edge named after its address ("the model server at http://...") is not told it twice.
    const where = edge.name.includes(safeOrigin(url)) ? '' : ` at ${safeOrigin(url)}`;
    throw new KabarError(
      'retryable',
      `could not reach ${edge.name}${where}: ${redact(networkReason(error), edge.secrets)} — check ${edge.urlSetting} and that the service is running`,
      { code: 'network', cause: error },
    );
  }
}

/**
 * The error for a non-2xx status, or undefined for 2xx. 429 -> `rate-limited` (honouring
 * `Retry-After`), 401/403 -> `permanent` naming the key setting, 408/5xx -> `retryable`, other
 * 4xx -> `permanent`. Providers handle their special statuses (DeepL's 456) before calling this.
 */
export function statusError(edge: ProviderEdge, response: ReadResponse, detail?: string): KabarError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const said = detail === undefined || detail === '' ? '' : `: ${redact(detail, edge.secrets)}`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? edge.defaultRetryAfterMs;
    return new KabarError('rate-limited', `429 from ${edge.name}: too many requests — waiting ${retryAfterMs} ms`, {
      code: 'rate-limited',
      retryAfterMs,
    });
  }
  if ((status === 401 || status === 403) && edge.keySetting !== undefined) {
    // The server's own text is left out: some echo part of the key back.
    return new KabarError('permanent', `${status} from ${edge.name}: the API key was refused — check ${edge.keySetting}`, {
      code: 'unauthorized',
    });
  }
  if (status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return new KabarError('retryable', `${status} from ${edge.name}${said} — will retry`, {
      code: 'http-status',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new KabarError('permanent', `${status} from ${edge.name}${said}`, { code: 'http-status' });
}

/**
 * Parses a JSON body against `schema`. Unreadable or unexpected bodies are `retryable`: they come
 * from proxies and restarting servers far more often than from a changed API.
 */
export function parseBody<T>(edge: ProviderEdge, body: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new KabarError('retryable', `${edge.name} answered with something that is not JSON: ${snippet(body, edge.secrets)}`, {
      code: 'bad-response',
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new KabarError(
      'retryable',
      `${edge.name} answered in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}): ${snippet(body, edge.secrets)}`,
      { code: 'bad-response', cause: parsed.error },
    );
  }
  return parsed.data;
}

/** The `message`/`error` text of a JSON error body, or a short snippet of a non-JSON one. */
export function errorDetail(body: string, secrets: readonly string[]): string {
  try {
    const json: unknown = JSON.parse(body);
    const found = findMessage(json);
    if (found !== undefined) return snippet(found, secrets);
  } catch {
    // not JSON: fall through to the raw text
  }
  return snippet(body, secrets);
}

function findMessage(json: unknown): string | undefined {
  if (typeof json === 'string') return json;
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  for (const key of ['message', 'error', 'explanation', 'detail']) {
    const value = record[key];
    const inner = typeof value === 'object' ? findMessage(value) : typeof value === 'string' ? value : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Replaces every secret, and any `user:password@` in a URL, in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  const withoutSecrets = secrets
    .filter((secret) => secret.length > 0)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  return withoutSecrets.replace(/\/\/[^/@\s]+@/g, '//[redacted]@');
}

function snippet(text: string, secrets: readonly string[]): string {
  const flat = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}

/** Scheme, host and port only: never credentials, paths or query strings. */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Drops trailing slashes, so `${base}/path` never doubles them. */
export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Counts Unicode code points, which is what character-billed services count. */
export function countCharacters(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + [...text].length, 0);
}
