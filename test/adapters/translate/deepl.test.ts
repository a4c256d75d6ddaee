import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeepLTranslator } from '../../../src/adapters/translate/deepl.js';
import { startFakeDeepL } from '../../fakes/translate/fake-deepl.js';
import { jsonBody, type LoopbackServer } from '../../fakes/translate/loopback-server.js';
import { failureOf } from './failure-of.js';

const KEY = 'f63c02c5-f056-4a3e-9d2e-000000000000:fx';

describe('createDeepLTranslator', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startFakeDeepL(KEY);
  });
  afterEach(() => server.close());

  const deepl = (extra: Partial<Parameters<typeof createDeepLTranslator>[0]> = {}) =>
    createDeepLTranslator({ apiKey: KEY, baseUrl: server.origin, timeoutMs: 2_000, ...extra });

  it('sends the documented request and counts characters', async () => {
    const translator = deepl();
    const result = await translator.translate({ texts: ['The White House', 'Zürich'], sourceLanguage: 'en', targetLanguage: 'id' });
    expect(translator.id).toBe('deepl');
    expect(result).toEqual({ texts: ['[ID] The White House', '[ID] Zürich'], characters: 21 });
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    expect(jsonBody(request)).toEqual({ text: ['The White House', 'Zürich'], target_lang: 'ID', source_lang: 'EN' });
  });

  it('asks for a regional variant where DeepL wants one and lets DeepL detect a missing source', async () => {
    await deepl().translate({ texts: ['Hola'], targetLanguage: 'en' });
    expect(jsonBody(server.requests[0])).toEqual({ text: ['Hola'], target_lang: 'EN-US' });
  });

  it('sends formality only to languages that support it', async () => {
    const translator = deepl({ formality: 'prefer_more' });
    await translator.translate({ texts: ['Hello'], sourceLanguage: 'en', targetLanguage: 'id' });
    await translator.translate({ texts: ['Hello'], sourceLanguage: 'en', targetLanguage: 'es' });
    expect(jsonBody(server.requests[0])).not.toHaveProperty('formality');
    expect(jsonBody(server.requests[1])).toMatchObject({ target_lang: 'ES', formality: 'prefer_more' });
  });

  it('uses a configured glossary for its language pair only', async () => {
    const translator = deepl({ glossaries: [{ sourceLanguage: 'en', targetLanguage: 'id', id: 'gl-123' }] });
    await translator.translate({ texts: ['White House'], sourceLanguage: 'en', targetLanguage: 'id' });
    await translator.translate({ texts: ['White House'], sourceLanguage: 'en', targetLanguage: 'es' });
    await translator.translate({ texts: ['White House'], targetLanguage: 'id' });
    expect(jsonBody(server.requests[0])).toMatchObject({ glossary_id: 'gl-123', source_lang: 'EN' });
    expect(jsonBody(server.requests[1])).not.toHaveProperty('glossary_id');
    expect(jsonBody(server.requests[2])).not.toHaveProperty('glossary_id');
  });

  it('splits more than 50 texts into batches and keeps their order', async () => {
    const texts = Array.from({ length: 120 }, (_, index) => `paragraph ${index}`);
    const result = await deepl().translate({ texts, sourceLanguage: 'en', targetLanguage: 'id' });
    expect(server.requests.map((request) => (jsonBody(request).text as string[]).length)).toEqual([50, 50, 20]);
    expect(result.texts).toEqual(texts.map((text) => `[ID] ${text}`));
  });

  it('reports an exhausted quota (456) as permanent, without retrying', async () => {
    server.enqueue({ status: 456, body: { message: 'Quota exceeded' } });
    const error = await failureOf(deepl().translate({ texts: ['Hi'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'quota-exceeded' });
    expect((error as Error).message).toMatch(/quota.*used up/);
    expect(server.requests).toHaveLength(1);
  });

  it('honours Retry-After on 429, in seconds or as an HTTP date', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too many requests' } });
    await expect(deepl().translate({ texts: ['Hi'], targetLanguage: 'id' })).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 7_000,
    });
    server.enqueue({ status: 429, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } });
    const error = await failureOf(deepl().translate({ texts: ['Hi'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'rate-limited' });
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('tells which setting to check when the key is refused, without echoing the key', async () => {
    const wrong = createDeepLTranslator({ apiKey: 'wrong-key:fx', baseUrl: server.origin, timeoutMs: 2_000 });
    const error = await failureOf(wrong.translate({ texts: ['Hi'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'unauthorized' });
    expect(error.message).toContain('check DEEPL_API_KEY');
    expect(error.message).not.toContain('wrong-key');
  });

  it('maps 5xx and malformed JSON to retryable', async () => {
    server.enqueue({ status: 503, body: { message: 'Service unavailable' } });
    await expect(deepl().translate({ texts: ['Hi'], targetLanguage: 'id' })).rejects.toMatchObject({ kind: 'retryable' });
    server.enqueue({ status: 200, body: '{"translations": [' });
    await expect(deepl().translate({ texts: ['Hi'], targetLanguage: 'id' })).rejects.toMatchObject({
      kind: 'retryable',
      code: 'bad-response',
    });
  });

  it('reports an unsupported target language as permanent', async () => {
    await expect(deepl().translate({ texts: ['Hi'], targetLanguage: 'sw' })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'unsupported-language',
    });
  });

  it('picks the free or the pro host from the key', async () => {
    const hosts: string[] = [];
    const recordingFetch: typeof fetch = (input) => {
      hosts.push(new URL(String(input)).origin);
      return Promise.resolve(Response.json({ translations: [{ text: 'x', detected_source_language: 'EN' }] }));
    };
    await createDeepLTranslator({ apiKey: 'abc:fx', timeoutMs: 1_000, fetch: recordingFetch }).translate({ texts: ['a'], targetLanguage: 'id' });
    await createDeepLTranslator({ apiKey: 'abc', timeoutMs: 1_000, fetch: recordingFetch }).translate({ texts: ['a'], targetLanguage: 'id' });
    expect(hosts).toEqual(['https://api-free.deepl.com', 'https://api.deepl.com']);
  });
});
