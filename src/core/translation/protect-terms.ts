/**
 * Glossary terms kept out of reach of engines that cannot take a glossary (LibreTranslate,
 * Apertium, DeepL without a glossary): each term is replaced by a placeholder the engine copies
 * through as an unknown word, and the placeholder is replaced by the wanted rendering afterwards.
 * Checking after the fact only reported "Rumah Putih"; this makes it "Gedung Putih".
 */
import { compileTerms, termSpans, type Glossary } from './glossary.js';
import { tokenize } from './word-tokens.js';

/** Texts ready to send, and how to put the renderings back into their translations. */
export interface ProtectedTexts {
  /** The texts with each glossary term replaced by a placeholder. */
  texts: string[];
  /** How many terms were replaced, over all texts. */
  replaced: number;
  /**
   * The translations with each placeholder replaced by its term's rendering. A placeholder the
   * engine mangled stays unrestored, for the glossary check to report.
   */
  restore(translated: readonly string[]): string[];
}

// Letters and a number no language has as a word: engines copy it through unchanged.
const placeholder = (index: number): string => `ZQ${index}ZQ`;
const PLACEHOLDER = /ZQ(\d+)ZQ/g;

/**
 * Replaces the occurrences of `glossary`'s terms in `texts` (as `termsIn` finds them: longest
 * first, names not mistaken for a longer name's part) by placeholders.
 *
 * @example
 * ```ts
 * const guarded = protectGlossaryTerms(['The White House said'], { 'White House': 'Gedung Putih' });
 * guarded.texts; // ['The ZQ0ZQ said']
 * guarded.restore(['ZQ0ZQ mengatakan']); // ['Gedung Putih mengatakan']
 * ```
 */
export function protectGlossaryTerms(texts: readonly string[], glossary: Readonly<Glossary>): ProtectedTexts {
  const terms = compileTerms(glossary);
  const renderings: string[] = [];
  const protectedTexts = texts.map((text) => {
    if (terms.length === 0) return text;
    const { text: joined, tokens } = tokenize(text);
    const spans = termSpans(tokens, terms).sort((a, b) => a.start - b.start);
    if (spans.length === 0) return text;
    let out = '';
    let at = 0;
    for (const span of spans) {
      const first = tokens[span.start];
      const last = tokens[span.end - 1];
      if (first === undefined || last === undefined) continue;
      out += joined.slice(at, first.start) + placeholder(renderings.length);
      renderings.push(span.term.target);
      at = last.end;
    }
    return out + joined.slice(at);
  });
  return {
    texts: protectedTexts,
    replaced: renderings.length,
    restore: (translated) =>
      translated.map((text) => text.replace(PLACEHOLDER, (match, index: string) => renderings[Number(index)] ?? match)),
  };
}
