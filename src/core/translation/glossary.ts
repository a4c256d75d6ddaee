/**
 * Glossaries: fixed renderings of names and terms per target language ("White House" ->
 * "Gedung Putih"), told to the providers that can use them and checked on every translation.
 */
import defaults from './default-glossary.json' with { type: 'json' };
import { tokenize, type WordToken, findSequence } from './word-tokens.js';

/**
 * Source term -> wanted target term, for one target language.
 *
 * Keys written with capitals (`White House`, `UAE`) match only where the source writes them so;
 * lower-case keys (`summit`) match in any case.
 *
 * @example
 * ```ts
 * const id: Glossary = { 'White House': 'Gedung Putih', UAE: 'UEA' };
 * ```
 */
export type Glossary = Record<string, string>;

/**
 * The glossaries kabar ships with, by target language (`id`, `es`), from `default-glossary.json`.
 * Frozen: derive your own with {@link glossaryFor}.
 */
export const defaultGlossaries: Readonly<Record<string, Readonly<Glossary>>> = Object.freeze(
  Object.fromEntries(Object.entries(defaults).map(([language, glossary]) => [language, Object.freeze({ ...glossary })])),
);

/**
 * The glossary for `targetLanguage`: the shipped entries, then `overrides` (which win).
 *
 * @example
 * ```ts
 * glossaryFor('id', { 'Board of Peace': 'Dewan Perdamaian' })['White House']; // 'Gedung Putih'
 * ```
 */
export function glossaryFor(targetLanguage: string, overrides: Readonly<Glossary> = {}): Glossary {
  return { ...(defaultGlossaries[baseLanguage(targetLanguage)] ?? {}), ...overrides };
}

/**
 * The entries of `glossary` whose source term occurs in one of `texts`, so a prompt carries only
 * the few that matter rather than the whole list.
 */
export function relevantGlossary(texts: readonly string[], glossary: Readonly<Glossary>): Glossary {
  const terms = compileTerms(glossary);
  const relevant: Glossary = {};
  for (const text of texts) {
    for (const term of termsIn(tokenize(text).tokens, terms)) relevant[term.source] = term.target;
  }
  return relevant;
}

/** A glossary entry, tokenized once. */
export interface CompiledTerm {
  source: string;
  target: string;
  sourceTokens: WordToken[];
  targetTokens: WordToken[];
  /** Capitalised keys name something; they only match capitalised text. */
  matchCase: boolean;
}

/** Tokenizes every entry, longest source term first (so `West Bank` is claimed before `West`). */
export function compileTerms(glossary: Readonly<Glossary>): CompiledTerm[] {
  return Object.entries(glossary)
    .map(([source, target]) => ({
      source,
      target,
      sourceTokens: tokenize(source).tokens,
      targetTokens: tokenize(target).tokens,
      matchCase: /\p{Lu}/u.test(source),
    }))
    .filter((term) => term.sourceTokens.length > 0)
    .sort((a, b) => b.sourceTokens.length - a.sourceTokens.length);
}

/** Where a glossary term occurs: tokens `start` to `end` (exclusive) of a tokenized text. */
export interface TermSpan {
  term: CompiledTerm;
  start: number;
  end: number;
}

/**
 * The occurrences of `terms` in `tokens`, in the order of the terms. Words already claimed by a
 * longer term do not count again, and a one-word name key right after another capitalised word
 * is taken to be part of a longer name (`Michael Jordan`, `Theresa May`), not the country or the
 * month.
 */
export function termSpans(tokens: readonly WordToken[], terms: readonly CompiledTerm[]): TermSpan[] {
  const claimed = new Set<number>();
  const spans: TermSpan[] = [];
  for (const term of terms) {
    for (const start of findSequence(tokens, term.sourceTokens, term.matchCase)) {
      const span = term.sourceTokens.map((_, offset) => start + offset);
      if (span.some((index) => claimed.has(index))) continue;
      if (term.matchCase && term.sourceTokens.length === 1 && followsName(tokens, start)) continue;
      span.forEach((index) => claimed.add(index));
      spans.push({ term, start, end: start + term.sourceTokens.length });
    }
  }
  return spans;
}

/** The terms that occur in `tokens` (see {@link termSpans}), each once. */
export function termsIn(tokens: readonly WordToken[], terms: readonly CompiledTerm[]): CompiledTerm[] {
  return [...new Set(termSpans(tokens, terms).map((span) => span.term))];
}

// Capitalised only because they open an English sentence; "Former US President" is still the US.
const SENTENCE_OPENERS = new Set(
  'the a an and but or as at by for from in into of on to with after before since when while if former both this that these those its their our his her under over meanwhile also'.split(' '),
);

function followsName(tokens: readonly WordToken[], index: number): boolean {
  const previous = tokens[index - 1];
  const current = tokens[index];
  if (previous === undefined || current === undefined || current.start - previous.end !== 1) return false;
  if (!previous.capitalised || previous.acronym || previous.numeric) return false;
  return !(previous.sentenceStart && SENTENCE_OPENERS.has(previous.folded));
}

/** `pt-BR` -> `pt`. */
export function baseLanguage(code: string): string {
  return code.toLowerCase().split(/[-_]/)[0] ?? code;
}
