/**
 * The optional relevance check (`KABAR_RELEVANCE_CHECK`): a match that rests only on weak terms
 * is put to a model as one yes/no question before it becomes a brief.
 */
import { describeError } from '../../core/errors.js';
import type { RelevanceNote, TopicMatch } from '../../core/matching/topic-matcher.js';
import type { Clock, Logger, RelevanceCheck, RelevanceLedger } from '../../core/ports.js';

/** Everything {@link confirmRelevance} needs. */
export interface RelevanceDeps {
  check: RelevanceCheck;
  ledger: RelevanceLedger;
  /** The topic's description (what the model is told the topic covers), if it has one. */
  describe: (topic: string) => Promise<string | undefined>;
  clock: Clock;
  log: Logger;
}

/** The article as the model sees it: its id (for the ledger), title and summary. */
export interface ArticleToConfirm {
  id: string;
  title: string;
  summary?: string;
}

/**
 * True when no strong (`!`) term hit: the match rests on ordinary words and context clauses
 * alone, the kind a keyword engine gets wrong (a people's name abroad, a place in someone else's
 * story). A match with a strong term — the Accords named — is left alone.
 */
export function restsOnWeakTerms(match: TopicMatch): boolean {
  return match.hits.every((hit) => hit.strong !== true);
}

/**
 * Asks about every match that {@link restsOnWeakTerms}, at most once per article and topic (the
 * ledger keeps the answer, so a retried poll or a second feed carrying the article asks nothing),
 * and notes the answer on the match. Rejected matches are returned too, noted `rejected`, so an
 * explanation can show them; {@link keepRelevant} drops them.
 *
 * A model that cannot be asked (timeout, 5xx, bad reply) never costs an article: the match stands
 * on its terms alone, noted `unanswered`, and the next article asks again.
 *
 * @example
 * ```ts
 * const matches = keepRelevant(await confirmRelevance(article, matcher.match(article), deps));
 * ```
 */
export async function confirmRelevance(article: ArticleToConfirm, matches: readonly TopicMatch[], deps: RelevanceDeps): Promise<TopicMatch[]> {
  const confirmed: TopicMatch[] = [];
  for (const match of matches) {
    confirmed.push(restsOnWeakTerms(match) ? { ...match, relevance: await ask(article, match.topic, deps) } : match);
  }
  return confirmed;
}

/** The matches a model did not reject. */
export function keepRelevant(matches: readonly TopicMatch[]): TopicMatch[] {
  return matches.filter((match) => match.relevance?.verdict !== 'rejected');
}

async function ask(article: ArticleToConfirm, topic: string, deps: RelevanceDeps): Promise<RelevanceNote> {
  const by = deps.check.name;
  const now = deps.clock.now();
  try {
    const known = await deps.ledger.verdict(article.id, topic);
    if (known !== undefined) {
      await deps.ledger.count('cached', now);
      return { verdict: known ? 'confirmed' : 'rejected', by, cached: true };
    }
    const answer = await deps.check.ask({
      topic,
      description: (await deps.describe(topic)) ?? topic,
      title: article.title,
      ...(article.summary === undefined ? {} : { summary: article.summary }),
    });
    await deps.ledger.record(article.id, topic, answer.relevant);
    await deps.ledger.count(answer.relevant ? 'confirmed' : 'rejected', now);
    if (!answer.relevant) deps.log.info('relevance check: the model says the article is not about the topic', { articleId: article.id, topic, by });
    return { verdict: answer.relevant ? 'confirmed' : 'rejected', by, cached: false };
  } catch (error) {
    const reason = describeError(error);
    deps.log.warn('relevance check failed; the match stands on its terms', { articleId: article.id, topic, by, error: reason });
    await deps.ledger.count('failed', now).catch(() => undefined);
    return { verdict: 'unanswered', by, cached: false, error: reason };
  }
}
