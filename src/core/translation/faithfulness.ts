/**
 * The faithfulness guard for LLM output: a brief may only name people, places and organisations,
 * and cite numbers, that its source article does. Machine translators rarely invent; language
 * models sometimes do, and a news bot must not publish what its source never said.
 */
import { compileTerms } from './glossary.js';
import type { Glossary } from './glossary.js';
import { extractNumbers, numberWordValues } from './number-mentions.js';
import { findSequence, isTitleCased, tokenize, type WordToken } from './word-tokens.js';

/** What {@link checkFaithfulness} compares. */
export interface FaithfulnessInput {
  /** The source article as one text (title and body). */
  source: string;
  /** The translated or condensed texts (title first, then paragraphs). */
  output: readonly string[];
  /** The target language's glossary: its renderings count as support when their source term occurs. */
  glossary?: Readonly<Glossary>;
}

/** The verdict of {@link checkFaithfulness}. */
export interface FaithfulnessReport {
  /** True when nothing unsupported was found. */
  ok: boolean;
  /** Names and numbers in the output that the source does not back, as written, each once. */
  unsupported: string[];
}

/**
 * Checks that every number and every name in `output` appears in `source`.
 *
 * - Numbers: any digits. `1,000`, `1.000` and `1000` agree; so do `3.5` and `3,5`, and `5 juta`,
 *   `5 million`, `5m` and `5,000,000`; English number words in the source (`five`) back digits.
 * - Names: capitalised words, alone or in runs (`Gedung Putih`), compared without case or
 *   diacritics. A glossary rendering is backed when its source term occurs (`Gedung Putih` by
 *   "White House"). Acronyms (`AS`) must match a capitalised source word, so the pronoun "as"
 *   does not back them.
 * - Capitals that do not mark names are ignored: the first word of a sentence, a paragraph or a
 *   quotation (unless it is an acronym such as `AS` or has inner capitals), and whole texts set in
 *   title case, whose names get checked where the body repeats them. Languages that capitalise
 *   fewer words (Indonesian, Spanish) simply offer fewer candidates.
 *
 * Source and output must share a script: names transliterated from Cyrillic or Arabic script
 * are reported as unsupported.
 *
 * @example
 * ```ts
 * checkFaithfulness({
 *   source: 'The White House said 5,000 people attended.',
 *   output: ['Gedung Putih mengatakan 5.000 orang hadir, termasuk Putin.'],
 *   glossary: { 'White House': 'Gedung Putih' },
 * });
 * // { ok: false, unsupported: ['Putin'] }
 * ```
 */
export function checkFaithfulness(input: FaithfulnessInput): FaithfulnessReport {
  const support = buildSupport(input.source, input.glossary ?? {});
  const unsupported: string[] = [];
  const report = (text: string) => {
    if (!unsupported.includes(text)) unsupported.push(text);
  };

  for (const text of input.output) {
    for (const mention of extractNumbers(text)) {
      if (![...mention.values].some((value) => support.numbers.has(value))) report(mention.raw);
    }
    const { text: joined, tokens } = tokenize(text);
    if (isTitleCased(tokens)) continue;
    for (const run of nameRuns(joined, tokens)) {
      // "Presiden Rusia Vladimir Putin" reports "Vladimir Putin": the backed words are not the news.
      for (const part of unbackedParts(run, support)) report(joined.slice(part.start, part.end));
    }
  }
  return { ok: unsupported.length === 0, unsupported };
}

interface Support {
  numbers: Set<string>;
  backs(token: WordToken): boolean;
}

function buildSupport(source: string, glossary: Readonly<Glossary>): Support {
  const tokens = tokenize(source).tokens;
  const words = new Set(tokens.map((token) => token.folded));
  const capitalisedWords = new Set(tokens.filter((token) => token.capitalised).map((token) => token.folded));
  const longWords = [...words].filter((word) => word.length >= 4);

  const glossaryWords = new Set<string>();
  for (const term of compileTerms(glossary)) {
    // Lenient on purpose: "the president" backs "Presiden" even though the key is capitalised.
    if (findSequence(tokens, term.sourceTokens, false).length === 0) continue;
    for (const token of [...term.sourceTokens, ...term.targetTokens]) glossaryWords.add(token.folded);
  }

  const numbers = new Set(extractNumbers(source).flatMap((mention) => [...mention.values]));
  for (const value of numberWordValues(tokens)) numbers.add(value);

  return {
    numbers,
    backs(token) {
      if (glossaryWords.has(token.folded)) return true;
      if (token.acronym) return capitalisedWords.has(token.folded);
      if (words.has(token.folded)) return true;
      // Derived forms: "Israel" in the output from "Israeli" in the source, "Tokayevs" from "Tokayev".
      return longWords.some(
        (word) =>
          (token.folded.length >= 4 && word.startsWith(token.folded)) ||
          (token.folded.startsWith(word) && token.folded.length - word.length <= 3),
      );
    },
  };
}

function unbackedParts(run: readonly WordToken[], support: Support): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let open: { start: number; end: number } | undefined;
  for (const token of run) {
    if (support.backs(token)) {
      open = undefined;
    } else if (open === undefined) {
      open = { start: token.start, end: token.end };
      parts.push(open);
    } else {
      open.end = token.end;
    }
  }
  return parts;
}

const RUN_GAP = /^(?:\s+|[-‐‑])$/u;

/** Runs of capitalised words (`Kassym-Jomart Tokayev`), without a capital that only opens a sentence. */
function nameRuns(text: string, tokens: readonly WordToken[]): WordToken[][] {
  const runs: WordToken[][] = [];
  let current: WordToken[] = [];
  let previous: WordToken | undefined;
  for (const token of tokens) {
    const isName = token.capitalised && !token.numeric && token.raw.length >= 2;
    const joins = previous !== undefined && RUN_GAP.test(text.slice(previous.end, token.start));
    if (!isName || !joins) {
      if (current.length > 0) runs.push(current);
      current = [];
    }
    if (isName) current.push(token);
    previous = token;
  }
  if (current.length > 0) runs.push(current);

  return runs
    .map((run) => {
      const first = run[0];
      if (first === undefined || !first.sentenceStart || first.acronym || /\p{Lu}/u.test(first.raw.slice(1))) return run;
      return run.slice(1);
    })
    .filter((run) => run.length > 0);
}
