/**
 * An LLM behind any OpenAI-compatible `/chat/completions` endpoint as a translator, and as a
 * condenser+translator in one call.
 *
 * Callers send only the article's title and paragraphs. The source URL, and the greeting and
 * closing of a brief, are never given to the model (they are fixed text added afterwards), so it
 * can neither mangle nor invent them.
 */
import { KabarError } from '../../core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../../core/ports.js';
import type {
  CondensedTranslation,
  CondenseRequest,
  CondensingTranslator,
} from '../../core/translation/condensing-translator.js';
import { relevantGlossary } from '../../core/translation/glossary.js';
import { languageName } from './language-names.js';
import { requestBrief, type OpenAiConnection } from './openai-chat.js';

/** `translate`: texts in, same texts translated out. `condense-translate`: the model also writes the brief. */
export type OpenAiMode = 'translate' | 'condense-translate';

/** Options for {@link createOpenAiTranslator}. */
export interface OpenAiTranslatorOptions extends OpenAiConnection {
  /** OPENAI_MODE. */
  mode: OpenAiMode;
}

/**
 * A translator backed by an LLM, with id `openai:<model>`. In `condense-translate` mode it is also
 * a `CondensingTranslator` (see `isCondensingTranslator`); `translate` works in both modes.
 * Tokens come from the reply's `usage.total_tokens`.
 *
 * @example
 * ```ts
 * const llm = createOpenAiTranslator({
 *   baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b', mode: 'translate', timeoutMs: 60_000,
 * });
 * ```
 */
export function createOpenAiTranslator(options: OpenAiTranslatorOptions & { mode: 'condense-translate' }): CondensingTranslator;
export function createOpenAiTranslator(options: OpenAiTranslatorOptions): Translator;
export function createOpenAiTranslator(options: OpenAiTranslatorOptions): Translator | CondensingTranslator {
  const translator: Translator = {
    id: `openai:${options.model}`,
    // The renderings are in the prompt; placeholders would only confuse a model.
    usesGlossary: true,
    translate: (request) => translateWithModel(options, request),
  };
  if (options.mode === 'translate') return translator;
  return { ...translator, condenseAndTranslate: (request) => condenseAndTranslate(options, request) };
}

/**
 * Translates `request.texts` (first = title, rest = paragraphs) with one model call, keeping the
 * count and order. A reply with a different number of paragraphs is a `retryable` failure.
 */
export async function translateWithModel(connection: OpenAiConnection, request: TranslationRequest): Promise<TranslationResult> {
  const [title, ...paragraphs] = request.texts;
  if (title === undefined) return { texts: [], characters: 0, tokens: 0 };
  const system = [
    'You translate news for a news-alert bot.',
    `Translate from ${sourceName(request.sourceLanguage)} into ${languageName(request.targetLanguage)}.`,
    'The input is JSON {"title": string, "paragraphs": string[]}. Reply with the same shape: the translated title, ' +
      `and exactly ${paragraphs.length} translated paragraphs, one for each input paragraph, in the same order. ` +
      'Never merge, split, drop or add paragraphs.',
    FAITHFULNESS,
    glossaryLines(request.texts, request.glossary, request.targetLanguage),
  ]
    .filter((line) => line !== '')
    .join('\n');

  const reply = await requestBrief(connection, system, JSON.stringify({ title, paragraphs }));
  if (reply.brief.paragraphs.length !== paragraphs.length) {
    throw new KabarError(
      'retryable',
      `${connection.model} returned ${reply.brief.paragraphs.length} paragraphs for ${paragraphs.length} — will retry`,
      { code: 'llm-wrong-count' },
    );
  }
  return {
    texts: [reply.brief.title, ...reply.brief.paragraphs],
    characters: 0,
    ...(reply.tokens === undefined ? {} : { tokens: reply.tokens }),
  };
}

/**
 * Condenses an article into at most `maxParagraphs` short paragraphs in the target language, with
 * one model call. Empty paragraphs are dropped; extra ones beyond `maxParagraphs` are cut (news
 * puts the most important first). No paragraphs at all, or an empty title, is a `retryable`
 * failure. Run `checkFaithfulness` on the result before publishing it.
 *
 * @example
 * ```ts
 * const brief = await condenseAndTranslate(connection, {
 *   title, paragraphs, sourceLanguage: 'en', targetLanguage: 'id', glossary: glossaryFor('id'), maxParagraphs: 11,
 * });
 * ```
 */
export async function condenseAndTranslate(connection: OpenAiConnection, request: CondenseRequest): Promise<CondensedTranslation> {
  const maxParagraphs = Math.max(1, Math.floor(request.maxParagraphs));
  const system = [
    'You write short news briefs for a news-alert bot.',
    `Condense the article from ${sourceName(request.sourceLanguage)} into a brief in ${languageName(request.targetLanguage)}: ` +
      `a translated title and at most ${maxParagraphs} short paragraphs of one to three sentences, ` +
      'keeping the most important facts first.',
    'The input is JSON {"title": string, "paragraphs": string[]}. Reply with the same shape.',
    FAITHFULNESS,
    glossaryLines([request.title, ...request.paragraphs], request.glossary, request.targetLanguage),
  ]
    .filter((line) => line !== '')
    .join('\n');

  const reply = await requestBrief(connection, system, JSON.stringify({ title: request.title, paragraphs: request.paragraphs }));
  const title = reply.brief.title.trim();
  const paragraphs = reply.brief.paragraphs.map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');
  if (title === '' || paragraphs.length === 0) {
    throw new KabarError('retryable', `${connection.model} returned an empty brief — will retry`, { code: 'llm-empty' });
  }
  return {
    title,
    paragraphs: paragraphs.slice(0, maxParagraphs),
    ...(reply.tokens === undefined ? {} : { tokens: reply.tokens }),
  };
}

const FAITHFULNESS =
  'Be faithful: use only what the source says. Keep every name, number and date exactly as the source gives it; ' +
  'add no facts, opinions, notes, greetings, sign-offs or links.';

function sourceName(code: string | undefined): string {
  return code === undefined ? 'the source language' : languageName(code);
}

function glossaryLines(texts: readonly string[], glossary: Readonly<Record<string, string>> | undefined, target: string): string {
  if (glossary === undefined) return '';
  const entries = Object.entries(relevantGlossary(texts, glossary));
  if (entries.length === 0) return '';
  const lines = entries.map(([source, wanted]) => `- ${source} → ${wanted}`);
  return [`Always render these terms in ${languageName(target)} exactly as given:`, ...lines].join('\n');
}
