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
    // Made in the account beforehand, as an operator would.
    const made = await fetch(`${server.origin}/v2/glossaries`, {
      method: 'POST',
      headers: { Authorization: `DeepL-Auth-Key ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'ours', source_lang: 'en', target_lang: 'id', entries: 'White House\tGedung Putih', entries_format: 'tsv' }),
    });
    expect(made.status).toBe(201);
    server.requests.length = 0;
    const translator = deepl({ glossaries: [{ sourceLanguage: 'en', targetLanguage: 'id', id: 'fake-glossary-1' }] });
    await translator.translate({ texts: ['White House'], sourceLanguage: 'en', targetLanguage: 'id' });
    await translator.translate({ texts: ['White House'], sourceLanguage: 'en', targetLanguage: 'es' });
    await translator.translate({ texts: ['White House'], targetLanguage: 'id' });
    expect(jsonBody(server.requests[0])).toMatchObject({ glossary_id: 'fake-glossary-1', source_lang: 'EN' });
    expect(jsonBody(server.requests[1])).not.toHaveProperty('glossary_id');
    expect(jsonBody(server.requests[2])).not.toHaveProperty('glossary_id');
  });

  describe('kabar\'s glossary as a DeepL glossary', () => {
    const EN_ID = { sourceLanguage: 'en', targetLanguage: 'id' };
    const GLOSSARY = { 'White House': 'Gedung Putih', UAE: 'UEA' };

    it('creates one glossary per pair from the whole glossary and sends its id with that pair only', async () => {
      const translator = deepl();
      expect(await translator.prepareGlossary?.(EN_ID, GLOSSARY)).toEqual({ applied: true });
      const create = server.requests.find((request) => request.method === 'POST' && request.path === '/v2/glossaries');
      expect(jsonBody(create)).toEqual({
        name: expect.stringMatching(/^kabar en-id [0-9a-f]{12}$/),
        source_lang: 'en',
        target_lang: 'id',
        entries: 'UAE\tUEA\nWhite House\tGedung Putih',
        entries_format: 'tsv',
      });
      const translated = await translator.translate({ texts: ['The White House and the UAE'], ...EN_ID });
      expect(translated.texts).toEqual(['[ID] The Gedung Putih and the UEA']);
      await translator.translate({ texts: ['White House'], sourceLanguage: 'en', targetLanguage: 'es' });
      expect(jsonBody(server.requests.at(-2))).toMatchObject({ glossary_id: 'fake-glossary-1', source_lang: 'EN' });
      expect(jsonBody(server.requests.at(-1))).not.toHaveProperty('glossary_id');
    });

    it('reuses the glossary: no request for the same entries, and another worker finds it by name', async () => {
      await deepl().prepareGlossary?.(EN_ID, GLOSSARY);
      const first = deepl();
      const before = server.requests.length;
      expect(await first.prepareGlossary?.(EN_ID, { UAE: 'UEA', 'White House': 'Gedung Putih' })).toEqual({ applied: true });
      const made = server.requests.slice(before).filter((request) => request.method === 'POST');
      expect(made).toEqual([]);
      const again = server.requests.length;
      await first.prepareGlossary?.(EN_ID, GLOSSARY);
      expect(server.requests.length).toBe(again);
    });

    it('makes a new glossary when moderators edit theirs', async () => {
      const translator = deepl();
      await translator.prepareGlossary?.(EN_ID, GLOSSARY);
      await translator.prepareGlossary?.(EN_ID, { ...GLOSSARY, 'Board of Peace': 'Dewan Perdamaian' });
      await translator.translate({ texts: ['Board of Peace'], ...EN_ID });
      expect(server.requests.filter((request) => request.method === 'POST' && request.path === '/v2/glossaries')).toHaveLength(2);
      expect(jsonBody(server.requests.at(-1))).toMatchObject({ glossary_id: 'fake-glossary-2' });
    });

    it('leaves out entries DeepL would refuse instead of losing the whole glossary', async () => {
      const translator = deepl();
      const readiness = await translator.prepareGlossary?.(EN_ID, { ...GLOSSARY, 'Tab\there': 'x', ' ': 'kosong', 'UAE ': 'Uni Emirat Arab' });
      expect(readiness).toEqual({ applied: true });
      const create = server.requests.find((request) => request.method === 'POST' && request.path === '/v2/glossaries');
      expect(jsonBody(create).entries).toBe('UAE\tUni Emirat Arab\nWhite House\tGedung Putih');
    });

    it('says why not where DeepL has no glossaries for the pair, and creates nothing', async () => {
      const readiness = await deepl().prepareGlossary?.({ sourceLanguage: 'en', targetLanguage: 'uz' }, GLOSSARY);
      expect(readiness).toEqual({ applied: false, reason: 'DeepL offers no glossaries for en-uz' });
      expect(server.requests.filter((request) => request.method === 'POST')).toEqual([]);
    });

    it('falls back when the key may not create glossaries, and does not ask again on every brief', async () => {
      const translator = deepl();
      server.enqueue({ status: 200, body: { supported_languages: [{ source_lang: 'en', target_lang: 'id' }] } });
      server.enqueue({ status: 200, body: { glossaries: [] } });
      server.enqueue({ status: 403, body: { message: `Forbidden for ${KEY}` } });
      const readiness = await translator.prepareGlossary?.(EN_ID, GLOSSARY);
      expect(readiness).toMatchObject({ applied: false, reason: expect.stringContaining('check DEEPL_API_KEY') });
      expect(JSON.stringify(readiness)).not.toContain(KEY);
      const asked = server.requests.length;
      expect(await translator.prepareGlossary?.(EN_ID, GLOSSARY)).toMatchObject({ applied: false });
      expect(server.requests.length).toBe(asked);
      await translator.translate({ texts: ['White House'], ...EN_ID });
      expect(jsonBody(server.requests.at(-1))).not.toHaveProperty('glossary_id');
    });

    it('makes the glossary again when it was deleted from the account, after one retryable failure', async () => {
      const translator = deepl();
      await translator.prepareGlossary?.(EN_ID, GLOSSARY);
      server.enqueue({ status: 404, body: { message: 'Glossary not found' } });
      const failure = await failureOf(translator.translate({ texts: ['White House'], ...EN_ID }));
      expect(failure).toMatchObject({ kind: 'retryable', code: 'glossary-missing' });
      server.enqueue({ status: 200, body: { glossaries: [] } });
      expect(await translator.prepareGlossary?.(EN_ID, GLOSSARY)).toEqual({ applied: true });
      expect(server.requests.filter((request) => request.method === 'POST' && request.path === '/v2/glossaries')).toHaveLength(2);
    });

    it('prefers a glossary named in the options for its pair', async () => {
      const translator = deepl({ glossaries: [{ sourceLanguage: 'en', targetLanguage: 'id', id: 'gl-123' }] });
      expect(await translator.prepareGlossary?.(EN_ID, GLOSSARY)).toEqual({ applied: true });
      expect(server.requests).toEqual([]);
    });
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
