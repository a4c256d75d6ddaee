/**
 * The runtime: Redis (or an embedded redis-server) and every store on it, plus the configured
 * feed fetcher and translator. What `kabar start`, the CLI commands and the demo share.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TopicDeps } from '../app/topics/index.js';
import { createHttpFeedFetcher } from '../adapters/feeds/index.js';
import { createLogger } from '../adapters/log/create-logger.js';
import { createRedisArticleArchive } from '../adapters/redis/article-archive.js';
import { createRedisBriefArchive } from '../adapters/redis/brief-archive.js';
import { closeRedis, connectRedis, deleteKeysUnder, redactRedisUrl } from '../adapters/redis/connection.js';
import { createRedisDeliveryLog } from '../adapters/redis/delivery-log.js';
import { startRedisServer, type RedisServerHandle } from '../adapters/redis/embedded-redis.js';
import { createRedisFeedAudience } from '../adapters/redis/feed-audience.js';
import { createRedisFeedStore } from '../adapters/redis/feed-store.js';
import { createRedisGlossaryStore } from '../adapters/redis/glossary-store.js';
import { createRedisPacer } from '../adapters/redis/redis-pacer.js';
import { createRedisSeenStore } from '../adapters/redis/seen-store.js';
import { createRedisStoryRegistry } from '../adapters/redis/story-registry.js';
import { createRedisSubscriptionStore } from '../adapters/redis/subscription-store.js';
import { createRedisTopicStore } from '../adapters/redis/topic-store.js';
import { createRedisTranslationCache } from '../adapters/redis/translation-cache.js';
import { createRedisUsageMeter } from '../adapters/redis/usage-meter.js';
import { createRedisRelevanceLedger } from '../adapters/redis/relevance-ledger.js';
import { createTranslator } from '../adapters/translate/create-translator.js';
import { describeError } from '../core/errors.js';
import { DEFAULT_BRIEF_STYLE, type BriefStyle, type BriefTextSetting } from '../core/briefs/brief.js';
import type {
  ArticleArchive,
  BriefArchive,
  Clock,
  DeliveryLog,
  FeedAudience,
  FeedFetcher,
  FeedStore,
  Logger,
  Pacer,
  SeenStore,
  StoryRegistry,
  SubscriptionStore,
  TranslationCache,
  Translator,
  RelevanceLedger,
  UsageMeter,
} from '../core/ports.js';
import type { TopicStore } from '../core/topics/topic-store.js';
import type { GlossaryStore } from '../core/translation/glossary-store.js';
import { secretValues, type Config } from '../config.js';
import { KABAR_VERSION } from '../version.js';

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
  /** The platforms' send limits, shared by every process on this Redis. */
  pacer: Pacer;
  /** Which chats get briefs from which feed, to tell them when it fails. */
  audience: FeedAudience;
  topics: TopicStore;
  /** Moderators' glossary changes per target language (`kabar glossary …`); read through `effectiveGlossary`. */
  glossaries: GlossaryStore;
  translations: TranslationCache;
  usage: UsageMeter;
  /** Relevance answers per article and topic, and their daily counts (`KABAR_RELEVANCE_CHECK`). */
  relevance: RelevanceLedger;
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
  const log = options.log ?? createLogger({ level: config.KABAR_LOG_LEVEL, format: config.KABAR_LOG_FORMAT, secrets: secretValues(config) });
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
    if (embedded.replacedOrphanOnPort !== undefined) {
      redisSource += `; it replaces the one on port ${embedded.replacedOrphanOnPort}, which a kabar killed with SIGKILL had left running (it was shut down, its data saved)`;
    }
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
    audience: createRedisFeedAudience(redis, prefix),
    pacer: createRedisPacer(redis, prefix, { discord: config.KABAR_DISCORD_RATE, telegram: config.KABAR_TELEGRAM_RATE }),
    topics,
    glossaries: createRedisGlossaryStore(redis, prefix),
    translations: createRedisTranslationCache(redis, prefix),
    usage: createRedisUsageMeter(redis, prefix),
    relevance: createRedisRelevanceLedger(redis, prefix),
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

