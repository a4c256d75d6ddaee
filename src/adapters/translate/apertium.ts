/**
 * Apertium through its HTTP server, APY, as a {@link Translator}: free, offline, rule-based, for
 * the language pairs installed on that server (`GET /listPairs`).
 */
import { z } from 'zod';
import { KabarError } from '../../core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../../core/ports.js';
import { toApertiumLanguage } from './apertium-languages.js';
import { languageName } from './language-names.js';
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

/** Options for {@link createApertiumTranslator}. */
export interface ApertiumTranslatorOptions {
  /** APERTIUM_URL, e.g. `http://localhost:2737`. */
  baseUrl: string;
  timeoutMs: number;
  /** Apertium cannot detect languages; requests without a source language are read as this. Default `en`. */
  defaultSourceLanguage?: string;
  /** Texts translated at once. Default 4: APY queues the rest behind its pipelines anyway. */
  concurrency?: number;
  fetch?: FetchFunction;
}

const pairsSchema = z.object({
  responseData: z.array(z.object({ sourceLanguage: z.string(), targetLanguage: z.string() })),
});
const translationSchema = z.object({
  responseData: z.object({ translatedText: z.string() }),
  responseStatus: z.number(),
});

/**
 * A translator backed by an Apertium APY server. Asks for plain-text handling (`format=txt`) and
 * no unknown-word marks (`markUnknown=no`); any `*`, `#` or `@` marks that still come back are
 * removed unless the source text used that character itself. Apertium has no glossary support:
 * rely on the glossary post-check.
 *
 * @example
 * ```ts
 * const apertium = createApertiumTranslator({ baseUrl: 'http://localhost:2737', timeoutMs: 15_000 });
 * await apertium.translate({ texts: ['The White House'], sourceLanguage: 'en', targetLanguage: 'es' });
 * // { texts: ['La Casa Blanca'], characters: 15 }
 * ```
 */
export function createApertiumTranslator(options: ApertiumTranslatorOptions): Translator {
  const baseUrl = trimBaseUrl(options.baseUrl);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const edge: ProviderEdge = {
    name: 'Apertium',
    urlSetting: 'APERTIUM_URL',
    secrets: [],
    defaultRetryAfterMs: 5_000,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch ?? fetch,
  };
  let pairs: Promise<Set<string>> | undefined;

  async function loadPairs(): Promise<Set<string>> {
    const response = await send(edge, `${baseUrl}/listPairs`, { method: 'GET' });
    const failure = statusError(edge, response, errorDetail(response.body, []));
    if (failure !== undefined) throw failure;
    const { responseData } = parseBody(edge, response.body, pairsSchema);
    return new Set(responseData.map((pair) => `${pair.sourceLanguage}|${pair.targetLanguage}`));
  }

  function installedPairs(): Promise<Set<string>> {
    // Asked once per translator; a failed answer is forgotten so the next request asks again.
    pairs ??= loadPairs().catch((error: unknown) => {
      pairs = undefined;
      throw error;
    });
    return pairs;
  }

  async function translateOne(langpair: string, text: string): Promise<string> {
    const response = await send(edge, `${baseUrl}/translate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ langpair, q: text, markUnknown: 'no', format: 'txt' }).toString(),
    });
    const detail = errorDetail(response.body, []);
    if (response.status === 400 && /not installed/i.test(detail)) {
      pairs = undefined;
      throw new KabarError('permanent', `Apertium no longer has the pair ${langpair} — check the pairs installed on APERTIUM_URL`, {
        code: 'unsupported-language',
      });
    }
    const failure = statusError(edge, response, detail);
    if (failure !== undefined) throw failure;
    const { responseData, responseStatus } = parseBody(edge, response.body, translationSchema);
    if (responseStatus !== 200) {
      const inner = statusError(edge, { ...response, status: responseStatus }, detail);
      if (inner !== undefined) throw inner;
    }
    return cleanTranslation(text, responseData.translatedText);
  }

  return {
    id: 'apertium',
    async translate(request: TranslationRequest): Promise<TranslationResult> {
      if (request.texts.length === 0) return { texts: [], characters: 0 };
      const langpair = chooseLangpair(await installedPairs(), request.sourceLanguage ?? options.defaultSourceLanguage ?? 'en', request.targetLanguage);
      const texts = await mapLimited(request.texts, concurrency, (text) => (text.trim() === '' ? Promise.resolve(text) : translateOne(langpair, text)));
      return { texts, characters: countCharacters(request.texts) };
    },
  };
}

/** `eng|spa`, or the first installed variant of the target (`spa|eng_US`), or a `permanent` error saying what exists. */
function chooseLangpair(installed: ReadonlySet<string>, sourceLanguage: string, targetLanguage: string): string {
  const source = toApertiumLanguage(sourceLanguage);
  const target = toApertiumLanguage(targetLanguage);
  if (source === undefined || target === undefined) {
    const unknown = source === undefined ? sourceLanguage : targetLanguage;
    throw new KabarError('permanent', `Apertium has no language code for '${unknown}' — choose another KABAR_TRANSLATOR`, {
      code: 'unsupported-language',
    });
  }
  const exact = `${source}|${target}`;
  if (installed.has(exact)) return exact;
  const variant = [...installed].find((pair) => pair.startsWith(`${exact}_`));
  if (variant !== undefined) return variant;

  const fromSource = [...installed].filter((pair) => pair.startsWith(`${source}|`)).map((pair) => pair.split('|')[1]);
  const offered = fromSource.length === 0 ? 'none' : fromSource.join(', ');
  const hint =
    source === 'eng' && target === 'ind'
      ? 'Apertium has no English→Indonesian pair at all; use KABAR_TRANSLATOR=deepl, libretranslate or openai for Indonesian'
      : `install apertium-${source}-${target} on the Apertium server if it exists, or choose another KABAR_TRANSLATOR`;
  throw new KabarError(
    'permanent',
    `Apertium cannot translate ${languageName(source)}→${languageName(target)} (${exact}); ` +
      `targets installed for ${source}: ${offered} — ${hint}`,
    { code: 'unsupported-language' },
  );
}

// Apertium marks unknown (`*`), ungeneratable (`#`) and untranslated (`@`) words at their start.
const MARKS: readonly (readonly [string, RegExp])[] = [
  ['*', /(^|[^\p{L}\p{N}])[*](?=[\p{L}\p{N}])/gu],
  ['#', /(^|[^\p{L}\p{N}])[#](?=[\p{L}\p{N}])/gu],
  ['@', /(^|[^\p{L}\p{N}])[@](?=[\p{L}\p{N}])/gu],
];

/** Removes the word marks Apertium adds, keeping any the source text used itself (hashtags, handles). */
export function cleanTranslation(source: string, translated: string): string {
  let cleaned = translated;
  for (const [mark, pattern] of MARKS) {
    if (!source.includes(mark)) cleaned = cleaned.replace(pattern, '$1');
  }
  return source === source.trim() ? cleaned.trim() : cleaned;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
