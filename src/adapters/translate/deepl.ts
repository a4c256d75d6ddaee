/**
 * DeepL API v2 (`POST /v2/translate`, JSON body) as a {@link Translator}.
 *
 * kabar's glossary goes to DeepL as a DeepL glossary where DeepL offers one for the language pair
 * and the key may create it (`deepl-glossaries.ts`); elsewhere kabar protects the terms with
 * placeholders. Glossaries already made in the account can also be named by id.
 */
import { z } from 'zod';
import { KabarError } from '../../core/errors.js';
import type { LanguagePair, TranslationRequest, TranslationResult, Translator } from '../../core/ports.js';
import { baseLanguage } from '../../core/translation/glossary.js';
import { createDeepLGlossaries, type DeepLGlossaries } from './deepl-glossaries.js';
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

/** DeepL's formality setting; the `prefer_` forms fall back silently where unsupported. */
export type DeepLFormality = 'more' | 'less' | 'prefer_more' | 'prefer_less';

/** A glossary already created in the DeepL account, for one language pair. */
export interface DeepLGlossary {
  /** Base language codes, e.g. `en` and `id`. */
  sourceLanguage: string;
  targetLanguage: string;
  /** The `glossary_id` DeepL returned when it was created. */
  id: string;
}

/** Options for {@link createDeepLTranslator}. */
export interface DeepLTranslatorOptions {
  /** DEEPL_API_KEY. Keys ending in `:fx` belong to the free API. */
  apiKey: string;
  /** DEEPL_API_URL; default `https://api-free.deepl.com` for `:fx` keys, else `https://api.deepl.com`. */
  baseUrl?: string;
  timeoutMs: number;
  /** Sent only for target languages that support it (German, French, Spanish...; not Indonesian). */
  formality?: DeepLFormality;
  /**
   * Glossaries already in the account, used when a request's language pair matches (needs the
   * request's source language); other pairs get one made from kabar's glossary.
   */
  glossaries?: readonly DeepLGlossary[];
  fetch?: FetchFunction;
}

// DeepL accepts at most 50 texts and 128 KiB per request; stay below the byte limit with room for the JSON around them.
const MAX_TEXTS_PER_REQUEST = 50;
const MAX_TEXT_BYTES_PER_REQUEST = 100_000;
// From DeepL's documentation of the `formality` parameter.
const FORMALITY_TARGETS = new Set(['DE', 'FR', 'IT', 'ES', 'ES-419', 'NL', 'PL', 'PT-BR', 'PT-PT', 'JA', 'RU']);
// Plain EN, PT and ZH are deprecated as targets: DeepL wants a variant.
const DEFAULT_VARIANTS: Readonly<Record<string, string>> = { EN: 'EN-US', PT: 'PT-BR', ZH: 'ZH-HANS' };

const responseSchema = z.object({
  translations: z.array(z.object({ text: z.string(), detected_source_language: z.string().optional() })),
});

/**
 * A translator backed by DeepL. Sends texts in batches of at most 50; characters are counted as
 * DeepL bills them (Unicode code points of the source texts).
 *
 * @example
 * ```ts
 * const deepl = createDeepLTranslator({ apiKey: settings.deeplApiKey, timeoutMs: 15_000 });
 * const { texts } = await deepl.translate({ texts: ['The White House said'], sourceLanguage: 'en', targetLanguage: 'id' });
 * ```
 */
export function createDeepLTranslator(options: DeepLTranslatorOptions): Translator {
  const baseUrl = trimBaseUrl(
    options.baseUrl ?? (options.apiKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'),
  );
  const edge: ProviderEdge = {
    name: 'DeepL',
    urlSetting: 'DEEPL_API_URL',
    keySetting: 'DEEPL_API_KEY',
    secrets: [options.apiKey],
    defaultRetryAfterMs: 10_000,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch ?? fetch,
  };

  const made = createDeepLGlossaries({ edge, baseUrl, apiKey: options.apiKey });

  async function translateBatch(texts: readonly string[], fields: Record<string, string>, pair: LanguagePair | undefined): Promise<string[]> {
    const response = await send(edge, `${baseUrl}/v2/translate`, {
      method: 'POST',
      headers: { Authorization: `DeepL-Auth-Key ${options.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: texts, ...fields }),
    });
    if (response.status === 404 && fields.glossary_id !== undefined && pair !== undefined && made.idFor(pair) === fields.glossary_id) {
      // Deleted from the account since kabar made it: the retry finds or makes it again.
      made.forget(pair);
      throw new KabarError('retryable', `DeepL no longer has kabar's glossary ${fields.glossary_id}; it is made again on the next try`, {
        code: 'glossary-missing',
      });
    }
    const failure = deepLError(edge, response.status, response.body) ?? statusError(edge, response, errorDetail(response.body, edge.secrets));
    if (failure !== undefined) throw failure;
    const { translations } = parseBody(edge, response.body, responseSchema);
    if (translations.length !== texts.length) {
      throw new KabarError('retryable', `DeepL returned ${translations.length} translations for ${texts.length} texts`, {
        code: 'bad-response',
      });
    }
    return translations.map((translation) => translation.text);
  }

  return {
    id: 'deepl',
    async prepareGlossary(pair, glossary) {
      if (configuredGlossary(pair, options) !== undefined) return { applied: true };
      return made.prepare(pair, glossary);
    },
    async translate(request: TranslationRequest): Promise<TranslationResult> {
      if (request.texts.length === 0) return { texts: [], characters: 0 };
      const fields = requestFields(request, options, made);
      const pair = request.sourceLanguage === undefined ? undefined : { sourceLanguage: request.sourceLanguage, targetLanguage: request.targetLanguage };
      const texts: string[] = [];
      for (const batch of batches(request.texts)) texts.push(...(await translateBatch(batch, fields, pair)));
      return { texts, characters: countCharacters(request.texts) };
    },
  };
}

/** DeepL's target code for a base or regional language code: `id` -> `ID`, `en` -> `EN-US`, `pt-pt` -> `PT-PT`. */
export function deepLTargetLanguage(code: string): string {
  const upper = code.toUpperCase().replace('_', '-');
  return DEFAULT_VARIANTS[upper] ?? upper;
}

function requestFields(request: TranslationRequest, options: DeepLTranslatorOptions, made: DeepLGlossaries): Record<string, string> {
  const target = deepLTargetLanguage(request.targetLanguage);
  const fields: Record<string, string> = { target_lang: target };
  if (request.sourceLanguage !== undefined) fields.source_lang = baseLanguage(request.sourceLanguage).toUpperCase();
  if (options.formality !== undefined && FORMALITY_TARGETS.has(target)) fields.formality = options.formality;
  // DeepL takes a glossary only with a source language.
  if (request.sourceLanguage !== undefined) {
    const pair = { sourceLanguage: request.sourceLanguage, targetLanguage: request.targetLanguage };
    const glossaryId = configuredGlossary(pair, options)?.id ?? made.idFor(pair);
    if (glossaryId !== undefined) fields.glossary_id = glossaryId;
  }
  return fields;
}

function configuredGlossary(pair: LanguagePair, options: DeepLTranslatorOptions): DeepLGlossary | undefined {
  return options.glossaries?.find(
    (candidate) =>
      baseLanguage(candidate.sourceLanguage) === baseLanguage(pair.sourceLanguage) &&
      baseLanguage(candidate.targetLanguage) === baseLanguage(pair.targetLanguage),
  );
}

function* batches(texts: readonly string[]): Generator<string[]> {
  let batch: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const size = Buffer.byteLength(text, 'utf8');
    if (batch.length > 0 && (batch.length === MAX_TEXTS_PER_REQUEST || bytes + size > MAX_TEXT_BYTES_PER_REQUEST)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(text);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function deepLError(edge: ProviderEdge, status: number, body: string): KabarError | undefined {
  if (status === 456) {
    return new KabarError(
      'permanent',
      '456 from DeepL: the character quota for this billing period is used up — wait for the next period, ' +
        'raise the limit in your DeepL account, or set KABAR_TRANSLATOR to another provider',
      { code: 'quota-exceeded' },
    );
  }
  if (status === 403) {
    return new KabarError(
      'permanent',
      '403 from DeepL: the API key was refused — check DEEPL_API_KEY (free keys end in :fx and use ' +
        'api-free.deepl.com; set DEEPL_API_URL only for another host)',
      { code: 'unauthorized' },
    );
  }
  if (status === 529) {
    // DeepL's own "too many requests" code, with the same meaning as 429.
    return new KabarError('rate-limited', '529 from DeepL: too many requests', {
      code: 'rate-limited',
      retryAfterMs: edge.defaultRetryAfterMs,
    });
  }
  if (status === 413) {
    return new KabarError('permanent', '413 from DeepL: a text is larger than DeepL accepts in one request', {
      code: 'too-large',
    });
  }
  if (status === 400) {
    const detail = errorDetail(body, edge.secrets);
    if (/(target|source)_lang/i.test(detail)) {
      return new KabarError('permanent', `400 from DeepL: ${detail} — DeepL does not offer this language pair`, {
        code: 'unsupported-language',
      });
    }
  }
  return undefined;
}
