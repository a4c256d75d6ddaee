/**
 * The translation providers by the names KABAR_TRANSLATOR and `kabar brief --translator` take.
 * A module of its own so that reading the configuration does not load the providers.
 */

/** Every provider name. */
export const translatorNames = ['none', 'openai', 'deepl', 'libretranslate', 'apertium'] as const;

/** One provider name. */
export type TranslatorName = (typeof translatorNames)[number];
