/**
 * What a term edit would change, tried on the articles of the last days before it is saved:
 * `kabar topics preview add-term NAME TERM`.
 */
import { KabarError, isKabarError } from '../../core/errors.js';
import { compileMatcher } from '../../core/matching/compile.js';
import type { TopicVerdict } from '../../core/matching/compile.js';
import { validateTopic } from '../../core/matching/parse-term.js';
import type { TermHit } from '../../core/matching/topic-matcher.js';
import type { Article } from '../../core/article.js';
import type { ArticleArchive } from '../../core/ports.js';
import { mergeOverlay } from '../../core/topics/effective-topics.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import { termEditChange } from './edit-terms.js';
import type { TermEditKind } from './edit-terms.js';
import { checkTopicChange, effectiveDefinition, readTopicLayers, resolveTopicRef } from './edit-topic.js';
import type { TopicChange, TopicLayers, TopicRef } from './edit-topic.js';
import type { TopicDeps } from './topic-deps.js';

/** Articles scanned when no limit is given: the newest of the archive. */
export const DEFAULT_PREVIEW_ARTICLES = 2_000;

/** Gained and lost articles listed at most (each); all of them are counted. */
export const MAX_PREVIEW_EXAMPLES = 20;

/** Input of {@link previewTopicEdit}. */
export interface PreviewTopicEditInput extends TopicRef {
  /** The edit as `addTerm`, `excludeTerm` or `removeTerm` would take it: `-Lincoln` works as there. */
  change: { kind: TermEditKind; term: string };
}

/** The dependencies of {@link previewTopicEdit}: the topic use cases' plus the article archive. */
export interface PreviewTopicEditDeps extends TopicDeps {
  articles: ArticleArchive;
}

/** An article the edit would bring into the topic. */
export interface GainedArticle {
  articleId: string;
  title: string;
  link: string;
  /** An include hit after the edit: one that did not hit before when there is one (the new term). */
  hit: TermHit;
}

/** An article the edit would take out of the topic. */
export interface LostArticle {
  articleId: string;
  title: string;
  link: string;
  /** The exclusion that vetoes it after the edit (a new one when there is one); none when no include term hits any more. */
  veto?: TermHit;
  /** An include hit that matched it before the edit: one that no longer hits when there is one (the removed term). */
  hit: TermHit;
}

/** What a term edit would change on recent articles. */
export interface TopicEditPreview {
  /** Recent articles read from the archive. */
  scanned: number;
  /** Of those, how many the topic matches now... */
  before: number;
  /** ...and would match after the edit. */
  after: number;
  /** All articles gained; `gained` lists the first {@link MAX_PREVIEW_EXAMPLES}, newest first. */
  gainedCount: number;
  /** All articles lost; `lost` lists the first {@link MAX_PREVIEW_EXAMPLES}, newest first. */
  lostCount: number;
  gained: GainedArticle[];
  lost: LostArticle[];
}

/**
 * Tries a term edit on the newest `limit` articles of the archive without saving it: the topic as
 * `scope` (default `global`) sees it now, against the topic as it would be after the edit. The
 * edit is built and checked by the same code as `addTerm`, `excludeTerm` and `removeTerm`, so the
 * preview refuses exactly what saving would (except concurrent edits, which only saving can meet).
 * A stored topic that no longer validates counts as matching nothing now, as the live matcher
 * leaves it out.
 *
 * @throws KabarError `permanent`: the codes of the edit (`invalid-term`, `duplicate-term`,
 *   `conflicting-term`, `absent-term`, `global-term`, `unknown-topic`, `invalid-topic-name`,
 *   `invalid-scope`); `invalid-limit` unless `limit` is a whole number of at least 1.
 * @example
 * ```ts
 * const p = await previewTopicEdit({ name: 'central-asia', change: { kind: 'add-term', term: 'Turkmen*' } }, { store, clock, articles });
 * `${p.scanned} scanned; matches now ${p.before}, after the edit ${p.after} (+${p.gainedCount}, -${p.lostCount})`;
 * ```
 */
export async function previewTopicEdit(
  input: PreviewTopicEditInput,
  deps: PreviewTopicEditDeps,
  limit = DEFAULT_PREVIEW_ARTICLES,
): Promise<TopicEditPreview> {
  // The archive reads ids 0..limit-1, so 0 would mean "all of them" there.
  if (!Number.isInteger(limit) || limit < 1) {
    throw new KabarError('permanent', `The number of articles to preview must be a whole number of at least 1; got ${limit}.`, {
      code: 'invalid-limit',
    });
  }
  const { scope, name } = resolveTopicRef(input);
  const change = termEditChange(input.change.kind, name, input.change.term);
  const layers = await readTopicLayers(deps.store, scope, name);
  const next = change(layers);
  checkTopicChange(layers, next);
  const now = verdictsOf(liveDefinition(effectiveDefinition(layers)));
  const edited = verdictsOf(definitionAfter(layers, next));

  const articles = await deps.articles.recent(limit);
  const preview: TopicEditPreview = { scanned: articles.length, before: 0, after: 0, gainedCount: 0, lostCount: 0, gained: [], lost: [] };
  for (const article of articles) {
    const was = now(article);
    const will = edited(article);
    if (was?.matched === true) preview.before++;
    if (will?.matched === true) preview.after++;
    if (will?.matched === true && was?.matched !== true) {
      preview.gainedCount++;
      const hit = preferNew(will.hits, was?.hits);
      if (hit !== undefined && preview.gained.length < MAX_PREVIEW_EXAMPLES) preview.gained.push({ ...refOf(article), hit });
    } else if (was?.matched === true && will?.matched !== true) {
      preview.lostCount++;
      const hit = preferNew(was.hits, will?.hits);
      const veto = preferNew(will?.vetoes ?? [], was.vetoes);
      if (hit !== undefined && preview.lost.length < MAX_PREVIEW_EXAMPLES) {
        preview.lost.push(veto === undefined ? { ...refOf(article), hit } : { ...refOf(article), veto, hit });
      }
    }
  }
  return preview;
}

/** One topic's verdict on an article; undefined when no term of it hits (or there is no topic). */
type Verdicts = (article: Article) => TopicVerdict | undefined;

function verdictsOf(definition: TopicDefinition | undefined): Verdicts {
  if (definition === undefined) return () => undefined;
  const matcher = compileMatcher([definition]);
  return (article) => matcher.explain(article)[0];
}

/** The topic as the live matcher compiles it, which leaves out a stored topic that no longer validates. */
function liveDefinition(definition: TopicDefinition): TopicDefinition | undefined {
  try {
    validateTopic(definition);
    return definition;
  } catch (error) {
    if (!isKabarError(error)) throw error;
    return undefined;
  }
}

/** What matching would use in this scope once `next` is saved (see `effectiveDefinition`). */
function definitionAfter(layers: TopicLayers, next: TopicChange): TopicDefinition | undefined {
  const global = layers.global?.definition;
  if (next.deleted) return global;
  return global === undefined ? next.definition : mergeOverlay(global, next.definition);
}

/** The first of `hits` whose term is not among `others`, else the first: the one the edit is about. */
function preferNew(hits: readonly TermHit[], others: readonly TermHit[] = []): TermHit | undefined {
  return hits.find((hit) => !others.some((other) => other.term === hit.term)) ?? hits[0];
}

function refOf(article: Article): { articleId: string; title: string; link: string } {
  return { articleId: article.id, title: article.title, link: article.link };
}
