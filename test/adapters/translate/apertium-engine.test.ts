/**
 * createApertiumTranslator against a real apertium-apy with apertium-eng-spa. CI installs both
 * and sets CI=true, which turns a missing engine into a failure; elsewhere the suite is skipped.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApertiumTranslator } from '../../../src/adapters/translate/apertium.js';
import type { Translator } from '../../../src/core/ports.js';
import { findApertium, startApertium, type ApertiumServer } from '../../support/apertium.js';

const engine = findApertium('eng-spa');
const required = process.env.CI === 'true';

describe.runIf(engine.available || required)('createApertiumTranslator with a real apertium-apy', () => {
  let server: ApertiumServer | undefined;
  let translator: Translator;

  beforeAll(async () => {
    if (!engine.available) throw new Error(`CI=true but the Apertium engine is missing: ${engine.reason}`);
    server = await startApertium(engine.executable, engine.modesDir);
    translator = createApertiumTranslator({ baseUrl: server.baseUrl, timeoutMs: 15_000 });
  });
  afterAll(() => server?.stop());

  it('translates English news sentences into sensible Spanish', async () => {
    const texts = [
      'The White House said on Thursday that Kazakhstan will join the agreement.',
      'The foreign ministers signed an agreement on critical minerals.',
      'The 3,000 delegates met in Washington & New York.',
    ];
    const result = await translator.translate({ texts, sourceLanguage: 'en', targetLanguage: 'es' });
    expect(result.characters).toBe(texts.join('').length);
    const [first, second, third] = result.texts;
    expect(first).toContain('Casa Blanca');
    expect(first).toMatch(/jueves/);
    expect(second).toMatch(/ministros/);
    expect(second).toMatch(/acuerdo/);
    // format=txt: '&' stays a character, not an HTML entity, and numbers come through.
    expect(third).toContain('3,000');
    expect(third).toContain('&');
  });

  it('removes the unknown-word marks', async () => {
    const { texts } = await translator.translate({ texts: ['Hello Xyzzyq'], sourceLanguage: 'en', targetLanguage: 'es' });
    expect(texts).toEqual(['Hola Xyzzyq']);
  });

  it('refuses English to Indonesian, which Apertium does not have', async () => {
    await expect(translator.translate({ texts: ['Hello'], sourceLanguage: 'en', targetLanguage: 'id' })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'unsupported-language',
    });
  });

  it('listens on the loopback address only', async () => {
    const port = new URL(server?.baseUrl ?? 'http://x').port;
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
    expect(server?.commandLine).toContain("'127.0.0.1'");
    // Only meaningful on a machine with a non-loopback address; containers without one skip this part.
    if (outside !== undefined) {
      await expect(fetch(`http://${outside.address}:${port}/listPairs`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
  });
});
