/**
 * When two written terms are the same term: `kazakh*` and `Kazakh*`, or `Kazajistán` and
 * `Kazajistan`, match exactly the same words, so adding one when the other is there is a
 * duplicate, and removing one removes the other.
 */
import { isKabarError } from '../../core/errors.js';
import { parseTerm } from '../../core/matching/parse-term.js';
import type { TopicDefinition } from '../../core/topics/topic.js';

/** Which list of a topic a term sits in. */
export type TermList = 'include' | 'exclude';

/** A term found in a topic. */
export interface FoundTerm {
  /** How the matcher reads it: `-x` in the include list is an exclusion. */
  role: TermList;
  /** The list it is stored in, to remove it from. */
  storedIn: TermList;
  /** As written there. */
  raw: string;
}

/**
 * What a term matches, ignoring how it is written and whether it is strong (`!`) or an exclusion
 * (`-`): the parsed sides, which hold normalized words, and their context clauses. A term that no longer parses (written
 * under older rules) falls back to its lower-cased text, so it can still be found and removed.
 */
export function termShape(raw: string): string {
  try {
    const { sides, contexts } = parseTerm(raw);
    // Context clauses change what a term matches; terms without any keep their old shape.
    return JSON.stringify(contexts.some((c) => c.length > 0) ? [sides, contexts] : sides);
  } catch (error) {
    if (!isKabarError(error)) throw error;
    return `unparsed:${raw.trim().toLowerCase()}`;
  }
}

/** True when `raw` is written with a leading `-` (an exclusion, in parse-term's syntax). */
export function isExclusionMarked(raw: string): boolean {
  return raw.trim().startsWith('-');
}

/** `raw` without a leading `-` marker and surrounding space. */
export function withoutExclusionMarker(raw: string): string {
  const term = raw.trim();
  return term.startsWith('-') ? term.slice(1).trim() : term;
}

/**
 * Finds `raw` in a topic: the exact text first, then any term of the same shape
 * ({@link termShape}). Include-list terms written `-x` count as exclusions, as the matcher treats
 * them. Looks among the terms playing `roles`, in that order.
 */
export function findTerm(def: TopicDefinition, raw: string, roles: readonly TermList[]): FoundTerm | undefined {
  const entries = roles.flatMap((role) => termsIn(def, role));
  const term = raw.trim();
  const exact = entries.find((e) => e.raw.trim() === term);
  if (exact !== undefined) return exact;
  const shape = termShape(term);
  return entries.find((e) => termShape(e.raw) === shape);
}

/** The terms playing one role (`-x` in `include` is an exclusion, as the matcher reads it). */
function termsIn(def: TopicDefinition, role: TermList): FoundTerm[] {
  if (role === 'include') {
    return def.include.filter((raw) => !isExclusionMarked(raw)).map((raw) => ({ role, storedIn: 'include', raw }));
  }
  return [
    ...def.exclude.map((raw): FoundTerm => ({ role, storedIn: 'exclude', raw })),
    ...def.include.filter(isExclusionMarked).map((raw): FoundTerm => ({ role, storedIn: 'include', raw })),
  ];
}
