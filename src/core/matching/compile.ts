/**
 * Compiles topics into one {@link TopicMatcher} that reads each article once.
 */
import type { ArticleField } from '../article.js';
import { KabarError } from '../errors.js';
import type { TopicDefinition } from '../topics/topic.js';
import { parseTopic } from './parse-term.js';
import type { ParsedTerm } from './parse-term.js';
import { locateSide } from './context-check.js';
import type { CompiledContext, SideHit } from './context-check.js';
import { PhraseIndexBuilder } from './phrase-index.js';
import type { PhraseOccurrence } from './phrase-index.js';
import { SNIPPET_CHARS, snippetAround } from './snippet.js';
import type { MatchableText, TermHit, TopicMatch, TopicMatcher } from './topic-matcher.js';

/** What a matcher decided about one topic for one article, including the exclusions that hit. */
export interface TopicVerdict {
  topic: string;
  /** True when the article belongs to the topic (what {@link TopicMatcher.match} returns). */
  matched: boolean;
  /** Include terms that hit. */
  hits: TermHit[];
  /** Exclusions that hit: they veto the topic unless one of `hits` is strong. */
  vetoes: TermHit[];
  /**
   * Include terms whose words appear but whose context clauses ruled every occurrence out; each
   * one's `context` says why (`"Kazakh": nothing of near(3) (government|president) within 3 words`).
   */
  unmet: TermHit[];
}

/** A {@link TopicMatcher} that can also explain near misses (for `kabar match` and chat previews). */
export interface ExplainingTopicMatcher extends TopicMatcher {
  /**
   * One verdict for every topic with at least one include or exclude hit (or an include term
   * whose context was not met), matched or not, in compile order. Topics with none are left out.
   */
  explain(text: MatchableText): TopicVerdict[];
}

interface CompiledTerm {
  topic: number;
  raw: string;
  role: ParsedTerm['role'];
  strong: boolean;
  /** Phrase ids per side; a side hits when any of its phrases was found (and meets its context). */
  sides: number[][];
  /** Context clauses per side (empty: none). */
  contexts: CompiledContext[][];
}

const FIELDS: readonly ArticleField[] = ['title', 'summary', 'content'];

/**
 * Compiles every term of every topic into one matcher. Each article is tokenised once and each
 * token looked up in one dictionary: matching cost grows with the article, not with the number of
 * terms (see `phrase-index.ts`).
 *
 * Each term must be valid (`parseTerm`); the number of terms per topic is not capped here, so a
 * global topic merged with a chat's overlay may exceed what `validateTopic` allows one topic.
 *
 * @throws KabarError `permanent`, code `invalid-term`, when a term is invalid (see `parseTerm`),
 *   or code `duplicate-topic` when two topics share a name (merge them before compiling).
 * @example
 * ```ts
 * const matcher = compileMatcher([{ name: 'central-asia', include: ['Kazakh*'], exclude: ['Astana Qazaqstan'] }]);
 * matcher.match({ title: "Kazakhstan's new capital plan" });
 * // [{ topic: 'central-asia', hits: [{ topic: 'central-asia', term: 'Kazakh*', field: 'title', snippet: "Kazakhstan's new capital plan" }] }]
 * ```
 */
export function compileMatcher(topics: readonly TopicDefinition[]): ExplainingTopicMatcher {
  const names: string[] = [];
  const terms: CompiledTerm[] = [];
  const builder = new PhraseIndexBuilder();
  const phraseTerms: number[][] = [];
  // Groups repeat across terms (one signatory group in dozens of terms): one array per distinct
  // group lets an article's checks of a group be memoized by identity.
  const groups = new Map<string, number[]>();
  const intern = (ids: number[]): number[] => {
    const key = ids.join(' ');
    const known = groups.get(key);
    if (known !== undefined) return known;
    groups.set(key, ids);
    return ids;
  };

  for (const def of topics) {
    if (names.includes(def.name)) {
      throw new KabarError('permanent', `Topic "${def.name}" is defined twice — merge its terms into one definition before compiling.`, {
        code: 'duplicate-topic',
      });
    }
    const parsed = parseTopic(def);
    const topic = names.push(def.name) - 1;
    for (const term of [...parsed.include, ...parsed.exclude]) {
      const index = terms.length;
      const sides = term.sides.map((alternatives) => intern(alternatives.map((phrase) => builder.add(phrase))));
      const contexts = term.contexts.map((clauses, side): CompiledContext[] => {
        if (clauses.length > 0) for (const id of sides[side] ?? []) builder.keepAllOccurrences(id);
        return clauses.map((clause): CompiledContext => {
          if (clause.kind === 'in') return clause;
          const phrases = intern(clause.alternatives.map((phrase) => builder.add(phrase)));
          for (const id of phrases) builder.keepAllOccurrences(id);
          return { kind: clause.kind, words: clause.words, phrases, raw: clause.raw };
        });
      });
      terms.push({ topic, raw: term.raw, role: term.role, strong: term.strong, sides, contexts });
      // A term hits only when every side is present, so it is listed under one side's phrases:
      // the first, which names the subject (`(UAE|...) + (Israel|...) + (trade|...)`), so that an
      // article about Israel alone does not make every co-occurrence term a candidate. Context
      // words alone never make a term a candidate.
      for (const id of new Set(sides[0] ?? [])) (phraseTerms[id] ??= []).push(index);
    }
  }
  const index = builder.build();

  // `withUnmet` false: what match() needs, without building explanations of terms that did not count.
  const evaluate = (text: MatchableText, withUnmet: boolean): TopicVerdict[] => {
    const found = new Map<number, PhraseOccurrence>();
    const all = new Map<number, PhraseOccurrence[]>();
    const fieldText: Record<ArticleField, string> = {
      title: text.title,
      summary: text.summary ?? '',
      content: text.content ?? '',
    };
    for (const field of FIELDS) index.scan(fieldText[field], field, found, all);
    const quote = (o: PhraseOccurrence): string => fieldText[o.field].slice(o.start, o.end);
    const lists = new Map<readonly number[], PhraseOccurrence[]>();
    const present = new Map<readonly number[], boolean>();
    const isPresent = (side: readonly number[]): boolean => {
      let known = present.get(side);
      if (known === undefined) present.set(side, (known = side.some((id) => found.has(id))));
      return known;
    };

    // Only terms that share a phrase with the article can hit; evaluate just those.
    const candidates = new Set<number>();
    for (const phrase of found.keys()) for (const t of phraseTerms[phrase] ?? []) candidates.add(t);

    const verdicts = new Map<number, TopicVerdict & { strong: boolean }>();
    for (const t of [...candidates].sort((a, b) => a - b)) {
      const term = terms[t];
      if (term === undefined) continue;
      if (!term.sides.every(isPresent)) continue;
      const located = locate(term, found, all, quote, lists, withUnmet);
      if (located === undefined || (!withUnmet && 'unmet' in located)) continue;
      const topic = names[term.topic] ?? '';
      let verdict = verdicts.get(term.topic);
      if (verdict === undefined) {
        verdict = { topic, matched: false, hits: [], vetoes: [], unmet: [], strong: false };
        verdicts.set(term.topic, verdict);
      }
      if ('unmet' in located) {
        if (term.role === 'include') {
          const at = located.at;
          verdict.unmet.push({ topic, term: term.raw, field: at.field, snippet: snippetForSides([at], fieldText), context: located.unmet });
        }
        continue;
      }
      const where = located[0]?.at;
      if (where === undefined) continue;
      const hit: TermHit = { topic, term: term.raw, field: where.field, snippet: snippetForSides(occurrencesShown(located), fieldText) };
      const reasons = located.length === 1 ? (located[0]?.reasons ?? []) : located.flatMap((side) => side.reasons);
      if (reasons.length > 0) hit.context = reasons.join('; ');
      if (term.strong && term.role === 'include') hit.strong = true;
      if (term.role === 'exclude') {
        verdict.vetoes.push(hit);
      } else {
        verdict.hits.push(hit);
        verdict.strong ||= term.strong;
      }
    }
    return [...verdicts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, { strong, ...verdict }]) => ({
        ...verdict,
        matched: verdict.hits.length > 0 && (verdict.vetoes.length === 0 || strong),
      }));
  };

  return {
    topics: names,
    explain: (text) => evaluate(text, true),
    match: (text) =>
      evaluate(text, false)
        .filter((v) => v.matched)
        .map(({ topic, hits }): TopicMatch => ({ topic, hits })),
  };
}

/**
 * Each side's first occurrence that meets its context (the earliest, for a side without clauses);
 * undefined when a side's words are missing (the term does not hit); `unmet` with the first reason
 * when every side's words are there but a side's context rules all its occurrences out.
 */
function locate(
  term: CompiledTerm,
  found: ReadonlyMap<number, PhraseOccurrence>,
  all: ReadonlyMap<number, PhraseOccurrence[]>,
  quote: (o: PhraseOccurrence) => string,
  lists: Map<readonly number[], PhraseOccurrence[]>,
  explainMiss: boolean,
): SideHit[] | { unmet: string; at: PhraseOccurrence } | undefined {
  const located: SideHit[] = [];
  let unmet: { unmet: string; at: PhraseOccurrence } | undefined;
  for (const [i, side] of term.sides.entries()) {
    const outcome = locateSide(side, term.contexts[i] ?? [], found, all, quote, lists, explainMiss);
    if (outcome === undefined) return undefined;
    if ('hit' in outcome) {
      located.push(outcome.hit);
      continue;
    }
    const at = side.map((id) => found.get(id)).find((o) => o !== undefined);
    if (at !== undefined) unmet ??= { unmet: outcome.unmet, at };
  }
  return unmet ?? located;
}

/** The occurrences a hit's snippet shows: each side's, and the `near` context that made it count. */
function occurrencesShown(located: readonly SideHit[]): readonly PhraseOccurrence[] {
  const only = located[0];
  if (located.length === 1 && only !== undefined && only.context.length === 0) return [only.at];
  return located.flatMap((side) => [side.at, ...side.context]);
}

/**
 * One snippet when all sides of a hit fit in one, else a shorter snippet per side joined by
 * ` … `, so that a co-occurrence hit shows every word that made it.
 */
function snippetForSides(sides: readonly PhraseOccurrence[], fieldText: Readonly<Record<ArticleField, string>>): string {
  const first = sides[0];
  if (first === undefined) return '';
  if (sides.length === 1) return snippetAround(fieldText[first.field], first.start, first.end);
  const sameField = sides.every((s) => s.field === first.field);
  const start = Math.min(...sides.map((s) => s.start));
  const end = Math.max(...sides.map((s) => s.end));
  if (sameField && end - start <= SNIPPET_CHARS) return snippetAround(fieldText[first.field], start, end);
  const width = Math.floor(SNIPPET_CHARS / sides.length);
  return sides
    .map((s) => snippetAround(fieldText[s.field], s.start, s.end, width))
    .reduce((joined, part) => `${joined}${joined.endsWith('…') || part.startsWith('…') ? ' ' : ' … '}${part}`);
}
