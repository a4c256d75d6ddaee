/**
 * Turning a condensed article into a brief body in one target language, paying for each text
 * once: translations are cached by (provider and model, target language, source texts).
 */
import type { Article } from '../../core/article.js';
import { shortHash } from '../../core/short-hash.js';
import type { CondensedArticle } from '../../core/briefs/condense.js';
import { checkGlossary } from '../../core/translation/check-glossary.js';
import { protectGlossaryTerms } from '../../core/translation/protect-terms.js';
import { isCondensingTranslator } from '../../core/translation/condensing-translator.js';
import { checkFaithfulness } from '../../core/translation/faithfulness.js';
import { relevantGlossary, type Glossary } from '../../core/translation/glossary.js';
import type { Clock, Logger, TranslationCache, Translator, UsageMeter } from '../../core/ports.js';

/** Everything {@link translateBody} needs. */
export interface TranslateBodyDeps {
  translator: Translator;
  cache: TranslationCache;
  usage: UsageMeter;
  clock: Clock;
  log: Logger;
  /** The glossary for a target language (shipped entries plus the moderators' own). */
  glossary: (targetLanguage: string) => Promise<Glossary>;
}

/** A brief body in some language. */
export interface BriefBody {
  title: string;
  paragraphs: string[];
  /** The language the body is in. */
  language: string;
  /** False when the body stayed in the article's language (translator `none`, or same language). */
  translated: boolean;
}

/**
 * The body of `article`'s brief in `targetLanguage`.
 *
 * - Same language, unknown source language with translator `none`, or translator `none`: the
 *   condensed text as is.
 * - A condensing provider (LLM in `condense-translate` mode) gets the whole article and must pass
 *   the faithfulness guard (every name and number in the source); it gets one more try, then the
 *   extractive sentences are translated instead.
 * - Any other provider translates the extractive sentences, title first.
 *
 * Provider errors are thrown as they come (`KabarError` kinds), for the job to retry; the caller
 * decides what happens when retries run out.
 */
export async function translateBody(
  article: Article,
  condensed: CondensedArticle,
  targetLanguage: string,
  deps: TranslateBodyDeps,
): Promise<BriefBody> {
  const source = article.language;
  if (deps.translator.id === 'none' || source === targetLanguage) {
    return { ...condensed, language: source ?? targetLanguage, translated: false };
  }
  const glossary = await deps.glossary(targetLanguage);

  if (isCondensingTranslator(deps.translator)) {
    const condensedByModel = await condenseWithModel(article, targetLanguage, glossary, deps);
    if (condensedByModel) return condensedByModel;
  }

  const texts = [condensed.title, ...condensed.paragraphs];
  const [title = condensed.title, ...paragraphs] = await translateCached(texts, source, targetLanguage, glossary, deps);
  return { title, paragraphs, language: targetLanguage, translated: true };
}

/**
 * True when the provider applies the glossary itself: an LLM told the terms, or DeepL holding the
 * whole glossary of the pair (one provider glossary per pair, reused until moderators edit it,
 * rather than one per set of terms a brief happens to contain).
 */
async function providerAppliesGlossary(
  deps: TranslateBodyDeps,
  sourceLanguage: string | undefined,
  targetLanguage: string,
  glossary: Glossary,
  wanted: Glossary,
): Promise<boolean> {
  if (deps.translator.usesGlossary === true) return true;
  if (deps.translator.prepareGlossary === undefined || sourceLanguage === undefined || Object.keys(wanted).length === 0) return false;
  const readiness = await deps.translator.prepareGlossary({ sourceLanguage, targetLanguage }, glossary);
  if (!readiness.applied) {
    deps.log.debug('provider glossary unavailable; protecting glossary terms with placeholders', {
      provider: deps.translator.id,
      sourceLanguage,
      targetLanguage,
      reason: readiness.reason,
    });
  }
  return readiness.applied;
}

async function translateCached(
  texts: string[],
  sourceLanguage: string | undefined,
  targetLanguage: string,
  glossary: Glossary,
  deps: TranslateBodyDeps,
): Promise<string[]> {
  const key = cacheKey(deps.translator.id, targetLanguage, texts);
  const cached = await deps.cache.get(key);
  if (cached && cached.length === texts.length) return cached;

  const wanted = relevantGlossary(texts, glossary);
  // An engine that cannot take a glossary never sees the terms: placeholders go in, renderings come back.
  const applied = await providerAppliesGlossary(deps, sourceLanguage, targetLanguage, glossary, wanted);
  const guarded = applied ? undefined : protectGlossaryTerms(texts, wanted);
  const result = await deps.translator.translate({
    texts: guarded?.texts ?? texts,
    targetLanguage,
    ...(sourceLanguage === undefined ? {} : { sourceLanguage }),
    ...(Object.keys(wanted).length === 0 ? {} : { glossary: wanted }),
  });
  await recordUsage(deps, result.characters, result.tokens);
  const translated = guarded === undefined ? result.texts : guarded.restore(result.texts);
  const missed = checkGlossary(texts, translated, wanted);
  if (missed.length > 0) {
    // One line per brief, each term once, however many paragraphs it was missed in.
    deps.log.warn('translation ignored the glossary', {
      provider: deps.translator.id,
      targetLanguage,
      missed: [...new Set(missed.map((violation) => `${violation.term} -> ${violation.expected}`))],
    });
  }
  await deps.cache.set(key, translated);
  return translated;
}

async function condenseWithModel(
  article: Article,
  targetLanguage: string,
  glossary: Glossary,
  deps: TranslateBodyDeps,
): Promise<BriefBody | undefined> {
  if (!isCondensingTranslator(deps.translator)) return undefined;
  const paragraphs = (article.content || article.summary).split(/\n{2,}/).filter((paragraph) => paragraph.trim());
  const sourceText = [article.title, ...paragraphs].join('\n');
  // A model brief is the costliest call kabar makes: a retried job must not pay for it twice.
  const key = cacheKey(`${deps.translator.id}|condense`, targetLanguage, [sourceText]);
  const cached = await deps.cache.get(key);
  if (cached && cached.length >= 2) {
    const [title = '', ...body] = cached;
    return { title, paragraphs: body, language: targetLanguage, translated: true };
  }
  const wanted = relevantGlossary([sourceText], glossary);
  for (let attempt = 1; attempt <= 2; attempt++) {
    const output = await deps.translator.condenseAndTranslate({
      title: article.title,
      paragraphs,
      targetLanguage,
      maxParagraphs: 11,
      glossary: wanted,
      ...(article.language === undefined ? {} : { sourceLanguage: article.language }),
    });
    await recordUsage(deps, sourceText.length, output.tokens);
    const verdict = checkFaithfulness({ source: sourceText, output: [output.title, ...output.paragraphs], glossary });
    if (verdict.ok) {
      await deps.cache.set(key, [output.title, ...output.paragraphs]);
      return { title: output.title, paragraphs: output.paragraphs, language: targetLanguage, translated: true };
    }
    deps.log.warn('model brief rejected: names or numbers not in the source', {
      articleId: article.id,
      attempt,
      unsupported: verdict.unsupported,
    });
  }
  return undefined;
}

async function recordUsage(deps: TranslateBodyDeps, characters: number, tokens: number | undefined): Promise<void> {
  await deps.usage.record(deps.translator.id, { characters, ...(tokens === undefined ? {} : { tokens }) }, deps.clock.now());
  deps.log.info('translation used', { provider: deps.translator.id, characters, tokens });
}

function cacheKey(provider: string, targetLanguage: string, texts: readonly string[]): string {
  return `${provider}|${targetLanguage}|${shortHash(JSON.stringify(texts))}`;
}
