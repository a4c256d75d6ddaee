/**
 * What translation costs, counted per provider and day. The counter that stores these lives with
 * the other Redis stores; this is only its shape.
 */

/**
 * One provider's usage on one day.
 *
 * @example
 * ```ts
 * const usage: TranslationUsage = { provider: 'deepl', day: '2025-11-06', characters: 5120, tokens: 0 };
 * ```
 */
export interface TranslationUsage {
  /** The translator's id (`deepl`, `openai:gpt-4o-mini`). */
  provider: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Characters sent (what DeepL and hosted LibreTranslate bill). */
  characters: number;
  /** Tokens used (what LLM providers bill); 0 for character-billed providers. */
  tokens: number;
}
