/**
 * Turns text into comparable words: one tokenisation shared by article text and moderator terms,
 * so that a term matches exactly the words it would be cut into if it appeared in an article.
 */

/** One word of a text, normalized, with where it sits in the original string. */
export interface Token {
  /** Normalized form: see {@link normalizeWord}. */
  norm: string;
  /** Offset of the word's first UTF-16 unit in the original text. */
  start: number;
  /** Offset just past the word's last UTF-16 unit. */
  end: number;
}

// Letters, digits and combining marks make words; everything else (spaces, line breaks, hyphens,
// punctuation, apostrophes) separates them. ZWNJ/ZWJ sit inside Persian and Indic words.
const WORD = /[\p{L}\p{N}\p{M}\u200C\u200D]+/gu;

const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '`', '\u00B4']);

// Letters that canonical decomposition leaves alone but that readers treat as plain letters.
// Arabic: alef wasla, alef maqsura and Persian yeh/keheh fold into the common letters; teh marbuta
// into heh, since writers swap them freely at word ends.
const FOLD: Readonly<Record<string, string>> = {
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ħ: 'h',
  þ: 'th',
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
  '\u0629': '\u0647',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');
// Tatweel (Arabic justification stroke), joiners, and the Uzbek/Hawaiian okina-like letters that
// writers use inconsistently inside words ("Oʻzbekiston" / "Ozbekiston").
const INVISIBLE = /\u0640|\u200C|\u200D|\u02BB|\u02BC/gu;
const MARKS = /\p{M}/gu;
const ASCII = /^\p{ASCII}*$/u;

/**
 * Lower-cases a word and strips what readers ignore when comparing words: accents and other
 * diacritics (é, ё, ş, Arabic harakat and hamza seats), compatibility forms (ligatures,
 * full-width letters, Arabic presentation forms) and a few letter variants (see `FOLD`).
 *
 * Lower-casing comes first: JavaScript lower-cases Turkish `İ` to `i` + U+0307, and the
 * combining dot is then stripped with the other marks, so `İbrahim` becomes `ibrahim`.
 *
 * @example
 * ```ts
 * normalizeWord('İbrahim'); // 'ibrahim'
 * normalizeWord('Ёлка');    // 'елка'
 * normalizeWord('أبراهام'); // 'ابراهام'
 * ```
 */
export function normalizeWord(word: string): string {
  // Most words in most feeds are plain ASCII, which only needs lower-casing (3-4x faster).
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(INVISIBLE, '')
    .replace(FOLDABLE, (c) => FOLD[c] ?? c);
}

/**
 * Cuts `text` into normalized words, keeping each word's offsets in the original string.
 *
 * An English possessive `'s` is dropped, so `Kazakhstan's` reads as `kazakhstan`; other
 * apostrophes only separate words (`d'Abraham` → `d`, `abraham`; Turkish `Kazakistan'ın` →
 * `kazakistan`, `in`).
 *
 * @example
 * ```ts
 * tokenize("Abraham-Accords'\nsignatories").map((t) => t.norm); // ['abraham', 'accords', 'signatories']
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, normalizeWord, (norm, start, end) => tokens.push({ norm, start, end }));
  return tokens;
}

/**
 * The words {@link tokenize} cuts `text` into, handed to `visit` one by one instead of collected:
 * the matcher's scan, which runs on every article, keeps them in reused arrays. `normalize` is
 * {@link normalizeWord} or a caching wrapper of it.
 */
export function forEachToken(
  text: string,
  normalize: (word: string) => string,
  visit: (norm: string, start: number, end: number) => void,
): void {
  let previousEnd = -2;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const raw = m[0];
    const norm = normalize(raw);
    if (norm.length === 0) continue;
    const isPossessive =
      norm === 's' && start === previousEnd + 1 && APOSTROPHES.has(text.charAt(previousEnd));
    previousEnd = start + raw.length;
    if (isPossessive) continue;
    visit(norm, start, start + raw.length);
  }
}
