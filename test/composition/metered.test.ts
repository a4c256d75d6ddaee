/**
 * The counting decorators keep what the decorated port can do: a metered LLM still condenses and
 * applies the glossary itself, a metered DeepL still makes its glossaries.
 */
import { describe, expect, it } from 'vitest';
import { meteredTranslator } from '../../src/composition/metered.js';
import { NO_METRICS, type Metrics } from '../../src/core/metrics.js';
import { isCondensingTranslator, type CondensingTranslator } from '../../src/core/translation/condensing-translator.js';
import type { Translator } from '../../src/core/ports.js';

describe('meteredTranslator', () => {
  it('passes through glossary support and condensing, and counts characters and failures', async () => {
    const counted: string[] = [];
    const metrics: Metrics = {
      ...NO_METRICS,
      translated: (provider, characters) => counted.push(`${provider} ${characters}`),
      translationFailed: (provider) => counted.push(`${provider} failed`),
    };
    let fail = false;
    const llm: CondensingTranslator = {
      id: 'openai:model',
      usesGlossary: true,
      translate: async (request) => {
        if (fail) throw new Error('down');
        return { texts: request.texts.map((text) => `id:${text}`), characters: 5 };
      },
      condenseAndTranslate: async () => ({ title: 'judul', paragraphs: ['paragraf'] }),
    };
    const metered = meteredTranslator(llm, metrics);
    expect(metered.usesGlossary).toBe(true);
    expect(isCondensingTranslator(metered)).toBe(true);
    expect(await metered.translate({ texts: ['hello'], targetLanguage: 'id' })).toEqual({ texts: ['id:hello'], characters: 5 });
    fail = true;
    await expect(metered.translate({ texts: ['hello'], targetLanguage: 'id' })).rejects.toThrow('down');
    expect(counted).toEqual(['openai:model 5', 'openai:model failed']);

    const deepl: Translator = {
      id: 'deepl',
      translate: async () => ({ texts: [], characters: 0 }),
      prepareGlossary: async () => ({ applied: true }),
    };
    expect(await meteredTranslator(deepl, metrics).prepareGlossary?.({ sourceLanguage: 'en', targetLanguage: 'id' }, {})).toEqual({ applied: true });
  });
});
