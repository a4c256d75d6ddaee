/**
 * The optional second capability of a translator: condensing an article and translating it in one
 * step (an LLM in `condense-translate` mode). Use cases check for it with
 * {@link isCondensingTranslator} and otherwise condense first and call `translate`.
 */
import type { Translator } from '../ports.js';

/** An article to condense into a brief in another language. */
export interface CondenseRequest {
  title: string;
  /** The body, one entry per paragraph. Never the URL, greeting or closing: those are added after. */
  paragraphs: readonly string[];
  /** Base language code of the article, when known. */
  sourceLanguage?: string;
  /** Base language code wanted (`id`). */
  targetLanguage: string;
  /** Source term -> wanted target term. */
  glossary?: Readonly<Record<string, string>>;
  /** At most this many paragraphs come back. */
  maxParagraphs: number;
}

/** A condensed, translated brief body. */
export interface CondensedTranslation {
  title: string;
  /** Between 1 and `maxParagraphs` non-empty paragraphs. */
  paragraphs: string[];
  /** Tokens used, when the provider reports them. */
  tokens?: number;
}

/** A {@link Translator} that can also condense. */
export interface CondensingTranslator extends Translator {
  condenseAndTranslate(request: CondenseRequest): Promise<CondensedTranslation>;
}

/**
 * True when `translator` can condense and translate in one step.
 *
 * @example
 * ```ts
 * const body = isCondensingTranslator(translator)
 *   ? await translator.condenseAndTranslate({ title, paragraphs, targetLanguage: 'id', maxParagraphs: 11 })
 *   : await condenseThenTranslate(translator, article);
 * ```
 */
export function isCondensingTranslator(translator: Translator): translator is CondensingTranslator {
  return typeof (translator as Partial<CondensingTranslator>).condenseAndTranslate === 'function';
}
