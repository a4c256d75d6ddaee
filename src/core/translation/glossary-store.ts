/**
 * The port for the glossary entries moderators edit, and the rules every edit must pass.
 *
 * The shipped glossaries (`default-glossary.json`) stay read-only; the store keeps only what
 * moderators changed, per target language, as **overrides**: a term with the rendering they chose,
 * or a **removal** that switches a shipped entry off ("stop turning UAE into UEA"). Keeping the
 * shipped entries out of the store means a new kabar release can still improve every entry no
 * moderator touched.
 */
import { KabarError } from '../errors.js';
import { isBaseLanguageCode } from '../text/language-tag.js';
import { tokenize } from './word-tokens.js';

/** Most entries a language's glossary may have in use, and most overrides a store keeps per language. */
export const MAX_GLOSSARY_ENTRIES = 500;

/** Longest source or target term, in characters (code points, as a moderator counts them). */
export const MAX_GLOSSARY_TERM_CHARS = 100;

/** What every override records: which term, who changed it, and when. */
interface OverrideStamp {
  /** The source term, as validated by {@link validateGlossaryTerm}. */
  source: string;
  /** A moderator's handle, `cli:<user>`, … */
  author: string;
  /** Epoch ms. */
  at: number;
}

/**
 * One moderator change to a language's glossary: `term` adds an entry or replaces a shipped one;
 * `removed` switches the shipped entry for `source` off.
 *
 * @example
 * ```ts
 * const mine: GlossaryOverride = { kind: 'term', source: 'Board of Peace', target: 'Dewan Perdamaian', author: 'alice', at: 0 };
 * const off: GlossaryOverride = { kind: 'removed', source: 'UAE', author: 'alice', at: 0 };
 * ```
 */
export type GlossaryOverride =
  | (OverrideStamp & { readonly kind: 'term'; target: string })
  | (OverrideStamp & { readonly kind: 'removed' });

/**
 * Moderators' glossary overrides, per target language. Each call reads or writes one override
 * atomically; the use cases (`app/glossary/`) decide what an edit means against the shipped
 * glossary.
 *
 * @example
 * ```ts
 * await store.put('id', { kind: 'term', source: 'White House', target: 'Istana Putih', author: 'alice', at: clock.now() });
 * await store.overrides('id'); // [{ kind: 'term', source: 'White House', … }]
 * ```
 */
export interface GlossaryStore {
  /** The overrides of one language, ordered by source term; empty when it has none. */
  overrides(language: string): Promise<GlossaryOverride[]>;
  /**
   * Records `override`, replacing any override of the same source term. Writes nothing and
   * answers `full` when the language already holds {@link MAX_GLOSSARY_ENTRIES} overrides and this
   * source term is not one of them.
   */
  put(language: string, override: GlossaryOverride): Promise<'written' | 'full'>;
  /** Drops the override of `source`, so the shipped entry (if any) applies again; false when there was none. */
  clear(language: string, source: string): Promise<boolean>;
  /** The languages that hold at least one override, in lexical order. */
  languages(): Promise<string[]>;
}

/**
 * Checks a glossary language code: a base code such as `id` or `es`, as subscriptions store it.
 *
 * @throws KabarError `permanent`, code `usage`, naming the code that was given.
 * @example validateGlossaryLanguage('id'); // 'id'
 */
export function validateGlossaryLanguage(language: string): string {
  if (!isBaseLanguageCode(language)) {
    throw new KabarError(
      'permanent',
      `"${language}" is not a language code: a glossary belongs to a base code of 2–3 lower-case letters, such as id or es (not id-ID or Indonesian).`,
      { code: 'usage' },
    );
  }
  return language;
}

/**
 * Checks and tidies one side of a glossary entry: trimmed, runs of spaces made one (so `White  House`
 * and `White House` are the same entry), 1–{@link MAX_GLOSSARY_TERM_CHARS} characters, one line.
 * A source term must also contain a letter or digit, since matching is by words.
 *
 * @throws KabarError `permanent`, code `invalid-glossary`, saying what to change.
 * @example validateGlossaryTerm('source', '  White House '); // 'White House'
 */
export function validateGlossaryTerm(side: 'source' | 'target', text: string): string {
  const invalid = (why: string): KabarError =>
    new KabarError('permanent', `The ${side} term "${shorten(text)}" ${why}.`, { code: 'invalid-glossary' });
  // Checked before spaces are tidied, which would quietly turn a line break into a space.
  if (/[\p{Cc}\u2028\u2029]/u.test(text)) throw invalid('contains a line break or control character — write it on one line');
  const term = text.trim().replace(/\s+/gu, ' ');
  if (term === '') throw new KabarError('permanent', `The ${side} term is empty — give the words to translate.`, { code: 'invalid-glossary' });
  const length = [...term].length;
  if (length > MAX_GLOSSARY_TERM_CHARS) {
    throw invalid(`is ${length} characters long; the most is ${MAX_GLOSSARY_TERM_CHARS}`);
  }
  if (side === 'source' && tokenize(term).tokens.length === 0) {
    throw invalid('has no letters or digits, so it could never match a word');
  }
  return term;
}

function shorten(text: string): string {
  const oneLine = text.replace(/[\p{Cc}\u2028\u2029]+/gu, '⏎');
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
