import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApertiumTranslator } from '../../../src/adapters/translate/apertium.js';
import { createDeepLTranslator } from '../../../src/adapters/translate/deepl.js';
import { createLibreTranslateTranslator } from '../../../src/adapters/translate/libretranslate.js';
import { createOpenAiTranslator } from '../../../src/adapters/translate/openai.js';
import { startFakeLibreTranslate } from '../../fakes/translate/fake-libretranslate.js';
import type { LoopbackServer } from '../../fakes/translate/loopback-server.js';
import { failureOf } from './failure-of.js';

// Timeouts and network failures are handled once for all providers; these tests drive them
// through real providers against real sockets.
describe('the providers’ HTTP edge', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it('turns a server that answers too late into a retryable timeout', async () => {
    server = await startFakeLibreTranslate();
    server.enqueue({ status: 200, body: { translatedText: ['late'] }, delayMs: 1_000 });
    const translator = createLibreTranslateTranslator({ baseUrl: server.origin, timeoutMs: 100 });
    const error = await failureOf(translator.translate({ texts: ['x'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'retryable', code: 'timeout' });
    expect(error.message).toMatch(/LibreTranslate did not answer within 100 ms.*KABAR_TRANSLATE_TIMEOUT/);
  });

  it('times out a body that stalls after the headers', async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"responseData": [');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalling.address() as AddressInfo;
      const translator = createApertiumTranslator({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 150 });
      await expect(translator.translate({ texts: ['x'], sourceLanguage: 'en', targetLanguage: 'es' })).rejects.toMatchObject({
        kind: 'retryable',
        code: 'timeout',
      });
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });

  it('turns a refused connection into a retryable network error naming the setting, never the key', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const translator = createDeepLTranslator({ apiKey: 'secret-key:fx', baseUrl: `http://127.0.0.1:${port}/`, timeoutMs: 2_000 });
    const error = await failureOf(translator.translate({ texts: ['x'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'retryable', code: 'network' });
    expect(error.message).toContain(`could not reach DeepL at http://127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('DEEPL_API_URL');
    expect(error.message).not.toContain('secret-key');
  });

  it('names the address of a server called after it once, not twice (the OpenAI-compatible edge)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const translator = createOpenAiTranslator({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'qwen2.5:7b', mode: 'translate', timeoutMs: 2_000 });
    const error = await failureOf(translator.translate({ texts: ['x'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'retryable', code: 'network' });
    expect(error.message).toMatch(new RegExp(`^could not reach the model server at http://127\\.0\\.0\\.1:${port}/v1: ECONNREFUSED — check OPENAI_BASE_URL`));
    expect(error.message.split(`127.0.0.1:${port}`)).toHaveLength(2);
  });

  it('refuses, without repeating them, credentials written into a service URL', async () => {
    const translator = createLibreTranslateTranslator({ baseUrl: 'http://admin:hunter2@127.0.0.1:9/', timeoutMs: 2_000 });
    const error = await failureOf(translator.translate({ texts: ['x'], targetLanguage: 'id' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'config' });
    expect(error.message).toContain('LIBRETRANSLATE_URL');
    expect(error.message).not.toContain('hunter2');
  });
});
