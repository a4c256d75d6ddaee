import { afterEach, describe, expect, it } from 'vitest';
import { createLibreTranslateTranslator } from '../../../src/adapters/translate/libretranslate.js';
import { startFakeLibreTranslate } from '../../fakes/translate/fake-libretranslate.js';
import { jsonBody, type LoopbackServer } from '../../fakes/translate/loopback-server.js';
import { failureOf } from './failure-of.js';

describe('createLibreTranslateTranslator', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it('sends all texts in one documented request', async () => {
    server = await startFakeLibreTranslate({ apiKey: 'lt-secret' });
    const translator = createLibreTranslateTranslator({ baseUrl: `${server.origin}/`, apiKey: 'lt-secret', timeoutMs: 2_000 });
    const result = await translator.translate({ texts: ['Hello', 'World'], sourceLanguage: 'en-GB', targetLanguage: 'id' });
    expect(translator.id).toBe('libretranslate');
    expect(result).toEqual({ texts: ['id: Hello', 'id: World'], characters: 10 });
    expect(server.requests[0]?.path).toBe('/translate');
    expect(jsonBody(server.requests[0])).toEqual({ q: ['Hello', 'World'], source: 'en', target: 'id', format: 'text', api_key: 'lt-secret' });
  });

  it('detects the source when none is given, and accepts the single-string answer form', async () => {
    server = await startFakeLibreTranslate();
    server.enqueue({ status: 200, body: { translatedText: 'id: Hello', detectedLanguage: { confidence: 90, language: 'en' } } });
    const translator = createLibreTranslateTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    expect((await translator.translate({ texts: ['Hello'], targetLanguage: 'id' })).texts).toEqual(['id: Hello']);
    expect(jsonBody(server.requests[0])).toEqual({ q: ['Hello'], source: 'auto', target: 'id', format: 'text' });
  });

  it('reports unsupported languages and refused keys as permanent, naming the setting', async () => {
    server = await startFakeLibreTranslate({ apiKey: 'lt-secret' });
    const good = createLibreTranslateTranslator({ baseUrl: server.origin, apiKey: 'lt-secret', timeoutMs: 2_000 });
    await expect(good.translate({ texts: ['Hi'], targetLanguage: 'sw' })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'unsupported-language',
    });
    const wrong = createLibreTranslateTranslator({ baseUrl: server.origin, apiKey: 'nope-123', timeoutMs: 2_000 });
    const error = await failureOf(wrong.translate({ texts: ['Hi'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'unauthorized' });
    expect(error.message).toContain('LIBRETRANSLATE_API_KEY');
    expect(error.message).not.toContain('nope-123');
    const missing = createLibreTranslateTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    await expect(missing.translate({ texts: ['Hi'], targetLanguage: 'id' })).rejects.toThrow(/check LIBRETRANSLATE_API_KEY/);
  });

  it('maps 429, 5xx, malformed JSON and a wrong count', async () => {
    server = await startFakeLibreTranslate();
    const translator = createLibreTranslateTranslator({ baseUrl: server.origin, timeoutMs: 2_000 });
    const request = { texts: ['a', 'b'], targetLanguage: 'id' };
    server.enqueue({ status: 429, body: { error: 'Slowdown: 30 per 1 minute' } });
    await expect(translator.translate(request)).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 60_000 });
    server.enqueue({ status: 500, body: { error: 'Cannot translate text' } });
    await expect(translator.translate(request)).rejects.toMatchObject({ kind: 'retryable' });
    server.enqueue({ status: 200, body: '<html>proxy error</html>' });
    await expect(translator.translate(request)).rejects.toMatchObject({ kind: 'retryable', code: 'bad-response' });
    server.enqueue({ status: 200, body: { translatedText: ['only one'] } });
    await expect(translator.translate(request)).rejects.toMatchObject({ kind: 'retryable', code: 'bad-response' });
  });
});
