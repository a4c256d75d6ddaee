/**
 * The `brief` job: condense a matched article, translate it once per language its subscribers
 * read, archive the briefs, and queue one delivery per subscription.
 */
import type { Brief } from '../../core/briefs/brief.js';
import { condense } from '../../core/briefs/condense.js';
import { briefLocale } from '../../core/briefs/locales.js';
import { describeError, isKabarError } from '../../core/errors.js';
import type { BriefArchive, BriefJob, DeliveryJob, FeedAudience, Logger, PipelineQueues, Subscription, SubscriptionStore } from '../../core/ports.js';
import { parseCompiledTopicName, resolveCompiledTopic } from '../../core/topics/effective-topics.js';
import type { TopicScope } from '../../core/topics/topic.js';
import { translateBody, type BriefBody, type TranslateBodyDeps } from './translate-body.js';

/** Everything {@link buildBrief} needs. */
export interface BuildBriefDeps extends TranslateBodyDeps {
  subscriptions: SubscriptionStore;
  briefs: BriefArchive;
  queues: PipelineQueues;
  log: Logger;
  /** Body length budget for condensing. */
  budgetChars: number;
  /** Briefs are always built in this language too, for `/accords`-style queries. */
  defaultLanguage: string;
  /** Every compiled topic name (the live matcher's), to tell global topics from chats' own versions. */
  topicNames: () => Promise<readonly string[]>;
  /** Remembers which chats get briefs from which feed, to tell them when it fails. */
  audience?: FeedAudience;
}

/** Per-job facts from the queue. */
export interface BuildBriefAttempt {
  /** True on the job's last attempt: a failing translation then falls back instead of retrying. */
  finalAttempt: boolean;
}

/** What one brief job did. */
export interface BuildBriefOutcome {
  articleId: string;
  /** Languages built: translated, left in the source language, or a source-language fallback after a failed translation. */
  languages: Record<string, 'translated' | 'source' | 'fallback'>;
  deliveries: number;
  /** Subscriptions that prefer to wait for a translation and got nothing this time (each is logged). */
  held: string[];
}

/**
 * Builds and fans out the brief for `job.article`.
 *
 * Translation happens once per target language however many chats read it. When a provider
 * fails for good (a permanent error, or the last attempt), subscriptions that prefer
 * `deliver-with-note` get the brief in the source language with a one-line note in their
 * language; those that prefer `hold` get nothing, and the hold is logged.
 */
export async function buildBrief(job: BriefJob, attempt: BuildBriefAttempt, deps: BuildBriefDeps): Promise<BuildBriefOutcome> {
  const { article } = job;
  const condensed = condense(article, { budgetChars: deps.budgetChars });
  const compiledNames = new Set(await deps.topicNames());
  const audience = (await deps.subscriptions.list()).filter(
    (subscription) => subscription.paused === undefined && follows(subscription, job.topics, compiledNames),
  );
  const languages = [...new Set([deps.defaultLanguage, ...audience.map((subscription) => subscription.language)])];

  const outcome: BuildBriefOutcome = { articleId: article.id, languages: {}, deliveries: 0, held: [] };
  const deliveries: DeliveryJob[] = [];
  for (const language of languages) {
    let body: BriefBody;
    let failure: string | undefined;
    try {
      body = await translateBody(article, condensed, language, deps);
    } catch (error) {
      if (!attempt.finalAttempt && !isKabarError(error, 'permanent')) throw error;
      failure = describeError(error);
      body = { ...condensed, language: article.language ?? language, translated: false };
      deps.log.error('translation failed for good; falling back', { articleId: article.id, language, error: failure });
    }

    const brief: Brief = {
      articleId: article.id,
      topics: job.topics,
      language: body.language,
      title: body.title,
      paragraphs: body.paragraphs,
      url: article.link,
      ...(failure === undefined ? {} : { note: briefLocale(language).translationUnavailable }),
    };
    await deps.briefs.save(brief, language);
    outcome.languages[language] = failure !== undefined ? 'fallback' : body.translated ? 'translated' : 'source';

    for (const subscription of audience.filter((candidate) => candidate.language === language)) {
      if (failure !== undefined && subscription.onTranslationFailure === 'hold') {
        outcome.held.push(subscription.id);
        deps.log.warn('brief held: translation unavailable', { articleId: article.id, subscription: subscription.id });
        continue;
      }
      deliveries.push({ articleId: article.id, subscriptionId: subscription.id, language, platform: subscription.platform });
    }
  }
  await deps.queues.enqueueDeliveries(deliveries);
  if (article.feedUrl !== undefined) await deps.audience?.add(article.feedUrl, deliveries.map((delivery) => delivery.subscriptionId));
  outcome.deliveries = deliveries.length;
  return outcome;
}

/**
 * Whether a subscription wants an article that matched `matched` (compiled topic names, see
 * `core/topics/effective-topics.ts`). A chat with its own version of a topic
 * (`<topic scope>/<name>`, the scope being `chat:<subscription id>` unless the subscription names
 * a shared one, such as its Discord server's) is judged by that version only, so its exclusions hold even
 * when the global topic matched.
 */
export function follows(subscription: Subscription, matched: readonly string[], compiledNames: ReadonlySet<string>): boolean {
  const scope: TopicScope = subscription.topicScope ?? `chat:${subscription.id}`;
  const names = subscription.topics.length > 0 ? subscription.topics : visibleTopics(compiledNames, scope);
  return names.some((name) => {
    const resolved = resolveCompiledTopic(compiledNames, scope, name);
    return resolved !== undefined && matched.includes(resolved);
  });
}

function visibleTopics(compiledNames: ReadonlySet<string>, scope: TopicScope): string[] {
  const names = new Set<string>();
  for (const compiled of compiledNames) {
    const { scope: owner, name } = parseCompiledTopicName(compiled);
    if (owner === 'global' || owner === scope) names.add(name);
  }
  return [...names];
}
