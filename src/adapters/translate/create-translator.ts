/**
 * Picks and builds the configured translation provider. `src/config.ts` fills
 * {@link TranslatorSettings} from the environment; `main.ts` calls {@link createTranslator}.
 */
import { KabarError } from '../../core/errors.js';
import type { Translator } from '../../core/ports.js';
import { createApertiumTranslator } from './apertium.js';
import { createDeepLTranslator } from './deepl.js';
import { createLibreTranslateTranslator } from './libretranslate.js';
import { createNoneTranslator } from './none.js';
import { createOpenAiTranslator, type OpenAiMode } from './openai.js';
import type { FetchFunction } from './provider-http.js';
import { translatorNames, type TranslatorName } from './translator-names.js';

export { translatorNames, type TranslatorName } from './translator-names.js';

/**
 * Translation settings, one field per environment variable. Only the chosen provider's fields
 * are read.
 */
export interface TranslatorSettings {
  /** KABAR_TRANSLATOR. */
  translator: TranslatorName;
  /** KABAR_TRANSLATE_TIMEOUT; default 60 000 for `openai` (models write slowly), 15 000 otherwise. */
  timeoutMs?: number;
  /** OPENAI_BASE_URL; default `https://api.openai.com/v1`. */
  openaiBaseUrl?: string;
  /** OPENAI_API_KEY; required for api.openai.com and openrouter.ai, optional for local servers. */
  openaiApiKey?: string;
  /** OPENAI_MODEL; required with `openai`. */
  openaiModel?: string;
  /** OPENAI_MODE; default `translate`. */
  openaiMode?: OpenAiMode;
  /** DEEPL_API_KEY; required with `deepl`. */
  deeplApiKey?: string;
  /** DEEPL_API_URL; default chosen from the key (`:fx` -> free API). */
  deeplApiUrl?: string;
  /** LIBRETRANSLATE_URL; required with `libretranslate`. */
  libreTranslateUrl?: string;
  /** LIBRETRANSLATE_API_KEY. */
  libreTranslateApiKey?: string;
  /** APERTIUM_URL; required with `apertium`. */
  apertiumUrl?: string;
  /** For tests: replaces the global `fetch`. */
  fetch?: FetchFunction;
}

const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
// Hosted endpoints that always want a key; local servers (Ollama, vLLM, LM Studio) usually do not.
const HOSTS_NEEDING_KEY = ['api.openai.com', 'openrouter.ai'];

/**
 * Builds the translator `settings.translator` names. A missing required setting is a `permanent`
 * error naming the environment variable to set.
 *
 * @example
 * ```ts
 * const translator = createTranslator({ translator: 'deepl', deeplApiKey: 'abc:fx' });
 * translator.id; // 'deepl'
 * ```
 */
export function createTranslator(settings: TranslatorSettings): Translator {
  const fetchOption = settings.fetch === undefined ? {} : { fetch: settings.fetch };
  const timeoutMs = settings.timeoutMs ?? (settings.translator === 'openai' ? 60_000 : 15_000);
  switch (settings.translator) {
    case 'none':
      return createNoneTranslator();
    case 'openai': {
      const baseUrl = settings.openaiBaseUrl ?? OPENAI_DEFAULT_BASE_URL;
      const model = required(settings.openaiModel, 'OPENAI_MODEL', 'the model name, e.g. gpt-4o-mini, or qwen2.5:7b for Ollama');
      if (settings.openaiApiKey === undefined && HOSTS_NEEDING_KEY.some((host) => hostOf(baseUrl).endsWith(host))) {
        throw missing('OPENAI_API_KEY', `your API key for ${hostOf(baseUrl)}`);
      }
      return createOpenAiTranslator({
        baseUrl,
        model,
        mode: settings.openaiMode ?? 'translate',
        timeoutMs,
        ...(settings.openaiApiKey === undefined ? {} : { apiKey: settings.openaiApiKey }),
        ...fetchOption,
      });
    }
    case 'deepl':
      return createDeepLTranslator({
        apiKey: required(settings.deeplApiKey, 'DEEPL_API_KEY', 'your DeepL API key'),
        timeoutMs,
        ...(settings.deeplApiUrl === undefined ? {} : { baseUrl: settings.deeplApiUrl }),
        ...fetchOption,
      });
    case 'libretranslate':
      return createLibreTranslateTranslator({
        baseUrl: required(settings.libreTranslateUrl, 'LIBRETRANSLATE_URL', 'the server address, e.g. http://localhost:5000'),
        timeoutMs,
        ...(settings.libreTranslateApiKey === undefined ? {} : { apiKey: settings.libreTranslateApiKey }),
        ...fetchOption,
      });
    case 'apertium':
      return createApertiumTranslator({
        baseUrl: required(settings.apertiumUrl, 'APERTIUM_URL', 'the APY server address, e.g. http://localhost:2737'),
        timeoutMs,
        ...fetchOption,
      });
    default:
      throw new KabarError(
        'permanent',
        `unknown translator '${String(settings.translator satisfies never)}' — set KABAR_TRANSLATOR to one of ${translatorNames.join(', ')}`,
        { code: 'config' },
      );
  }
}

function required(value: string | undefined, envVar: string, what: string): string {
  if (value === undefined || value.trim() === '') throw missing(envVar, what);
  return value;
}

function missing(envVar: string, what: string): KabarError {
  return new KabarError('permanent', `${envVar} is not set — set it to ${what}, or choose another KABAR_TRANSLATOR`, {
    code: 'config',
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    throw new KabarError('permanent', `OPENAI_BASE_URL is not a URL — set it to e.g. ${OPENAI_DEFAULT_BASE_URL}`, { code: 'config' });
  }
}
