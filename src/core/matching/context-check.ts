/**
 * Where a side of a compiled term hits, given its context clauses (`near`, `notnear`, `in`): the
 * per-article half of context terms. The scan (`phrase-index.ts`) records every occurrence of the
 * phrases involved; this walks those lists once per clause, so the work grows with the number of
 * occurrences, never with the window N or with what the article says elsewhere.
 */
import type { ArticleField } from '../article.js';
import { MAX_PHRASE_WORDS } from './limits.js';
import type { PhraseOccurrence } from './phrase-index.js';

/** A context clause with its phrases compiled to ids. `raw` is the clause as written. */
export type CompiledContext =
  | { readonly kind: 'near' | 'notnear'; readonly words: number; readonly phrases: readonly number[]; readonly raw: string }
  | { readonly kind: 'in'; readonly field: ArticleField; readonly raw: string };

/** Where a side hit, the context occurrences that made it count, and how to say so. */
export interface SideHit {
  at: PhraseOccurrence;
  /** `near` occurrences that made the side count (shown in the snippet). */
  context: readonly PhraseOccurrence[];
  /** For people, one per `near` and `in` clause: `near "government" (near(2) …)`, `in the title`. */
  reasons: readonly string[];
}

/** The outcome for one side: a hit, or (when its words appear but no occurrence meets its context) why not. */
export type SideOutcome = { hit: SideHit } | { unmet: string };

const FIELDS: readonly ArticleField[] = ['title', 'summary', 'content'];
// Shared by every side without clauses, so that the common case allocates no lists.
const NONE: readonly never[] = Object.freeze([]);

/** Orders occurrences as the scan meets them: by field, then by position. */
export function compareOccurrences(a: PhraseOccurrence, b: PhraseOccurrence): number {
  return FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field) || a.firstWord - b.firstWord || a.lastWord - b.lastWord;
}

/** Words between two occurrences of one field: 1 when adjacent, 0 when they overlap. */
function distance(a: PhraseOccurrence, b: PhraseOccurrence): number {
  if (b.firstWord > a.lastWord) return b.firstWord - a.lastWord;
  if (a.firstWord > b.lastWord) return a.firstWord - b.lastWord;
  return 0;
}

/**
 * The occurrences of any of `ids`, in text order. Memoized per article in `lists` (keyed by the
 * compiled id list, shared by every term written with the same group), since one context group
 * often serves many terms.
 */
function occurrencesOf(
  ids: readonly number[],
  all: ReadonlyMap<number, PhraseOccurrence[]>,
  lists: Map<readonly number[], PhraseOccurrence[]>,
): PhraseOccurrence[] {
  const known = lists.get(ids);
  if (known !== undefined) return known;
  let list: PhraseOccurrence[] = [];
  let sources = 0;
  for (const id of ids) {
    const some = all.get(id);
    if (some === undefined) continue;
    sources++;
    list = sources === 1 ? some : [...list, ...some];
  }
  // One source is already in text order; several need merging.
  if (sources > 1) list.sort(compareOccurrences);
  lists.set(ids, list);
  return list;
}

/**
 * A window over one clause's occurrences, moved forward as the base occurrences are visited in
 * order, so that each occurrence is passed over once whatever N is.
 */
class Window {
  private from = 0;
  constructor(
    private readonly list: readonly PhraseOccurrence[],
    private readonly words: number,
  ) {}

  /** The nearest occurrence at most `words` away from `base`, in the same field. */
  nearest(base: PhraseOccurrence): PhraseOccurrence | undefined {
    const field = FIELDS.indexOf(base.field);
    // Occurrences that end before the window (phrases are at most MAX_PHRASE_WORDS long) can never
    // be near a later base occurrence either.
    while (this.from < this.list.length) {
      const o = this.list[this.from];
      if (o === undefined) break;
      const of = FIELDS.indexOf(o.field);
      if (of < field || (of === field && o.firstWord + MAX_PHRASE_WORDS < base.firstWord - this.words)) this.from++;
      else break;
    }
    let best: PhraseOccurrence | undefined;
    for (let q = this.from; q < this.list.length; q++) {
      const o = this.list[q];
      if (o === undefined || o.field !== base.field || o.firstWord > base.lastWord + this.words) break;
      const d = distance(base, o);
      if (d <= this.words && (best === undefined || d < distance(base, best))) best = o;
    }
    return best;
  }
}

/**
 * Finds the first occurrence of a side (any of its alternative phrases) that meets every clause.
 * Without clauses that is simply the earliest occurrence in `found`. Returns undefined when none of
 * the side's phrases occurs at all. With `explainMiss` false (what `match()` needs), an unmet side
 * comes back as `{ unmet: '' }`, without building the sentence that says why.
 */
export function locateSide(
  phrases: readonly number[],
  contexts: readonly CompiledContext[],
  found: ReadonlyMap<number, PhraseOccurrence>,
  all: ReadonlyMap<number, PhraseOccurrence[]>,
  quote: (o: PhraseOccurrence) => string,
  lists: Map<readonly number[], PhraseOccurrence[]> = new Map(),
  explainMiss = true,
): SideOutcome | undefined {
  if (contexts.length === 0) {
    let earliest: PhraseOccurrence | undefined;
    for (const id of phrases) {
      const at = found.get(id);
      if (at !== undefined && (earliest === undefined || compareOccurrences(at, earliest) < 0)) earliest = at;
    }
    return earliest === undefined ? undefined : { hit: { at: earliest, context: NONE, reasons: NONE } };
  }
  const bases = occurrencesOf(phrases, all, lists);
  if (bases.length === 0) return undefined;
  // Windows are built on first use: most bases fail an earlier clause (in, notnear) or none exist.
  const windows: (Window | undefined)[] = [];
  let firstMiss: string | undefined;
  for (const at of bases) {
    const context: PhraseOccurrence[] = [];
    const reasons: string[] = [];
    let miss: string | undefined;
    let missed = false;
    for (let i = 0; i < contexts.length && !missed; i++) {
      const clause = contexts[i];
      if (clause === undefined) continue;
      if (clause.kind === 'in') {
        if (at.field === clause.field) reasons.push(`in the ${clause.field}`);
        else {
          missed = true;
          if (explainMiss) miss = `only in the ${at.field}, and ${clause.raw} asks for the ${clause.field}`;
        }
        continue;
      }
      const window = (windows[i] ??= new Window(occurrencesOf(clause.phrases, all, lists), clause.words));
      const near = window.nearest(at);
      if (clause.kind === 'near') {
        if (near === undefined) {
          missed = true;
          if (explainMiss) miss = `nothing of ${clause.raw} within ${clause.words} words`;
        } else {
          context.push(near);
          reasons.push(`near "${quote(near)}" (${clause.raw})`);
        }
      } else if (near !== undefined) {
        missed = true;
        if (explainMiss) miss = `"${quote(near)}" is within ${clause.words} words (${clause.raw})`;
      }
      // A notnear clause that holds is not repeated in the hit: the term, shown with the hit, says it.
    }
    if (!missed) return { hit: { at, context, reasons } };
    if (explainMiss) firstMiss ??= `"${quote(at)}": ${miss ?? ''}`;
  }
  return { unmet: firstMiss ?? '' };
}
