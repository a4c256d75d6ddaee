import { afterEach, describe, expect, it } from 'vitest';
import { cleanTranslation, createApertiumTranslator } from '../../../src/adapters/translate/apertium.js';
import { toApertiumLanguage } from '../../../src/adapters/translate/apertium-languages.js';
import { startFakeApertium } from '../../fakes/translate/fake-apertium.js';
import type { LoopbackServer } from '../../fakes/translate/loopback-server.js';

describe('createApertiumTranslator (against a fake APY)', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it('maps ISO codes to Apertium codes and asks for plain text without unknown-word marks', async () => {
    server = await startFakeApertium();
    const translator = createApertiumTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    const result = await translator.translate({ texts: ['The White House said', 'Hello Xyzzy'], sourceLanguage: 'en', targetLanguage: 'es' });
    expect(translator.id).toBe('apertium');
    expect(result).toEqual({ texts: ['La Blanca Casa dijo', 'Hola Xyzzy'], characters: 31 });
    const posts = server.requests.filter((request) => request.path === '/translate');
    expect(posts).toHaveLength(2);
    expect(Object.fromEntries(new URLSearchParams(posts[0]?.body))).toMatchObject({ langpair: 'eng|spa', markUnknown: 'no', format: 'txt' });
  });

  it('reads the installed pairs once', async () => {
    server = await startFakeApertium();
    const translator = createApertiumTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    await translator.translate({ texts: ['hello'], sourceLanguage: 'en', targetLanguage: 'es' });
    await translator.translate({ texts: ['hello'], sourceLanguage: 'en', targetLanguage: 'es' });
    expect(server.requests.filter((request) => request.path === '/listPairs')).toHaveLength(1);
  });

  it('uses an installed regional variant when the plain target is missing', async () => {
    server = await startFakeApertium(['spa|eng_US']);
    const translator = createApertiumTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    await translator.translate({ texts: ['hola'], sourceLanguage: 'es', targetLanguage: 'en' });
    expect(new URLSearchParams(server.requests.at(-1)?.body).get('langpair')).toBe('spa|eng_US');
  });

  it('says plainly that there is no English to Indonesian pair', async () => {
    server = await startFakeApertium();
    const translator = createApertiumTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    const attempt = translator.translate({ texts: ['hello'], sourceLanguage: 'en', targetLanguage: 'id' });
    await expect(attempt).rejects.toMatchObject({ kind: 'permanent', code: 'unsupported-language' });
    await expect(attempt).rejects.toThrow(/no English→Indonesian pair.*KABAR_TRANSLATOR=deepl/);
    expect(server.requests.filter((request) => request.path === '/translate')).toHaveLength(0);
  });

  it('maps 503 to retryable and malformed JSON to retryable', async () => {
    server = await startFakeApertium();
    const translator = createApertiumTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    server.enqueue({ status: 200, body: '{"responseData": [' });
    await expect(translator.translate({ texts: ['hello'], sourceLanguage: 'en', targetLanguage: 'es' })).rejects.toMatchObject({
      kind: 'retryable',
      code: 'bad-response',
    });
    await translator.translate({ texts: ['hello'], sourceLanguage: 'en', targetLanguage: 'es' });
    server.enqueue({ status: 503, body: { status: 'error', code: 503, message: 'Service Unavailable', explanation: 'internal error' } });
    await expect(translator.translate({ texts: ['hello'], sourceLanguage: 'en', targetLanguage: 'es' })).rejects.toMatchObject({
      kind: 'retryable',
    });
  });
});

describe('cleanTranslation', () => {
  it('removes marks Apertium added but keeps the source’s own hashtags and handles', () => {
    expect(cleanTranslation('Hello Xyzzy', 'Hola *Xyzzy')).toBe('Hola Xyzzy');
    expect(cleanTranslation('good Tokayev', 'bueno #Tokayev @x')).toBe('bueno Tokayev x');
    expect(cleanTranslation('#peace with @un', '#paz con @un')).toBe('#paz con @un');
  });
});

describe('toApertiumLanguage', () => {
  it('maps ISO 639-1 codes and passes three-letter ones through', () => {
    expect(['en', 'es', 'ca', 'fr', 'pt-BR', 'id', 'spa'].map(toApertiumLanguage)).toEqual(['eng', 'spa', 'cat', 'fra', 'por', 'ind', 'spa']);
    expect(toApertiumLanguage('xx')).toBeUndefined();
  });
});
