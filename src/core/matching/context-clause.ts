/**
 * The context clauses a side of a term may carry (`Kazakh* near(3) (government|president)`,
 * `Tashkent notnear(2) (street|restaurant)`, `Kazakhstan* in(title)`): read here into their parts,
 * so that `parse-term.ts` can parse the phrases in them like any other.
 */
import type { ArticleField } from '../article.js';
import { MAX_CONTEXT_CLAUSES, MAX_CONTEXT_WORDS } from './limits.js';

/** A clause as written: which kind, and its argument and target text, not yet parsed. */
export type WrittenClause =
  | { readonly kind: 'near' | 'notnear'; readonly words: number; readonly target: string }
  | { readonly kind: 'in'; readonly field: ArticleField };

const CLAUSE_START = /(?:^|\s)(?:near|notnear|in)\(/iu;
const CLAUSE = /^(near|notnear|in)\(([^()]*)\)\s*/iu;
const FIELDS: readonly ArticleField[] = ['title', 'summary', 'content'];

/**
 * Splits one side of a term into its base (a phrase, a prefix or a `( … | … )` group) and its
 * context clauses. `fail` builds the error for a malformed clause.
 *
 * @example
 * ```ts
 * splitContext('Kazakh* near(3) (government|president)', fail);
 * // { base: 'Kazakh*', clauses: [{ kind: 'near', words: 3, target: '(government|president)' }] }
 * ```
 */
export function splitContext(side: string, fail: (problem: string) => Error): { base: string; clauses: WrittenClause[] } {
  const at = CLAUSE_START.exec(side);
  if (at === null) return { base: side, clauses: [] };
  const base = side.slice(0, at.index).trim();
  if (base.length === 0) throw fail('a context clause needs words before it, as in Kazakh* near(3) (government|president).');
  let rest = side.slice(at.index).trim();
  const clauses: WrittenClause[] = [];
  while (rest.length > 0) {
    const m = CLAUSE.exec(rest);
    if (m === null) throw fail(`"${rest.slice(0, 30)}" is not a context clause: write near(N) words, notnear(N) words or in(title).`);
    rest = rest.slice(m[0].length);
    const kind = (m[1] ?? '').toLowerCase();
    const arg = (m[2] ?? '').trim().toLowerCase();
    if (kind === 'in') {
      const field = FIELDS.find((f) => f === arg);
      if (field === undefined) throw fail(`in(…) takes title, summary or content, not "${arg}".`);
      clauses.push({ kind: 'in', field });
      continue;
    }
    const words = Number(arg);
    if (!/^\d+$/u.test(arg) || words < 1 || words > MAX_CONTEXT_WORDS) {
      throw fail(`${kind}(N) takes a whole number of words from 1 to ${MAX_CONTEXT_WORDS}, not "${arg}".`);
    }
    const next = CLAUSE_START.exec(rest);
    const end = next === null ? rest.length : next.index;
    const target = rest.slice(0, end).trim();
    if (target.length === 0) throw fail(`${kind}(${words}) needs the words to look for after it, as in ${kind}(${words}) (Almaty|Astana).`);
    rest = rest.slice(end).trim();
    clauses.push({ kind: kind === 'near' ? 'near' : 'notnear', words, target });
  }
  if (clauses.length > MAX_CONTEXT_CLAUSES) {
    throw fail(`a side may carry at most ${MAX_CONTEXT_CLAUSES} context clauses; this one has ${clauses.length}.`);
  }
  return { base, clauses };
}

/** How a clause reads in explanations: `near(3) (government|president)`, `in(title)`. */
export function describeClause(clause: WrittenClause): string {
  return clause.kind === 'in' ? `in(${clause.field})` : `${clause.kind}(${clause.words}) ${clause.target}`;
}
