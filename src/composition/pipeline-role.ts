/**
 * The worker role: the pipeline's use cases wired to the runtime's stores and run by the BullMQ
 * workers, with one delivery worker per platform this process can send to.
 */
import type { Redis } from 'ioredis';
import { buildBrief } from '../app/briefs/build-brief.js';
import { announceFeedHealth } from '../app/feeds/announce-feed-health.js';
import { deliverBrief } from '../app/briefs/deliver-brief.js';
import type { PollFeedDeps } from '../app/feeds/poll-feed.js';
import { pollPolitely } from '../app/feeds/poll-politely.js';
import { createRedisHostLimiter } from '../adapters/redis/redis-host-limiter.js';
import { createFeedOutageWatch } from '../app/feeds/feed-outage-watch.js';
import { scheduleDueFeeds } from '../app/feeds/schedule-due-feeds.js';
import { effectiveGlossary } from '../app/glossary/index.js';
import { createLiveMatcher } from '../app/topics/index.js';
import type { BullmqPipeline } from '../adapters/queue/pipeline-queues.js';
import type { WriteRefusalWatch } from '../adapters/redis/write-refusal-watch.js';
import { startPipelineWorkers, type PipelineWorkers } from '../adapters/queue/pipeline-workers.js';
import type { ChatSender, Platform, Translator } from '../core/ports.js';
import type { PollOutcome } from '../app/feeds/poll-feed.js';
import type { FeedFetcher } from '../core/ports.js';
import { NO_METRICS, type Metrics } from '../core/metrics.js';
import { deliveryFailureResult, meteredSender, meteredTranslator } from './metered.js';
import { createRelevanceGate } from './relevance-gate.js';
import { createFeedFetcher, type Runtime } from './runtime.js';

/**
 * Starts the workers. `senders` decides which delivery queues this process serves: a worker
 * without a platform's token leaves that platform's deliveries to processes that have it.
 */
export function startPipelineRole(
  runtime: Runtime,
  pipeline: BullmqPipeline,
  connection: Redis,
  translator: Translator,
  senders: Partial<Record<Platform, ChatSender>>,
  options: { fetcher?: FeedFetcher; onPolled?: (outcome: PollOutcome) => void; metrics?: Metrics; refusals?: WriteRefusalWatch },
): PipelineWorkers {
  const { config, log, clock } = runtime;
  const metrics = options.metrics ?? NO_METRICS;
  const counted: Partial<Record<Platform, ChatSender>> = Object.fromEntries(
    Object.entries(senders).map(([platform, sender]) => [platform, meteredSender(sender, metrics)]),
  );
  const countedTranslator = meteredTranslator(translator, metrics);
  const hosts = createRedisHostLimiter(runtime.redis, runtime.keyPrefix, {
    concurrency: config.KABAR_FETCH_PER_HOST_CONCURRENCY,
    perMinute: config.KABAR_FETCH_PER_HOST_PER_MINUTE,
    // A slot whose worker died frees itself once no fetch could still be running.
    leaseMs: 2 * config.KABAR_FEED_DEADLINE + 10_000,
  });
  const random = Math.random;
  const outages = createFeedOutageWatch({ feedCount: async () => (await runtime.feeds.list()).length, log });
  const matcher = createLiveMatcher({ store: runtime.topics, clock, log });
  const confirm = createRelevanceGate(runtime);
  const pollDeps: PollFeedDeps = {
    feeds: runtime.feeds,
    fetcher: options.fetcher ?? createFeedFetcher(config),
    seen: runtime.seen,
    stories: runtime.stories,
    articles: runtime.articles,
    matcher: () => matcher.current(),
    queues: pipeline.port,
    clock,
    log,
    random,
    maxItemAgeMs: config.KABAR_MAX_ITEM_AGE,
    ...(confirm === undefined ? {} : { confirm }),
    onHealthChange: (change) =>
      announceFeedHealth(change, {
        audience: runtime.audience,
        subscriptions: runtime.subscriptions,
        briefs: runtime.briefs,
        queues: pipeline.port,
        clock,
        log,
      }),
  };
  return startPipelineWorkers(
    connection,
    config.KABAR_REDIS_PREFIX,
    {
      tick: () => scheduleDueFeeds({ feeds: runtime.feeds, queues: pipeline.port, clock }),
      poll: async ({ url }) => {
        const outcome = await pollPolitely(url, { ...pollDeps, hosts });
        // The one line per poll, failures included (the poll itself does not log them).
        if (outcome.failing) log.warn('feed polled', { ...outcome });
        else if (outcome.status === 'deferred') log.debug('feed deferred: its host is busy', { url });
        else log.info('feed polled', { ...outcome });
        metrics.feedPolled(outcome.status, outcome.errorCode);
        if (outcome.status !== 'deferred') await outages.record(outcome).catch(() => undefined);
        if (outcome.status !== 'deferred') options.onPolled?.(outcome);
        return outcome;
      },
      brief: async (job, attempt) => {
        const outcome = await buildBrief(job, attempt, {
          translator: countedTranslator,
          cache: runtime.translations,
          usage: runtime.usage,
          clock,
          log,
          glossary: async (language) => effectiveGlossary(language, { store: runtime.glossaries }),
          subscriptions: runtime.subscriptions,
          briefs: runtime.briefs,
          queues: pipeline.port,
          budgetChars: config.KABAR_BRIEF_BUDGET_CHARS,
          defaultLanguage: config.KABAR_DEFAULT_LANGUAGE,
          topicNames: async () => (await matcher.current()).topics,
          audience: runtime.audience,
          holdMs: config.KABAR_TRANSLATION_HOLD,
        });
        metrics.briefBuilt();
        return outcome;
      },
      deliver: async (job) => {
        const platform = job.platform ?? 'console';
        try {
          const outcome = await deliverBrief(job, {
            subscriptions: runtime.subscriptions,
            briefs: runtime.briefs,
            deliveries: runtime.deliveries,
            senders: counted,
            pacer: runtime.pacer,
            clock,
            log,
          });
          metrics.delivered(platform, outcome);
          return outcome;
        } catch (error) {
          metrics.delivered(platform, deliveryFailureResult(error));
          throw error;
        }
      },
    },
    {
      concurrency: config.KABAR_WORKER_CONCURRENCY,
      platforms: Object.keys(counted) as Platform[],
      briefRetryMs: config.KABAR_TRANSLATION_RETRY,
      ...(options.refusals === undefined ? {} : { refusals: options.refusals }),
      log,
    },
  );
}
