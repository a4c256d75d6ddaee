/**
 * The fixed texts of a brief per language. They are written here, never machine-translated.
 */

/** One language's fixed brief texts. */
export interface BriefLocale {
  /** Opens the brief: `<title> - <greeting>`, then `<greeting> - <first paragraph>`. */
  greeting: string;
  /** The line after the body. */
  closing: string;
  /** One line saying the brief could not be translated and is in the article's language. */
  translationUnavailable: string;
}

/**
 * Brief texts by base language code. The `id` texts are the ones of the reference brief
 * (`examples/reference-brief-id.txt`); the others say the same. The greeting is the same
 * salutation in every language, as subscribers use it.
 */
export const BRIEF_LOCALES = {
  id: {
    greeting: 'As-salamu alaykum',
    closing:
      'Semoga Allah membimbing para pemimpin ke pilihan yang membawa perdamaian, kerja sama, dan keadilan bagi rakyat mereka.',
    translationUnavailable: 'Terjemahan tidak tersedia; ringkasan ini dalam bahasa aslinya.',
  },
  en: {
    greeting: 'As-salamu alaykum',
    closing: 'May Allah guide the leaders to choices that bring peace, cooperation and justice to their peoples.',
    translationUnavailable: 'Translation unavailable; this brief is in its original language.',
  },
  es: {
    greeting: 'As-salamu alaykum',
    closing: 'Que Allah guíe a los líderes hacia decisiones que traigan paz, cooperación y justicia a sus pueblos.',
    translationUnavailable: 'Traducción no disponible; este resumen está en su idioma original.',
  },
} as const satisfies Readonly<Record<string, BriefLocale>>;

/** A language that has its own {@link BriefLocale}. */
export type BriefLocaleCode = keyof typeof BRIEF_LOCALES;

/** The language whose texts stand in for a language without its own. */
export const FALLBACK_LOCALE: BriefLocaleCode = 'en';

/** True when `language` has its own brief texts. */
export function hasBriefLocale(language: string): language is BriefLocaleCode {
  return Object.hasOwn(BRIEF_LOCALES, language);
}

/**
 * The brief texts for a base language code, or the English ones when the language has none.
 *
 * @example
 * ```ts
 * briefLocale('id').greeting; // "As-salamu alaykum"
 * briefLocale('kk') === BRIEF_LOCALES.en; // true
 * ```
 */
export function briefLocale(language: string): BriefLocale {
  return hasBriefLocale(language) ? BRIEF_LOCALES[language] : BRIEF_LOCALES[FALLBACK_LOCALE];
}
