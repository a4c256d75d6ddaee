import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/adapters/translate/create-translator.js';
import { createNoneTranslator } from '../../../src/adapters/translate/none.js';
import { KabarError } from '../../../src/core/errors.js';
import { isCondensingTranslator } from '../../../src/core/translation/condensing-translator.js';

describe('createTranslator', () => {
  it('builds the named provider', () => {
    expect(createTranslator({ translator: 'none' }).id).toBe('none');
    expect(createTranslator({ translator: 'deepl', deeplApiKey: 'k:fx' }).id).toBe('deepl');
    expect(createTranslator({ translator: 'libretranslate', libreTranslateUrl: 'http://localhost:5000' }).id).toBe('libretranslate');
    expect(createTranslator({ translator: 'apertium', apertiumUrl: 'http://localhost:2737' }).id).toBe('apertium');
    const ollama = createTranslator({
      translator: 'openai',
      openaiBaseUrl: 'http://localhost:11434/v1',
      openaiModel: 'qwen2.5:7b',
      openaiMode: 'condense-translate',
    });
    expect(ollama.id).toBe('openai:qwen2.5:7b');
    expect(isCondensingTranslator(ollama)).toBe(true);
  });

  it.each([
    [{ translator: 'deepl' as const }, 'DEEPL_API_KEY'],
    [{ translator: 'libretranslate' as const }, 'LIBRETRANSLATE_URL'],
    [{ translator: 'apertium' as const }, 'APERTIUM_URL'],
    [{ translator: 'openai' as const }, 'OPENAI_MODEL'],
    [{ translator: 'openai' as const, openaiModel: 'gpt-4o-mini' }, 'OPENAI_API_KEY'],
    [{ translator: 'openai' as const, openaiModel: 'x', openaiBaseUrl: 'https://openrouter.ai/api/v1' }, 'OPENAI_API_KEY'],
  ])('names the missing setting: %j', (settings, envVar) => {
    const attempt = () => createTranslator(settings);
    expect(attempt).toThrow(KabarError);
    expect(attempt).toThrow(new RegExp(`^${envVar} is not set`));
  });

  it('rejects an unknown provider name, listing the valid ones', () => {
    // Settings come from the environment; a typo must not become a silent no-op.
    const settings = { translator: 'google' } as unknown as Parameters<typeof createTranslator>[0];
    expect(() => createTranslator(settings)).toThrow(/KABAR_TRANSLATOR to one of none, openai, deepl, libretranslate, apertium/);
  });
});

describe('createNoneTranslator', () => {
  it('returns the texts unchanged, at no cost', async () => {
    const texts = ['Kazakhstan set to join', 'Body.'];
    const result = await createNoneTranslator().translate({ texts, targetLanguage: 'id' });
    expect(result).toEqual({ texts, characters: 0 });
    expect(result.texts).not.toBe(texts);
  });
});
