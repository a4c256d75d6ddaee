/**
 * The translator for running without one: briefs stay in the article's language.
 */
import type { TranslationRequest, TranslationResult, Translator } from '../../core/ports.js';

/**
 * A translator that returns every text unchanged and costs nothing. The app says once at start
 * that briefs stay in the source language; this does not log per call.
 *
 * @example
 * ```ts
 * await createNoneTranslator().translate({ texts: ['Hello'], targetLanguage: 'id' });
 * // { texts: ['Hello'], characters: 0 }
 * ```
 */
export function createNoneTranslator(): Translator {
  return {
    id: 'none',
    translate(request: TranslationRequest): Promise<TranslationResult> {
      return Promise.resolve({ texts: [...request.texts], characters: 0 });
    },
  };
}
