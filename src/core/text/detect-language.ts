/**
 * A small, dependency-free language guesser: the writing system first, then distinctive letters,
 * then stopword counts. Good enough to pick a translation source for news text; it says
 * "don't know" rather than guess on short or mixed input.
 *
 * Kept against `eld`, `tinyld` and `franc`, each told kabar's languages (issue 12; BENCHMARKS.md,
 * "Text modules against libraries"). A wrong guess sends the translator the wrong source language,
 * while "don't know" lets it detect the language itself, so wrong guesses weigh most: on 143
 * labelled news texts in 13 languages this made none, the libraries 22 (tinyld, franc) and 33
 * (eld), and eld cannot name Indonesian, Kazakh or Uzbek, tinyld Malay or Uzbek. The libraries
 * answer more headlines (75-85% right against 62-73% here, which says "don't know" for the rest);
 * on paragraph-long texts this names 98-100%, franc 92-96%. It is also 2-10 times faster.
 */
import { STOPWORDS } from './stopwords.js';

// Enough text to decide; more only costs time on 100 KB articles.
const SAMPLE_CHARS = 4000;
const MIN_LETTERS = 8;

const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['greek', /\p{Script=Greek}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['han', /\p{Script=Han}/u],
  ['thai', /\p{Script=Thai}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['armenian', /\p{Script=Armenian}/u],
];

// Scripts that (for news) are written in one language only.
const SINGLE_LANGUAGE: Readonly<Record<string, string>> = {
  hebrew: 'he', greek: 'el', hangul: 'ko', thai: 'th', devanagari: 'hi', georgian: 'ka', armenian: 'hy',
};

const LATIN_LANGUAGES = ['en', 'id', 'ms', 'fr', 'de', 'es', 'pt', 'it', 'tr', 'nl', 'uz'];

// Words that tell Malay from Indonesian; the two share almost all their common words.
const MALAY_ONLY = new Set([
  'ialah', 'boleh', 'kerana', 'beliau', 'bahawa', 'semasa', 'selepas', 'kerajaan', 'perlu', 'perdana', 'menteri',
  'polis', 'tempatan', 'baharu', 'peratus', 'bilion', 'dijangka', 'penganalisis',
]);
const INDONESIAN_ONLY = new Set([
  'adalah', 'bisa', 'karena', 'bahwa', 'saat', 'setelah', 'pemerintah', 'tapi', 'harus', 'presiden', 'belum',
  'persen', 'miliar', 'polisi', 'mengatakan',
]);

// Letters that, when stopwords cannot decide (headlines), point to one of kabar's Latin-script
// languages: Turkish dotless ı, ğ and ş; the Uzbek o‘ and g‘ (written with ‘ or ʻ, never ’,
// which English uses in O’Brien); German ä, ö, ü and ß.
const LATIN_LETTER_EVIDENCE: ReadonlyArray<readonly [string, RegExp, number]> = [
  ['tr', /[ığş]/gu, 2],
  ['uz', /[og][‘ʻ]\p{L}/gu, 1],
  ['de', /[äöüß]/gu, 2],
];

/**
 * Guesses the base language code of `text` (`en`, `id`, `ms`, `ru`, `uk`, `kk`, `ar`, `fa`, `fr`,
 * `de`, `es`, `pt`, `it`, `tr`, `nl`, `uz`, and single-script languages such as `he`, `ko`,
 * `ja`, `zh`), or returns undefined when the text is too short or the evidence is split.
 *
 * @example
 * ```ts
 * detectLanguage('Kazakhstan akan bergabung dengan perjanjian ini, kata Gedung Putih.'); // "id"
 * detectLanguage('OK'); // undefined
 * ```
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE_CHARS);
  const script = dominantScript(sample);
  if (script === undefined) return undefined;
  const single = SINGLE_LANGUAGE[script];
  if (single !== undefined) return single;
  const lower = sample.toLowerCase();
  switch (script) {
    case 'kana':
      return 'ja';
    case 'han':
      return 'zh';
    case 'arabic':
      return arabicScriptLanguage(lower);
    case 'cyrillic':
      return cyrillicLanguage(lower);
    default:
      return latinLanguage(lower);
  }
}

function dominantScript(sample: string): string | undefined {
  const counts = new Map<string, number>();
  let letters = 0;
  let hasKana = false;
  for (const char of sample) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    for (const [name, pattern] of SCRIPTS) {
      if (!pattern.test(char)) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (name === 'kana') hasKana = true;
      break;
    }
  }
  if (letters < MIN_LETTERS) return undefined;
  // Japanese mixes kana with Han; any real amount of kana settles it.
  if (hasKana && (counts.get('kana') ?? 0) >= letters * 0.1) return 'kana';
  for (const [name, count] of counts) if (count > letters * 0.6) return name;
  return undefined;
}

function count(text: string, letters: RegExp): number {
  return text.match(letters)?.length ?? 0;
}

function arabicScriptLanguage(lower: string): string {
  const urdu = count(lower, /[ٹڈڑںےھ]/gu);
  const persian = count(lower, /[پچژگکی]/gu);
  const arabic = count(lower, /[ةىيكأإ]/gu);
  if (urdu >= 2 && urdu * 4 >= persian) return 'ur';
  if (persian > arabic) return 'fa';
  return 'ar';
}

function cyrillicLanguage(lower: string): string | undefined {
  const kazakh = count(lower, /[әғқңөұүһ]/gu);
  if (kazakh >= 2) return 'kk';
  if (count(lower, /[ђћџљњј]/gu) >= 2) return 'sr';
  if (count(lower, /[ѓќѕ]/gu) >= 2) return 'mk';
  if (count(lower, /[ӣӯҳҷ]/gu) >= 2) return 'tg';
  if (count(lower, /ў/gu) >= 2) return 'be';
  const ukrainian = count(lower, /[іїєґ]/gu);
  const russian = count(lower, /[ыэъё]/gu);
  if (ukrainian > russian) return 'uk';
  // One Kazakh letter is a Kazakh name in Russian text as often as a short Kazakh headline (which
  // has ы too): only stopwords may decide then.
  if (russian > 0 && kazakh === 0) return 'ru';
  return bestByStopwords(lower, ['ru', 'uk', 'kk']);
}

function latinLanguage(lower: string): string | undefined {
  const best = bestByStopwords(lower, LATIN_LANGUAGES, [['id', 'ms']]) ?? byLetters(lower);
  if (best !== 'id' && best !== 'ms') return best;
  const words = tokens(lower);
  const malay = words.filter((word) => MALAY_ONLY.has(word)).length;
  const indonesian = words.filter((word) => INDONESIAN_ONLY.has(word)).length;
  return malay > indonesian ? 'ms' : 'id';
}

/** The first language whose letters `lower` shows enough of (Turkish before German: both have ö and ü). */
function byLetters(lower: string): string | undefined {
  return LATIN_LETTER_EVIDENCE.find(([, letters, enough]) => count(lower, letters) >= enough)?.[0];
}

function tokens(lower: string): string[] {
  return lower.match(/[\p{L}\p{M}']+/gu) ?? [];
}

/**
 * The language whose stopwords the text uses most, each word weighted by how few lists share it.
 * `groups` are languages too close to separate this way: they compete as one, and the first
 * member's name stands for the group.
 */
function bestByStopwords(
  lower: string,
  languages: readonly string[],
  groups: ReadonlyArray<readonly string[]> = [],
): string | undefined {
  const words = tokens(lower);
  if (words.length < 3) return undefined;
  const groupOf = (language: string): string => groups.find((group) => group.includes(language))?.[0] ?? language;
  const scores = new Map<string, number>();
  let hits = 0;
  for (const word of words) {
    const owners = new Set(languages.filter((language) => STOPWORDS.get(language)?.has(word)).map(groupOf));
    if (owners.size === 0) continue;
    hits++;
    for (const owner of owners) scores.set(owner, (scores.get(owner) ?? 0) + 1 / owners.size);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first === undefined || hits < 2 || first[1] < 1.5) return undefined;
  // Ask for a clear lead, and for stopwords to be a plausible share of the words.
  if (second !== undefined && first[1] < second[1] * 1.3) return undefined;
  if (hits < words.length * 0.08) return undefined;
  return first[0];
}
