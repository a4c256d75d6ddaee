/**
 * The composition root: configuration -> adapters -> use cases -> workers. The only module that
 * builds adapters; everything else receives them as explicit dependency objects.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { buildBrief } from './app/briefs/build-brief.js';
import { deliverBrief } from './app/briefs/deliver-brief.js';
import { pollFeed, type PollFeedDeps, type PollOutcome } from './app/feeds/poll-feed.js';
import { scheduleDueFeeds } from './app/feeds/schedule-due-feeds.js';
import { seedDefaultFeeds } from './app/feeds/manage-feeds.js';
import { effectiveGlossary } from './app/glossary/index.js';
import { createLiveMatcher, seedDefaultTopics, type TopicDeps } from './app/topics/index.js';
import { createConsoleSender } from './adapters/console/console-sender.js';
import { createHttpFeedFetcher } from './adapters/feeds/index.js';
import { createLogger } from './adapters/log/create-logger.js';
import { createBullmqPipeline, type BullmqPipeline } from './adapters/queue/pipeline-queues.js';
import { startPipelineWorkers, type PipelineWorkers } from './adapters/queue/pipeline-workers.js';
import { createRedisArticleArchive } from './adapters/redis/article-archive.js';
import { createRedisBriefArchive } from './adapters/redis/brief-archive.js';
import { closeRedis, connectRedis, deleteKeysUnder, redactRedisUrl, reportOutages } from './adapters/redis/connection.js';
import { createRedisDeliveryLog } from './adapters/redis/delivery-log.js';
import { startRedisServer, type RedisServerHandle } from './adapters/redis/embedded-redis.js';
import { createRedisFeedStore } from './adapters/redis/feed-store.js';
import { createRedisGlossaryStore } from './adapters/redis/glossary-store.js';
import { createRedisSeenStore } from './adapters/redis/seen-store.js';
import { createRedisStoryRegistry } from './adapters/redis/story-registry.js';
import { createRedisSubscriptionStore } from './adapters/redis/subscription-store.js';
import { createRedisTopicStore } from './adapters/redis/topic-store.js';
import { createRedisTranslationCache } from './adapters/redis/translation-cache.js';
import { createRedisUsageMeter } from './adapters/redis/usage-meter.js';
import { createTranslator } from './adapters/translate/create-translator.js';
import { describeError } from './core/errors.js';
import { DEFAULT_BRIEF_STYLE, type BriefStyle, type BriefTextSetting } from './core/briefs/brief.js';
import type {
  ArticleArchive,
  BriefArchive,
  ChatSender,
  Clock,
  DeliveryLog,
  FeedFetcher,
  FeedStore,
  Logger,
  Platform,
  SeenStore,
  StoryRegistry,
  SubscriptionStore,
  TranslationCache,
  Translator,
  UsageMeter,
} from './core/ports.js';
import type { TopicStore } from './core/topics/topic-store.js';
import type { GlossaryStore } from './core/translation/glossary-store.js';
import type { Config } from './config.js';
import { KABAR_VERSION } from './version.js';

/** Redis plus every store on it: what CLI commands and the bot share. */
export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  redis: Redis;
  /** Key prefix for the stores, e.g. `{kabar}:`. */
  keyPrefix: string;
  /** Where Redis came from, for the start-up line. */
  redisSource: string;
  feeds: FeedStore;
  seen: SeenStore;
  stories: StoryRegistry;
  articles: ArticleArchive;
  briefs: BriefArchive;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryLog;
  topics: TopicStore;
  /** Moderators' glossary changes per target language (`kabar glossary …`); read through `effectiveGlossary`. */
  glossaries: GlossaryStore;
  translations: TranslationCache;
  usage: UsageMeter;
  topicDeps: TopicDeps;
  /** Closes Redis and stops the embedded redis-server, if one was started. Safe to call twice. */
  close(): Promise<void>;
}

/** How to open a {@link Runtime}. */
export interface RuntimeOptions {
  log?: Logger;
  /**
   * A Redis to throw away afterwards (the demo): with REDIS_URL, a fresh `{kabar-demo-<random>}`
   * key prefix whose keys `close()` deletes; without it, a memory-only embedded redis-server.
   */
  throwawayRedis?: boolean;
}

/**
 * Connects to `REDIS_URL`, or starts a private `redis-server` (data under `<KABAR_DATA_DIR>/redis`),
 * and builds the stores.
 *
 * @throws KabarError `redis-unreachable` naming REDIS_URL when Redis does not answer, or
 *   `redis-missing` with the install hint when there is neither REDIS_URL nor redis-server.
 */
export async function openRuntime(settings: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  let config = settings;
  const log = options.log ?? createLogger({ level: config.KABAR_LOG_LEVEL, format: config.KABAR_LOG_FORMAT });
  let embedded: RedisServerHandle | undefined;
  let url = config.REDIS_URL;
  let throwawayPrefix: string | undefined;
  let redisSource: string;
  if (url && options.throwawayRedis) {
    throwawayPrefix = `{kabar-demo-${randomBytes(4).toString('hex')}}`;
    config = Object.freeze({ ...config, KABAR_REDIS_PREFIX: throwawayPrefix });
    redisSource = `Redis at ${redactRedisUrl(url)} (REDIS_URL), under the throwaway key prefix ${throwawayPrefix}, deleted at the end`;
  } else if (url) {
    redisSource = `Redis at ${redactRedisUrl(url)} (REDIS_URL)`;
  } else if (options.throwawayRedis) {
    embedded = await startRedisServer({ persistence: 'none' });
    url = embedded.url;
    redisSource = `a throwaway redis-server on ${embedded.url}`;
  } else {
    embedded = await startRedisServer({ persistence: 'aof', dataDir: `${config.KABAR_DATA_DIR}/redis` });
    url = embedded.url;
    redisSource = `an embedded redis-server on ${embedded.url}, data in ${embedded.dataDir ?? '?'} (set REDIS_URL to use your own)`;
  }
  let redis: Redis;
  try {
    redis = await connectRedis(url, { log, ...(embedded ? { source: 'the embedded redis-server' } : {}) });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const prefix = `${config.KABAR_REDIS_PREFIX}:`;
  const clock: Clock = { now: () => Date.now() };
  const topics = createRedisTopicStore(redis, prefix);
  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    if (throwawayPrefix) {
      await deleteKeysUnder(redis, prefix).catch((error: unknown) =>
        log.warn('could not delete the throwaway keys', { prefix: throwawayPrefix, error: describeError(error) }),
      );
    }
    await closeRedis(redis);
    await embedded?.stop();
  };
  return {
    config,
    log,
    clock,
    redis,
    keyPrefix: prefix,
    redisSource,
    feeds: createRedisFeedStore(redis, prefix),
    seen: createRedisSeenStore(redis, prefix),
    stories: createRedisStoryRegistry(redis, prefix),
    articles: createRedisArticleArchive(redis, prefix),
    briefs: createRedisBriefArchive(redis, prefix, config.KABAR_ARCHIVE_SIZE),
    subscriptions: createRedisSubscriptionStore(redis, prefix),
    deliveries: createRedisDeliveryLog(redis, prefix),
    topics,
    glossaries: createRedisGlossaryStore(redis, prefix),
    translations: createRedisTranslationCache(redis, prefix),
    usage: createRedisUsageMeter(redis, prefix),
    topicDeps: { store: topics, clock },
    close() {
      closed ??= close();
      return closed;
    },
  };
}

/** The feed fetcher as configured. */
export function createFeedFetcher(config: Config): FeedFetcher {
  return createHttpFeedFetcher({
    userAgent: `kabar/${KABAR_VERSION} (+https://github.com/kabar-bot/kabar)`,
    allowPrivateAddresses: config.KABAR_ALLOW_PRIVATE_FEEDS,
    maxBytes: config.KABAR_FEED_MAX_BYTES,
    connectTimeoutMs: config.KABAR_FEED_CONNECT_TIMEOUT,
    deadlineMs: config.KABAR_FEED_DEADLINE,
  });
}

/** The translator as configured (KABAR_TRANSLATOR and its provider's variables). */
export function createConfiguredTranslator(config: Config, overrideName?: Config['KABAR_TRANSLATOR']): Translator {
  return createTranslator({
    translator: overrideName ?? config.KABAR_TRANSLATOR,
    ...(config.KABAR_TRANSLATE_TIMEOUT === undefined ? {} : { timeoutMs: config.KABAR_TRANSLATE_TIMEOUT }),
    openaiBaseUrl: config.OPENAI_BASE_URL,
    openaiModel: config.OPENAI_MODEL,
    openaiMode: config.OPENAI_MODE,
    ...(config.OPENAI_API_KEY === undefined ? {} : { openaiApiKey: config.OPENAI_API_KEY }),
    ...(config.DEEPL_API_KEY === undefined ? {} : { deeplApiKey: config.DEEPL_API_KEY }),
    ...(config.DEEPL_API_URL === undefined ? {} : { deeplApiUrl: config.DEEPL_API_URL }),
    ...(config.LIBRETRANSLATE_URL === undefined ? {} : { libreTranslateUrl: config.LIBRETRANSLATE_URL }),
    ...(config.LIBRETRANSLATE_API_KEY === undefined ? {} : { libreTranslateApiKey: config.LIBRETRANSLATE_API_KEY }),
    ...(config.APERTIUM_URL === undefined ? {} : { apertiumUrl: config.APERTIUM_URL }),
  });
}

/** The greeting/closing style configured for new subscriptions. */
export function configuredBriefStyle(config: Config): BriefStyle {
  const setting = (value: string): BriefTextSetting =>
    value === 'default' || value === 'off' ? value : { custom: value };
  return { ...DEFAULT_BRIEF_STYLE, greeting: setting(config.KABAR_BRIEF_GREETING), closing: setting(config.KABAR_BRIEF_CLOSING) };
}

/** Options for {@link startKabar}. */
export interface StartOptions {
  role: 'all' | 'worker' | 'bot';
  /** Where console briefs go (default stdout). */
  writeBrief?: (text: string) => void;
  /** Seed the shipped default feeds into an empty feed list (default true). */
  seedFeeds?: boolean;
  /** A ready fetcher instead of the configured one. */
  fetcher?: FeedFetcher;
  /**
   * The translator, when the caller built it already (`kabar start` does, before opening Redis,
   * so that a missing API key fails before anything starts). Default: the configured one.
   */
  translator?: Translator;
  /** Called after every poll (the demo counts articles with it). */
  onPolled?: (outcome: PollOutcome) => void;
}

/** A running kabar. */
export interface RunningKabar {
  runtime: Runtime;
  pipeline: BullmqPipeline;
  workers: PipelineWorkers | undefined;
  /** Ordered shutdown: stop taking jobs, finish or hand back running ones, close Redis. */
  stop(deadlineMs?: number): Promise<void>;
}

/** How long running jobs get when start-up fails part-way (there should be none yet). */
const FAILED_START_DEADLINE_MS = 5_000;

/**
 * Starts kabar on an open runtime: seeds the shipped topics (and feeds), makes sure someone
 * receives briefs (the console, when no chat platform is configured), schedules the tick and
 * starts the workers.
 *
 * The runtime is the running kabar's from here on: `stop()` closes it, and so does a failed
 * start, which closes everything it had opened, in reverse order, before rethrowing.
 */
export async function startKabar(runtime: Runtime, options: StartOptions): Promise<RunningKabar> {
  const { config, log, clock } = runtime;
  const random = Math.random;
  // What is open, in opening order; closed from the end by stop() or by a failed start.
  const opened: Array<{ name: string; close: (deadlineMs: number) => Promise<void> }> = [
    { name: 'redis', close: () => runtime.close() },
  ];
  try {
    const translator = options.translator ?? createConfiguredTranslator(config);
    const seeded = await seedDefaultTopics({}, runtime.topicDeps);
    if (seeded.seeded.length > 0) log.info('default topics written', { topics: seeded.seeded });
    if (options.seedFeeds !== false && (await runtime.feeds.list()).length === 0) {
      const added = await seedDefaultFeeds(config.KABAR_POLL_INTERVAL, { feeds: runtime.feeds, clock, random });
      log.info('default feeds added to the empty feed list', { added });
    }
    await saveConsoleSubscription(runtime);

    if (translator.id === 'none') {
      log.info('translation is off (KABAR_TRANSLATOR=none): briefs stay in the language of their article');
    } else {
      log.info('translating briefs', { provider: translator.id });
    }

    const workerConnection = runtime.redis.duplicate();
    reportOutages(workerConnection, log, 'the workers\' connection');
    opened.push({ name: 'worker connection', close: async () => workerConnection.disconnect() });
    const pipeline = createBullmqPipeline(workerConnection, config.KABAR_REDIS_PREFIX);
    opened.push({ name: 'queues', close: () => pipeline.close() });
    // The queues share that connection, whose outages are logged once above; with no listener of
    // their own, BullMQ would print every failed reconnect of every queue to stderr.
    for (const queue of [pipeline.poll, pipeline.brief, pipeline.deliver]) {
      queue.on('error', (error) => {
        if (workerConnection.status === 'ready') log.warn('queue error', { queue: queue.name, error: describeError(error) });
      });
    }
    let workers: PipelineWorkers | undefined;
    if (options.role !== 'bot') {
      workers = startWorkers(runtime, pipeline, workerConnection, translator, options);
      const started = workers;
      opened.push({ name: 'workers', close: (deadlineMs) => started.close(deadlineMs) });
      await pipeline.scheduleTick(config.KABAR_SCHEDULER_TICK);
    }
    return {
      runtime,
      pipeline,
      workers,
      async stop(deadlineMs = 25_000) {
        const failures = await closeInReverse(opened, deadlineMs, log);
        if (failures.length > 0) throw failures[0];
      },
    };
  } catch (error) {
    await closeInReverse(opened, FAILED_START_DEADLINE_MS, log);
    throw error;
  }
}

/** Closes `opened` from the last to the first; one that fails does not keep the rest open. */
async function closeInReverse(
  opened: ReadonlyArray<{ name: string; close: (deadlineMs: number) => Promise<void> }>,
  deadlineMs: number,
  log: Logger,
): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const { name, close } of [...opened].reverse()) {
    try {
      await close(deadlineMs);
    } catch (error) {
      log.warn(`closing the ${name} failed`, { error: describeError(error) });
      failures.push(error);
    }
  }
  return failures;
}

/** The pipeline workers, with the use cases wired to the runtime's stores. */
function startWorkers(
  runtime: Runtime,
  pipeline: BullmqPipeline,
  connection: Redis,
  translator: Translator,
  options: StartOptions,
): PipelineWorkers {
  const { config, log, clock } = runtime;
  const random = Math.random;
  const matcher = createLiveMatcher({ store: runtime.topics, clock, log });
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
  };
  const senders: Partial<Record<Platform, ChatSender>> = { console: createConsoleSender(options.writeBrief) };
  return startPipelineWorkers(
    connection,
    config.KABAR_REDIS_PREFIX,
    {
      tick: () => scheduleDueFeeds({ feeds: runtime.feeds, queues: pipeline.port, clock }),
      poll: async ({ url }) => {
        const outcome = await pollFeed(url, pollDeps);
        log.info('feed polled', { ...outcome });
        options.onPolled?.(outcome);
        return outcome;
      },
      brief: (job, attempt) =>
        buildBrief(job, attempt, {
          translator,
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
        }),
      deliver: (job) =>
        deliverBrief(job, {
          subscriptions: runtime.subscriptions,
          briefs: runtime.briefs,
          deliveries: runtime.deliveries,
          senders,
          clock,
          log,
        }),
    },
    { concurrency: config.KABAR_WORKER_CONCURRENCY, log },
  );
}

/**
 * With no chat platform configured, the console subscribes to every topic so briefs are seen.
 * Written from the configuration at every start, so that a changed KABAR_DEFAULT_LANGUAGE,
 * KABAR_BRIEF_GREETING, KABAR_BRIEF_CLOSING or KABAR_TRANSLATION_FALLBACK applies from the next
 * start on; only its creation time is kept.
 */
async function saveConsoleSubscription(runtime: Runtime): Promise<void> {
  const existing = await runtime.subscriptions.get('console');
  await runtime.subscriptions.save({
    id: 'console',
    platform: 'console',
    chatId: 'stdout',
    topics: [],
    language: runtime.config.KABAR_DEFAULT_LANGUAGE,
    style: configuredBriefStyle(runtime.config),
    onTranslationFailure: runtime.config.KABAR_TRANSLATION_FALLBACK,
    createdAt: existing?.createdAt ?? runtime.clock.now(),
  });
}
