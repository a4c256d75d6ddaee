/**
 * The `brief` job: condense a matched article, translate it once per language its subscribers
 * read, archive the briefs, and queue one delivery per subscription.
 */
import type { Brief } from '../../core/briefs/brief.js';
import { condense, type CondensedArticle } from '../../core/briefs/condense.js';
import { briefLocale } from '../../core/briefs/locales.js';
import { describeError, isKabarError, KabarError } from '../../core/errors.js';
import type { BriefArchive, BriefJob, DeliveryJob, FeedAudience, HeldBrief, Logger, PipelineQueues, Subscription, SubscriptionStore } from '../../core/ports.js';
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
  /**
   * How long held briefs wait for the translator (from the first failure). After that they go out
   * untranslated with the note, and an error is logged: a hold delays, it never drops.
   */
  holdMs: number;
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
  /** Subscriptions that prefer to wait for a translation: a held brief job serves them later (each is logged). */
  held: string[];
}

/**
 * Builds and fans out the brief for `job.article`.
 *
 * Translation happens once per target language however many chats read it. When a provider
 * fails for good (a permanent error, or the last attempt), subscriptions that prefer
 * `deliver-with-note` get the brief in the source language with a one-line note in their
 * language; those that prefer `hold` are handed to one held brief job (`job.held`), durable in
 * the brief queue, which retries their translation with the queue's backoff and delivers it when
 * the translator is back. A held job never falls back before `deps.holdMs` has passed.
 */
export async function buildBrief(job: BriefJob, attempt: BuildBriefAttempt, deps: BuildBriefDeps): Promise<BuildBriefOutcome> {
  if (job.held !== undefined) return buildHeldBrief(job, job.held, deps);
  const { article } = job;
  const audience = await audienceOf(job, deps, () => true);
  const condensed = condense(article, { budgetChars: deps.budgetChars });
  const languages = [...new Set([deps.defaultLanguage, ...audience.map((subscription) => subscription.language)])];

  const outcome: BuildBriefOutcome = { articleId: article.id, languages: {}, deliveries: 0, held: [] };
  const deliveries: DeliveryJob[] = [];
  for (const language of languages) {
    const built = await buildLanguage(job, condensed, language, deps, (error) => attempt.finalAttempt || isKabarError(error, 'permanent'));
    outcome.languages[language] = built;
    for (const subscription of audience.filter((candidate) => candidate.language === language)) {
      if (built === 'fallback' && subscription.onTranslationFailure === 'hold') {
        outcome.held.push(subscription.id);
        deps.log.warn('brief held: translation unavailable', { articleId: article.id, subscription: subscription.id });
        continue;
      }
      deliveries.push(deliveryOf(article.id, subscription, language));
    }
  }
  // Queued before the deliveries: should this job die in between, its retry queues both again,
  // and the job ids make the second time a no-op.
  if (outcome.held.length > 0) {
    await deps.queues.enqueueBrief({ article, topics: job.topics, held: { subscriptionIds: outcome.held, since: deps.clock.now() } });
  }
  await deps.queues.enqueueDeliveries(deliveries);
  if (article.feedUrl !== undefined) await deps.audience?.add(article.feedUrl, deliveries.map((delivery) => delivery.subscriptionId));
  outcome.deliveries = deliveries.length;
  return outcome;
}

/**
 * The held brief job: translate for the waiting subscriptions only (those still subscribed and
 * following the topic). A failed translation throws a retryable error, whatever its kind, so the
 * queue tries again later (a bad API key gets fixed and the worker restarted); languages that did
 * translate are delivered at once. Once the hold has run out, the rest go out with the note.
 */
async function buildHeldBrief(job: BriefJob, held: HeldBrief, deps: BuildBriefDeps): Promise<BuildBriefOutcome> {
  const { article } = job;
  const waiting = new Set(held.subscriptionIds);
  const audience = await audienceOf(job, deps, (subscription) => waiting.has(subscription.id));
  const expired = deps.clock.now() - held.since >= deps.holdMs;
  const condensed = condense(article, { budgetChars: deps.budgetChars });
  const outcome: BuildBriefOutcome = { articleId: article.id, languages: {}, deliveries: 0, held: [] };
  const deliveries: DeliveryJob[] = [];
  let failure: unknown;
  for (const language of new Set(audience.map((subscription) => subscription.language))) {
    const readers = audience.filter((subscription) => subscription.language === language);
    try {
      outcome.languages[language] = await buildLanguage(job, condensed, language, deps, () => expired);
    } catch (error) {
      failure ??= error;
      outcome.held.push(...readers.map((subscription) => subscription.id));
      continue;
    }
    if (outcome.languages[language] === 'fallback') {
      deps.log.error('hold ran out: delivering the untranslated brief with the note', {
        articleId: article.id,
        language,
        subscriptions: readers.map((subscription) => subscription.id),
      });
    }
    deliveries.push(...readers.map((subscription) => deliveryOf(article.id, subscription, language)));
  }
  await deps.queues.enqueueDeliveries(deliveries);
  outcome.deliveries = deliveries.length;
  if (failure !== undefined) {
    throw new KabarError('retryable', `held brief still waiting for the translator: ${describeError(failure)}`, {
      code: 'translation-held',
      cause: failure,
    });
  }
  return outcome;
}

/** The active subscriptions that follow a topic `job` matched and pass `include`. */
async function audienceOf(job: BriefJob, deps: BuildBriefDeps, include: (subscription: Subscription) => boolean): Promise<Subscription[]> {
  const compiledNames = new Set(await deps.topicNames());
  return (await deps.subscriptions.list()).filter(
    (subscription) => include(subscription) && subscription.paused === undefined && follows(subscription, job.topics, compiledNames),
  );
}

/**
 * Translates and archives the brief in one language. A failed translation is thrown on, unless
 * `fallBack(error)` says to archive the source-language brief with the note instead.
 */
async function buildLanguage(
  job: BriefJob,
  condensed: CondensedArticle,
  language: string,
  deps: BuildBriefDeps,
  fallBack: (error: unknown) => boolean,
): Promise<'translated' | 'source' | 'fallback'> {
  const { article } = job;
  let body: BriefBody;
  let failure: string | undefined;
  try {
    body = await translateBody(article, condensed, language, deps);
  } catch (error) {
    if (!fallBack(error)) throw error;
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
  return failure !== undefined ? 'fallback' : body.translated ? 'translated' : 'source';
}

function deliveryOf(articleId: string, subscription: Subscription, language: string): DeliveryJob {
  return { articleId, subscriptionId: subscription.id, language, platform: subscription.platform };
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
