/**
 * A news item after normalization: what every later step (matching, condensing, briefing) reads.
 *
 * Text fields are plain text: `content` keeps paragraph breaks as blank lines (`\n\n`).
 */
export interface Article {
  /** Stable across polls and feeds: guid, else Atom id, else canonical link, else a title+date hash. */
  id: string;
  /** The feed this article came from, when it came from one. */
  feedUrl?: string;
  title: string;
  /** Canonical URL (tracking parameters and fragment removed). Posted unchanged and whole. */
  link: string;
  summary: string;
  content: string;
  /** Base language code (`en`, `id`, `ru`...), from the feed or detected; undefined when unknown. */
  language?: string;
  /** Epoch milliseconds. */
  publishedAt?: number;
}

/** The fields the matcher reads, in the order it reports them. */
export type ArticleField = 'title' | 'summary' | 'content';
