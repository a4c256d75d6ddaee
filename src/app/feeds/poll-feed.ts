/**
 * The `poll` job: fetch one feed, find the new articles, match them, and queue a brief for each
 * matched story not briefed yet.
 */
import type { FeedHealthChange } from './announce-feed-health.js';
import type { Article } from '../../core/article.js';
import { storyKeys } from '../../core/articles/story-keys.js';
import { normalizeFeed } from '../../core/articles/normalize-feed.js';
import { describeError, isKabarError } from '../../core/errors.js';
import {
  FAILING_AFTER_FAILURES,
  nextCheckAfterFailure,
  nextCheckAfterSuccess,
} from '../../core/feeds/next-check-time.js';
import type { TopicMatch, TopicMatcher } from '../../core/matching/topic-matcher.js';
import { keepRelevant } from '../topics/confirm-relevance.js';
import type {
  ArticleArchive,
  Clock,
  FeedFetcher,
  FeedRecord,
  FeedStore,
  Logger,
  PipelineQueues,
  SeenStore,
  StoryRegistry,
} from '../../core/ports.js';

/** Everything {@link pollFeed} needs. */
export interface PollFeedDeps {
  feeds: FeedStore;
  fetcher: FeedFetcher;
  seen: SeenStore;
  stories: StoryRegistry;
  articles: ArticleArchive;
  /** The current matcher (it changes when moderators edit topics). */
  matcher: () => Promise<TopicMatcher>;
  /**
   * The relevance check (`KABAR_RELEVANCE_CHECK`), when configured: notes a model's answer on each
   * match that needs one (see `confirmRelevance`); rejected matches make no brief.
   */
  confirm?: (article: Article, matches: readonly TopicMatch[]) => Promise<TopicMatch[]>;
  queues: PipelineQueues;
  clock: Clock;
  log: Logger;
  random: () => number;
  /** Items published longer ago than this are skipped (marked seen, not briefed). */
  maxItemAgeMs: number;
  /** Told once when the feed turns FAILING and once when it recovers (the chats hear of it). */
  onHealthChange?: (change: FeedHealthChange) => Promise<unknown>;
}

/** What one poll did. */
export interface PollOutcome {
  url: string;
  /** `deferred`: its host was busy (per-host limits), checked again later; see poll-politely.ts. */
  status: 'gone' | 'not-modified' | 'seeded' | 'polled' | 'failed' | 'deferred';
  /** Items in the document. */
  items: number;
  /** Items not seen before and recent enough. */
  fresh: number;
  matched: number;
  /** Briefs queued: matched, minus stories already briefed from another feed. */
  queued: number;
  duplicates: number;
  error?: string;
  /** With `failed`: the failure class (the `KabarError` code, `unexpected` otherwise). */
  errorCode?: string;
  /** With `failed`: failures in a row, this one included, and whether the feed now counts as FAILING. */
  failures?: number;
  failing?: boolean;
}

/**
 * Polls `url` once. Failures are recorded on the feed (backoff, `failing` after repeated
 * failures) rather than thrown: the feed's schedule is its retry policy.
 *
 * The order matters for restarts: briefs are queued (idempotently, by article id) before the
 * articles are marked seen, so a worker killed mid-poll re-polls and loses nothing, and the
 * brief's job id keeps it from being built twice.
 */
export async function pollFeed(url: string, deps: PollFeedDeps): Promise<PollOutcome> {
  const outcome: PollOutcome = { url, status: 'polled', items: 0, fresh: 0, matched: 0, queued: 0, duplicates: 0 };
  const record = await deps.feeds.get(url);
  if (!record) return { ...outcome, status: 'gone' };
  const now = deps.clock.now();

  let result;
  try {
    result = await deps.fetcher.fetch(url, record.validators);
  } catch (error) {
    const failed = await recordFailure(record, error, deps);
    return {
      ...outcome,
      status: 'failed',
      error: describeError(error),
      errorCode: failed.lastErrorCode ?? 'unexpected',
      failures: failed.consecutiveFailures,
      failing: failed.failing,
    };
  }

  const succeeded: FeedRecord = {
    ...record,
    validators: result.validators,
    consecutiveFailures: 0,
    failing: false,
    lastCheckAt: now,
    lastSuccessAt: now,
  };
  delete succeeded.lastError;
  delete succeeded.lastErrorCode;
  if (record.failing) await tellHealthChange({ url, state: 'recovered' }, deps);

  if (result.status === 'not-modified') {
    succeeded.nextCheckAt = nextCheckAfterSuccess({
      now,
      intervalMs: record.intervalMs,
      freshForMs: result.freshForMs,
      random: deps.random(),
    });
    await deps.feeds.save(succeeded);
    return { ...outcome, status: 'not-modified' };
  }

  const articles = normalizeFeed(result.feed, url);
  outcome.items = articles.length;
  if (result.feed.title) succeeded.title = result.feed.title;
  succeeded.nextCheckAt = nextCheckAfterSuccess({
    now,
    intervalMs: record.intervalMs,
    freshForMs: result.freshForMs,
    ttlMinutes: result.feed.ttlMinutes,
    random: deps.random(),
  });

  const unseen = new Set(await deps.seen.unseen(articles.map((article) => article.id)));
  if (!record.seeded) {
    // A new feed's backlog is history, not news: remember it, post nothing.
    await deps.seen.markSeen([...unseen]);
    await deps.feeds.save({ ...succeeded, seeded: true });
    deps.log.info('feed seeded', { url, items: articles.length });
    return { ...outcome, status: 'seeded' };
  }

  const fresh = articles.filter((article) => unseen.has(article.id) && !isTooOld(article, now, deps.maxItemAgeMs));
  outcome.fresh = fresh.length;
  const matcher = await deps.matcher();
  for (const article of fresh) {
    await deps.articles.put(article);
    const found = matcher.match(article);
    const matches = found.length === 0 || deps.confirm === undefined ? found : keepRelevant(await deps.confirm(article, found));
    if (matches.length === 0) continue;
    outcome.matched++;
    const earlier = await deps.stories.claim(storyKeys(article), article.id);
    if (earlier !== undefined) {
      outcome.duplicates++;
      deps.log.debug('same story already briefed', { url, articleId: article.id, earlier });
      continue;
    }
    await deps.queues.enqueueBrief({ article, topics: matches.map((match) => match.topic) });
    outcome.queued++;
  }
  await deps.seen.markSeen([...unseen]);
  await deps.feeds.save(succeeded);
  return outcome;
}

function isTooOld(article: Article, now: number, maxAgeMs: number): boolean {
  return article.publishedAt !== undefined && article.publishedAt < now - maxAgeMs;
}

/**
 * Not logged here: the caller logs the poll's outcome, failures included, as one line per poll.
 */
async function recordFailure(record: FeedRecord, error: unknown, deps: PollFeedDeps): Promise<FeedRecord> {
  const now = deps.clock.now();
  const failures = record.consecutiveFailures + 1;
  const failed: FeedRecord = {
    ...record,
    consecutiveFailures: failures,
    failing: failures >= FAILING_AFTER_FAILURES,
    lastCheckAt: now,
    lastError: describeError(error),
    lastErrorCode: isKabarError(error) ? error.code : 'unexpected',
    nextCheckAt: nextCheckAfterFailure({
      now,
      failures,
      retryAfterMs: isKabarError(error) ? error.retryAfterMs : undefined,
      random: deps.random(),
    }),
  };
  await deps.feeds.save(failed);
  if (failed.failing && !record.failing) await tellHealthChange({ url: record.url, state: 'failing', reason: failed.lastError ?? '' }, deps);
  return failed;
}

/** A failed announcement is logged, never a reason to fail the poll. */
async function tellHealthChange(change: FeedHealthChange, deps: PollFeedDeps): Promise<void> {
  try {
    await deps.onHealthChange?.(change);
  } catch (error) {
    deps.log.warn('could not tell the chats about a feed\'s health', { url: change.url, state: change.state, error: describeError(error) });
  }
}
