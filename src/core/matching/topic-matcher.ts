/**
 * The contract of a compiled matcher: all terms of all topics, scanning an article once.
 * Built by `compileMatcher` in `compile.ts`.
 */
import type { ArticleField } from '../article.js';

/** The text a matcher reads. */
export interface MatchableText {
  title: string;
  summary?: string;
  content?: string;
}

/** One term that hit: which, where, and a short snippet around it. */
export interface TermHit {
  topic: string;
  /** The term as the moderator wrote it. */
  term: string;
  field: ArticleField;
  snippet: string;
  /**
   * For a term with context clauses: which context made it count (`near "government"
   * (near(3) (government|president))`), or, in a verdict's `unmet` list, why it did not.
   */
  context?: string;
  /** Set when the term is strong (`!`): it overrides exclusions, and needs no relevance check. */
  strong?: true;
}

/**
 * What a model said of a match that rested only on weak terms (`KABAR_RELEVANCE_CHECK`):
 * `confirmed` and `rejected` are its answers (`cached` when given for the same article before);
 * `unanswered` means it could not be asked, and the match stands on its terms alone.
 */
export interface RelevanceNote {
  verdict: 'confirmed' | 'rejected' | 'unanswered';
  /** Who answered: `openai gpt-4o-mini`. */
  by: string;
  cached: boolean;
  /** Why it went unanswered. */
  error?: string;
}

/** A topic an article belongs to, with the hits that put it there. */
export interface TopicMatch {
  topic: string;
  hits: TermHit[];
  /** Only where a relevance check is configured and the match needed one. */
  relevance?: RelevanceNote;
}

/** A compiled set of topics. */
export interface TopicMatcher {
  /** Names of the topics compiled in. */
  readonly topics: readonly string[];
  /** The topics `text` belongs to (vetoed ones left out), in the order they were compiled. */
  match(text: MatchableText): TopicMatch[];
}
