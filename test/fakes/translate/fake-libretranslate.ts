/**
 * A loopback fake of LibreTranslate `POST /translate` (JSON), as its API docs describe it:
 * `{q: string | string[], source: 'auto' | code, target, format, api_key?}` answers
 * `{translatedText: string | string[]}` (plus `detectedLanguage` for `auto`); errors are
 * `{error: "..."}` with 400 (unsupported language, missing key), 403 (bad key), 429, 500.
 *
 * Its "translation" is `<target>: <text>`.
 */
import { startLoopbackServer, type FakeReply, type LoopbackServer, type RecordedRequest } from './loopback-server.js';

const LANGUAGES = new Set(['en', 'es', 'id', 'fr', 'de', 'ar', 'ru', 'zh']);

/** Options of {@link startFakeLibreTranslate}. */
export interface FakeLibreTranslateOptions {
  /** Like a server started with `--api-keys`: requires that key. */
  apiKey?: string;
  /** Asked per request: while it says true the server answers 503, as a LibreTranslate behind a proxy that lost it. */
  down?: () => boolean;
}

/** Starts the fake. */
export function startFakeLibreTranslate(options: FakeLibreTranslateOptions = {}): Promise<LoopbackServer> {
  return startLoopbackServer((request) =>
    options.down?.() === true ? { status: 503, body: { error: 'Service Unavailable' } } : handle(request, options.apiKey),
  );
}

function handle(request: RecordedRequest, apiKey: string | undefined): FakeReply {
  if (request.method !== 'POST' || request.path !== '/translate') return { status: 404, body: { error: 'Not Found' } };
  const body = JSON.parse(request.body) as { q?: unknown; source?: unknown; target?: unknown; format?: unknown; api_key?: unknown };
  if (apiKey !== undefined) {
    if (body.api_key === undefined) return { status: 400, body: { error: 'Invalid request: missing api_key parameter' } };
    if (body.api_key !== apiKey) return { status: 403, body: { error: 'Invalid API key' } };
  }
  if (body.q === undefined) return { status: 400, body: { error: 'Invalid request: missing q parameter' } };
  if (typeof body.source !== 'string' || (body.source !== 'auto' && !LANGUAGES.has(body.source))) {
    return { status: 400, body: { error: `${String(body.source)} is not supported` } };
  }
  if (typeof body.target !== 'string' || !LANGUAGES.has(body.target)) {
    return { status: 400, body: { error: `${String(body.target)} is not supported` } };
  }
  if (body.format !== 'text' && body.format !== 'html') return { status: 400, body: { error: 'Invalid format' } };
  const translate = (text: string) => `${String(body.target)}: ${text}`;
  const detected = body.source === 'auto' ? { detectedLanguage: { confidence: 90, language: 'en' } } : {};
  if (typeof body.q === 'string') return { status: 200, body: { translatedText: translate(body.q), ...detected } };
  if (Array.isArray(body.q)) {
    return { status: 200, body: { translatedText: body.q.map((text) => translate(String(text))), ...(body.source === 'auto' ? { detectedLanguage: body.q.map(() => detected.detectedLanguage) } : {}) } };
  }
  return { status: 400, body: { error: 'Invalid request: q must be a string or a list' } };
}
