/**
 * LibreTranslate (`POST /translate`, JSON) as a {@link Translator}: self-hosted or
 * libretranslate.com.
 */
import { z } from 'zod';
import { KabarError } from '../../core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../../core/ports.js';
import { baseLanguage } from '../../core/translation/glossary.js';
import {
  countCharacters,
  errorDetail,
  parseBody,
  send,
  statusError,
  trimBaseUrl,
  type FetchFunction,
  type ProviderEdge,
} from './provider-http.js';

/** Options for {@link createLibreTranslateTranslator}. */
export interface LibreTranslateTranslatorOptions {
  /** LIBRETRANSLATE_URL, e.g. `http://localhost:5000`. */
  baseUrl: string;
  /** LIBRETRANSLATE_API_KEY, for servers that require one (libretranslate.com does). */
  apiKey?: string;
  timeoutMs: number;
  fetch?: FetchFunction;
}

const responseSchema = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

/**
 * A translator backed by LibreTranslate. All texts go in one request (`q` as a list); the source
 * language is `auto` when the request does not name one. LibreTranslate has no glossary support:
 * rely on the glossary post-check.
 *
 * @example
 * ```ts
 * const libre = createLibreTranslateTranslator({ baseUrl: 'http://localhost:5000', timeoutMs: 15_000 });
 * ```
 */
export function createLibreTranslateTranslator(options: LibreTranslateTranslatorOptions): Translator {
  const baseUrl = trimBaseUrl(options.baseUrl);
  const edge: ProviderEdge = {
    name: 'LibreTranslate',
    urlSetting: 'LIBRETRANSLATE_URL',
    keySetting: 'LIBRETRANSLATE_API_KEY',
    secrets: options.apiKey === undefined ? [] : [options.apiKey],
    // Its limits are per minute and it sends no Retry-After.
    defaultRetryAfterMs: 60_000,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch ?? fetch,
  };

  return {
    id: 'libretranslate',
    async translate(request: TranslationRequest): Promise<TranslationResult> {
      if (request.texts.length === 0) return { texts: [], characters: 0 };
      const source = request.sourceLanguage === undefined ? 'auto' : baseLanguage(request.sourceLanguage);
      const target = baseLanguage(request.targetLanguage);
      const response = await send(edge, `${baseUrl}/translate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          q: request.texts,
          source,
          target,
          format: 'text',
          ...(options.apiKey === undefined ? {} : { api_key: options.apiKey }),
        }),
      });
      const failure = libreError(edge, response.status, response.body, `${source}→${target}`) ?? statusError(edge, response, errorDetail(response.body, edge.secrets));
      if (failure !== undefined) throw failure;

      const { translatedText } = parseBody(edge, response.body, responseSchema);
      const texts = typeof translatedText === 'string' ? [translatedText] : translatedText;
      if (texts.length !== request.texts.length) {
        throw new KabarError('retryable', `LibreTranslate returned ${texts.length} translations for ${request.texts.length} texts`, {
          code: 'bad-response',
        });
      }
      return { texts, characters: countCharacters(request.texts) };
    },
  };
}

function libreError(edge: ProviderEdge, status: number, body: string, pair: string): KabarError | undefined {
  if (status !== 400) return undefined;
  const detail = errorDetail(body, edge.secrets);
  if (/not supported/i.test(detail)) {
    return new KabarError(
      'permanent',
      `400 from LibreTranslate: ${detail} — this server cannot translate ${pair}; see its GET /languages, or load more languages`,
      { code: 'unsupported-language' },
    );
  }
  // Servers started with --api-keys answer a missing or unknown key with 400, not 401.
  if (/api[_ ]?key/i.test(detail)) {
    return new KabarError('permanent', `400 from LibreTranslate: ${detail} — check LIBRETRANSLATE_API_KEY`, {
      code: 'unauthorized',
    });
  }
  return undefined;
}
