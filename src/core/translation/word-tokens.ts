/**
 * Word tokens for comparing names and terms across a source text and its translation: folded for
 * comparison (lower case, no diacritics) but remembering how each word was written and whether it
 * opens a sentence.
 */

/** One word of a text. */
export interface WordToken {
  /** As written (after abbreviations such as `U.S.` were joined to `US`). */
  raw: string;
  /** Lower case, diacritics removed: what comparisons use. */
  folded: string;
  /** Offsets into the abbreviation-joined text, for telling what separates two tokens. */
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  capitalised: boolean;
  /** Two or more letters, all upper case (`UAE`, `KTT`): an acronym, compared more strictly. */
  acronym: boolean;
  /** First word of a sentence, a paragraph, or a quotation, where capitals say nothing about names. */
  sentenceStart: boolean;
  /** Only digits. */
  numeric: boolean;
}

/** A text cut into {@link WordToken}s, with the text the offsets refer to. */
export interface TokenizedText {
  text: string;
  tokens: WordToken[];
}

// Letters that NFKD does not split into base + mark but that readers treat as plain letters.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
};

/** Lower-cases `word` and removes diacritics, so `Türkiye` and `turkiye` compare equal. */
export function foldWord(word: string): string {
  const stripped = word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return stripped.replace(/[øłđßæœıþ]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
}

// `U.S.`, `U.N.`, `EE. UU.`: dotted abbreviations become one word, so they can match `US`, `EEUU`.
const DOTTED_ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{Lu}{1,2}\.(?:\s(?=\p{Lu}{1,2}\.))?){2,}/gu;

/** Joins dotted abbreviations (`U.S.` -> `US`, `EE. UU.` -> `EEUU`) and leaves the rest alone. */
export function joinAbbreviations(text: string): string {
  return text.replace(DOTTED_ABBREVIATION, (match) => match.replace(/[.\s]/g, ''));
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const OPENERS = new Set(['“', '‘', '"', "'", '«', '(', '[', '¿', '¡', '„', '‚']);
const CLOSERS = /[”’"'»)\]]+$/u;
const SENTENCE_END = /[.!?:;…]$/u;

/** Cuts `text` into word tokens. Hyphens and apostrophes split words: `Kassym-Jomart` is two. */
export function tokenize(text: string): TokenizedText {
  const joined = joinAbbreviations(text);
  const tokens: WordToken[] = [];
  for (const match of joined.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    const letters = raw.replace(/[^\p{L}]/gu, '');
    tokens.push({
      raw,
      folded: foldWord(raw),
      start,
      end: start + raw.length,
      capitalised: /^[\p{Lu}\p{Lt}]/u.test(raw),
      acronym: letters.length >= 2 && letters === raw && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      sentenceStart: opensSentence(joined, start),
      numeric: /^\p{N}+$/u.test(raw),
    });
  }
  return { text: joined, tokens };
}

function opensSentence(text: string, start: number): boolean {
  const before = text.slice(0, start);
  const previous = before.at(-1);
  // An opening quote or bracket right before the word starts a quotation, which may start with a capital.
  if (previous !== undefined && OPENERS.has(previous) && !/[\p{L}\p{N}]/u.test(before.at(-2) ?? ' ')) return true;
  const trimmed = before.trimEnd().replace(CLOSERS, '').trimEnd();
  return trimmed === '' || SENTENCE_END.test(trimmed);
}

/**
 * True when `tokens` come from a text set in title case or capitals (`Kazakhstan Set To Join Abraham
 * Accords`): nearly all longer words capitalised, so capitals there do not mark names.
 */
export function isTitleCased(tokens: readonly WordToken[]): boolean {
  // Short words stay lower case in most title-case styles ("Set to Join", "Siap ke"), so only longer ones count.
  const words = tokens.filter((token) => !token.numeric && token.raw.length >= 4);
  if (words.length < 3) return false;
  const capitalised = words.filter((token) => token.capitalised).length;
  return capitalised / words.length >= 0.85;
}

/**
 * Where the folded word sequence `needle` occurs in `haystack`, as token indexes of each start.
 * With `matchCase`, capitalised and acronym needle words only match words written the same way
 * (so the glossary term `US` does not match the pronoun `us`).
 */
export function findSequence(
  haystack: readonly WordToken[],
  needle: readonly WordToken[],
  matchCase: boolean,
): number[] {
  const starts: number[] = [];
  if (needle.length === 0) return starts;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    let all = true;
    for (let j = 0; j < needle.length; j++) {
      const want = needle[j];
      const got = haystack[i + j];
      if (want === undefined || got === undefined || !sameWord(want, got, matchCase)) {
        all = false;
        break;
      }
    }
    if (all) starts.push(i);
  }
  return starts;
}

function sameWord(want: WordToken, got: WordToken, matchCase: boolean): boolean {
  if (want.folded !== got.folded) return false;
  if (want.acronym) return got.capitalised;
  if (matchCase && want.capitalised) return got.capitalised;
  return true;
}
