/**
 * The glossary post-check: after any provider translated, did it use the wanted terms?
 *
 * There is deliberately no automatic fix-up: glossary keys such as `Jordan`, `King` or `May` are
 * also parts of personal names, and rewriting "Michael Jordan" into "Michael Yordania" would be
 * worse than reporting the miss.
 */
import { compileTerms, termsIn, type Glossary } from './glossary.js';
import { findSequence, tokenize } from './word-tokens.js';

/** A source term that occurs in a text whose translation lacks the wanted target term. */
export interface GlossaryViolation {
  /** Which text (same index in the source and the translation). */
  index: number;
  /** The glossary key found in the source. */
  term: string;
  /** The rendering the glossary asks for, missing from the translation. */
  expected: string;
}

/**
 * Compares each source text with its translation at the same index and lists the glossary terms
 * the translation did not render as asked. Comparison ignores case and diacritics; acronyms
 * (`UEA`) must appear in capitals.
 *
 * Meant for index-aligned output (the `translate` mode of every provider). A condensed brief drops
 * sentences on purpose, so its terms cannot be checked this way.
 *
 * @throws RangeError when the two lists differ in length.
 * @example
 * ```ts
 * checkGlossary(['The White House said'], ['Rumah Putih mengatakan'], { 'White House': 'Gedung Putih' });
 * // [{ index: 0, term: 'White House', expected: 'Gedung Putih' }]
 * ```
 */
export function checkGlossary(
  sourceTexts: readonly string[],
  translatedTexts: readonly string[],
  glossary: Readonly<Glossary>,
): GlossaryViolation[] {
  if (sourceTexts.length !== translatedTexts.length) {
    throw new RangeError(
      `checkGlossary needs one translation per source text (got ${sourceTexts.length} sources, ${translatedTexts.length} translations)`,
    );
  }
  const terms = compileTerms(glossary);
  const violations: GlossaryViolation[] = [];
  sourceTexts.forEach((source, index) => {
    const present = termsIn(tokenize(source).tokens, terms);
    if (present.length === 0) return;
    const translated = tokenize(translatedTexts[index] ?? '').tokens;
    for (const term of present) {
      if (findSequence(translated, term.targetTokens, false).length === 0) {
        violations.push({ index, term: term.source, expected: term.target });
      }
    }
  });
  return violations;
}
