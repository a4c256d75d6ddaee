/**
 * kabar's glossaries as DeepL glossaries (API v2: `GET /v2/glossary-language-pairs`,
 * `GET`/`POST /v2/glossaries`), so DeepL itself renders "White House" as "Gedung Putih" instead of
 * kabar hiding the term behind a placeholder, which costs DeepL the grammar around it.
 *
 * One DeepL glossary per language pair and glossary content, named `kabar <src>-<tgt> <hash>`:
 * every worker and every restart finds the one already made instead of making another. When
 * moderators edit the glossary, the next brief makes a new one; the old ones are left in the
 * account (another worker may still be using one) for the operator to delete.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { GlossaryReadiness, LanguagePair } from '../../core/ports.js';
import { baseLanguage } from '../../core/translation/glossary.js';
import { describeError } from '../../core/errors.js';
import { errorDetail, parseBody, send, statusError, type ProviderEdge } from './provider-http.js';

/** Where and how to reach DeepL's glossary endpoints. */
export interface DeepLGlossaryEndpoint {
  edge: ProviderEdge;
  baseUrl: string;
  apiKey: string;
  /** Milliseconds since the epoch; a failed pair is not asked again for an hour. */
  now?: () => number;
}

/** Glossaries DeepL holds for kabar, by language pair. */
export interface DeepLGlossaries {
  /** Makes sure DeepL holds `glossary` for `pair` (finding or creating it) and says whether it will be applied. */
  prepare(pair: LanguagePair, glossary: Readonly<Record<string, string>>): Promise<GlossaryReadiness>;
  /** The id of the glossary last prepared for `pair`, to send with its translations. */
  idFor(pair: LanguagePair): string | undefined;
  /** Forgets `pair`'s glossary (DeepL no longer has it): the next `prepare` finds or makes it again. */
  forget(pair: LanguagePair): void;
}

const RETRY_FAILED_AFTER_MS = 60 * 60_000;

const pairsSchema = z.object({
  supported_languages: z.array(z.object({ source_lang: z.string(), target_lang: z.string() })),
});
const glossarySchema = z.object({ glossary_id: z.string(), name: z.string(), source_lang: z.string(), target_lang: z.string() });
const listSchema = z.object({ glossaries: z.array(glossarySchema) });

/**
 * DeepL glossaries for kabar's glossaries. Failures never fail a translation: `prepare` answers
 * `{applied: false, reason}` and kabar falls back to placeholders.
 *
 * @example
 * ```ts
 * const glossaries = createDeepLGlossaries({ edge, baseUrl: 'https://api-free.deepl.com', apiKey });
 * await glossaries.prepare({ sourceLanguage: 'en', targetLanguage: 'id' }, { 'White House': 'Gedung Putih' });
 * glossaries.idFor({ sourceLanguage: 'en', targetLanguage: 'id' }); // 'def3a26b-...'
 * ```
 */
export function createDeepLGlossaries(endpoint: DeepLGlossaryEndpoint): DeepLGlossaries {
  const now = endpoint.now ?? Date.now;
  const headers = { Authorization: `DeepL-Auth-Key ${endpoint.apiKey}` };
  let supportedPairs: Promise<Set<string>> | undefined;
  /** Pair key -> the glossary in use: its content hash and DeepL id. */
  const prepared = new Map<string, { hash: string; id: string }>();
  /** `pair key + hash` -> when it failed and why, so a refused key is not asked on every brief. */
  const failed = new Map<string, { at: number; reason: string }>();

  async function request(path: string, init: RequestInit): Promise<string> {
    const response = await send(endpoint.edge, `${endpoint.baseUrl}${path}`, { ...init, headers: { ...headers, ...init.headers } });
    const failure = statusError(endpoint.edge, response, errorDetail(response.body, endpoint.edge.secrets));
    if (failure !== undefined) throw failure;
    return response.body;
  }

  async function pairs(): Promise<Set<string>> {
    supportedPairs ??= request('/v2/glossary-language-pairs', { method: 'GET' }).then((body) => {
      const { supported_languages } = parseBody(endpoint.edge, body, pairsSchema);
      return new Set(supported_languages.map((pair) => pairKey({ sourceLanguage: pair.source_lang, targetLanguage: pair.target_lang })));
    });
    try {
      return await supportedPairs;
    } catch (error) {
      supportedPairs = undefined;
      throw error;
    }
  }

  async function findOrCreate(pair: LanguagePair, name: string, entries: string): Promise<string> {
    const { glossaries } = parseBody(endpoint.edge, await request('/v2/glossaries', { method: 'GET' }), listSchema);
    const existing = glossaries.find(
      (glossary) => glossary.name === name && pairKey({ sourceLanguage: glossary.source_lang, targetLanguage: glossary.target_lang }) === pairKey(pair),
    );
    if (existing !== undefined) return existing.glossary_id;
    const body = await request('/v2/glossaries', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name,
        source_lang: baseLanguage(pair.sourceLanguage),
        target_lang: baseLanguage(pair.targetLanguage),
        entries,
        entries_format: 'tsv',
      }),
    });
    return parseBody(endpoint.edge, body, glossarySchema).glossary_id;
  }

  return {
    async prepare(pair, glossary) {
      const key = pairKey(pair);
      const entries = tsvEntries(glossary);
      if (entries === '') return { applied: false, reason: 'no glossary entry DeepL can take' };
      const hash = createHash('sha256').update(`${key}\n${entries}`).digest('hex').slice(0, 12);
      if (prepared.get(key)?.hash === hash) return { applied: true };
      const version = `${key} ${hash}`;
      const failure = failed.get(version);
      if (failure !== undefined && now() - failure.at < RETRY_FAILED_AFTER_MS) return { applied: false, reason: failure.reason };
      try {
        if (!(await pairs()).has(key)) {
          const reason = `DeepL offers no glossaries for ${key}`;
          failed.set(version, { at: now(), reason });
          return { applied: false, reason };
        }
        const id = await findOrCreate(pair, `kabar ${version}`, entries);
        prepared.set(key, { hash, id });
        return { applied: true };
      } catch (error) {
        const reason = `DeepL glossary for ${key} unavailable: ${describeError(error)}`;
        failed.set(version, { at: now(), reason });
        return { applied: false, reason };
      }
    },
    idFor(pair) {
      return prepared.get(pairKey(pair))?.id;
    },
    forget(pair) {
      prepared.delete(pairKey(pair));
    },
  };
}

function pairKey(pair: LanguagePair): string {
  return `${baseLanguage(pair.sourceLanguage)}-${baseLanguage(pair.targetLanguage)}`;
}

/**
 * The glossary as DeepL's TSV, sorted so the same glossary always hashes the same. DeepL refuses
 * a whole glossary for one bad entry, so entries it would refuse (tabs, line breaks, blank sides)
 * are left out; kabar's placeholders never cover for them, but the post-check still reports them.
 */
export function tsvEntries(glossary: Readonly<Record<string, string>>): string {
  const bySource = new Map<string, string>();
  for (const [source, target] of Object.entries(glossary)) {
    // DeepL also refuses a source term given twice; the later entry wins, as in kabar's own lookups.
    bySource.set(source.trim(), target.trim());
  }
  return [...bySource]
    .filter(([source, target]) => source !== '' && target !== '' && !/[\t\r\n\p{Cc}]/u.test(source + target))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([source, target]) => `${source}\t${target}`)
    .join('\n');
}
