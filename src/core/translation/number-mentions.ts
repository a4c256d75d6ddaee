/**
 * Numbers as written in running text, read every way a reader might read them: `1.000` is a
 * thousand in Indonesian and Spanish but one in English, `3,5` is three and a half in Indonesian.
 * Two mentions agree when any of their readings agree.
 */
import type { WordToken } from './word-tokens.js';

/** One number in a text. */
export interface NumberMention {
  /** As written, e.g. `1,000` or `3.5bn`. */
  raw: string;
  /** Every plausible value, as canonical decimal strings (`1000`, `3.5`, `3500000000`). */
  values: Set<string>;
}

const NUMBER = /(?<!\p{N})\p{Nd}+(?:[.,]\p{Nd}+)*/gu;

// Scale words after a number, so `5 juta` (Indonesian) and `5 million` and `5m` agree with `5,000,000`.
const SCALE_WORDS: Readonly<Record<string, number>> = {
  thousand: 1e3,
  ribu: 1e3,
  mil: 1e3,
  mille: 1e3,
  million: 1e6,
  millions: 1e6,
  juta: 1e6,
  millon: 1e6,
  millones: 1e6,
  millionen: 1e6,
  milhao: 1e6,
  milhoes: 1e6,
  billion: 1e9,
  billions: 1e9,
  miliar: 1e9,
  milyar: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  milliarde: 1e9,
  milliarden: 1e9,
  trillion: 1e12,
  triliun: 1e12,
  billon: 1e12,
  billones: 1e12,
};
// Short forms count only when attached (`5m`, `$3bn`): `5 m` is more likely metres.
const ATTACHED_SCALES: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, tn: 1e12 };

/** Every number in `text`, with its readings. */
export function extractNumbers(text: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[0];
    const values = new Set(readings(raw));
    const scale = scaleAfter(text.slice(match.index + raw.length, match.index + raw.length + 16));
    if (scale !== undefined) {
      for (const value of [...values]) values.add(canonical(Number(value) * scale));
    }
    mentions.push({ raw, values });
  }
  return mentions;
}

function scaleAfter(following: string): number | undefined {
  const attached = /^([a-z]{1,2})(?![\p{L}\p{N}])/iu.exec(following)?.[1];
  if (attached !== undefined) return ATTACHED_SCALES[attached.toLowerCase()];
  const word = /^\s([\p{L}]+)/u.exec(following)?.[1];
  if (word === undefined) return undefined;
  return SCALE_WORDS[word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()];
}

/** The values a numeral can mean: `1,000` -> [1000, 1]; `1.234,5` -> [1234.5]; `3,5` -> [3.5]. */
export function readings(raw: string): string[] {
  const parts = raw.split(/[.,]/);
  const separators = raw.match(/[.,]/g) ?? [];
  const first = parts[0] ?? '';
  if (separators.length === 0) return [canonical(Number(raw))];

  const values: string[] = [];
  const uniform = separators.every((separator) => separator === separators[0]);
  const grouped = (groups: readonly string[]) =>
    first.length >= 1 && first.length <= 3 && groups.slice(1).every((group) => group.length === 3);
  if (uniform && grouped(parts)) values.push(canonical(Number(parts.join(''))));
  if (separators.length === 1) values.push(canonical(Number(`${first}.${parts[1] ?? ''}`)));
  if (!uniform) {
    const thousands = separators.slice(0, -1);
    const decimal = separators.at(-1);
    const integerParts = parts.slice(0, -1);
    if (thousands.every((separator) => separator === thousands[0] && separator !== decimal) && grouped(integerParts)) {
      values.push(canonical(Number(`${integerParts.join('')}.${parts.at(-1) ?? ''}`)));
    }
  }
  // Versions and addresses (`1.2.3`): no single reading, so each part stands for itself.
  if (values.length === 0) return parts.map((part) => canonical(Number(part)));
  return values;
}

function canonical(value: number): string {
  return String(Number(value.toPrecision(12)));
}

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, dozen: 12,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const WORD_SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

/**
 * Values of English number words in `tokens` (`five`, `twenty-five`, `fifth`, `two million`), so
 * a translation may write `5` where an English source wrote "five". Other source languages are
 * not read this way: their spelled-out numbers are simply not counted as support.
 */
export function numberWordValues(tokens: readonly WordToken[]): Set<string> {
  const values = new Set<string>();
  tokens.forEach((token, index) => {
    const word = token.folded;
    let value = UNITS[word] ?? TENS[word] ?? WORD_SCALES[word];
    if (value === undefined) return;
    const next = tokens[index + 1]?.folded ?? '';
    if (TENS[word] !== undefined && UNITS[next] !== undefined && UNITS[next] < 10) {
      value += UNITS[next];
      values.add(canonical(value));
    }
    values.add(canonical(value));
    const scale = WORD_SCALES[next];
    if (scale !== undefined && WORD_SCALES[word] === undefined) values.add(canonical(value * scale));
  });
  return values;
}
