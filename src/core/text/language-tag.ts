/**
 * Base language codes out of whatever feeds write in `<language>` / `xml:lang`.
 */

// ISO 639-2/3 codes and retired ISO 639-1 codes seen in feeds, mapped to the current 2-letter code.
const ALIASES: Readonly<Record<string, string>> = {
  in: 'id', iw: 'he', ji: 'yi', jw: 'jv', mo: 'ro',
  ind: 'id', msa: 'ms', may: 'ms', zsm: 'ms', eng: 'en', rus: 'ru', ukr: 'uk', kaz: 'kk',
  ara: 'ar', arb: 'ar', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de', spa: 'es', tur: 'tr',
  ita: 'it', por: 'pt', nld: 'nl', dut: 'nl', uzb: 'uz', kir: 'ky', tgk: 'tg', tuk: 'tk',
  fas: 'fa', per: 'fa', urd: 'ur', heb: 'he', zho: 'zh', chi: 'zh', jpn: 'ja', kor: 'ko',
  // Some feeds write the language's English name instead of a code.
  english: 'en', indonesian: 'id', 'bahasa indonesia': 'id', malay: 'ms', 'bahasa melayu': 'ms',
  russian: 'ru', ukrainian: 'uk', kazakh: 'kk', arabic: 'ar', french: 'fr', german: 'de',
  spanish: 'es', turkish: 'tr', italian: 'it', portuguese: 'pt', dutch: 'nl', uzbek: 'uz',
};

// Codes that say "no particular language": undetermined, multiple, not linguistic, uncoded.
const NO_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis']);

/**
 * True for a base language code as kabar stores it: 2–3 lower-case letters (`id`, `es`, `kaz`),
 * not a full tag (`id-ID`) or a name (`Indonesian`).
 */
export function isBaseLanguageCode(code: string): boolean {
  return /^[a-z]{2,3}$/.test(code);
}

/**
 * The base language code of a BCP 47 tag (or of the loose variants feeds use), lower-cased:
 * `en-US` and `en_gb` give `en`, the retired `in` gives `id`, `eng` gives `en`, `English` gives
 * `en`. Returns undefined for empty or unreadable input.
 *
 * @example
 * ```ts
 * normalizeLanguageTag('en-US'); // "en"
 * normalizeLanguageTag('id_ID'); // "id"
 * normalizeLanguageTag('??');    // undefined
 * ```
 */
export function normalizeLanguageTag(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const cleaned = tag.trim().toLowerCase();
  const whole = ALIASES[cleaned];
  if (whole !== undefined) return whole;
  const primary = cleaned.split(/[-_\s]/)[0] ?? '';
  if (!isBaseLanguageCode(primary) || NO_LANGUAGE.has(primary)) return undefined;
  return ALIASES[primary] ?? primary;
}
