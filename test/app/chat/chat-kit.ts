/**
 * What the chat command tests share: the handler on real Redis stores under a fresh prefix, the
 * shipped topics seeded, a feed fetcher that accepts only the URLs a test allows, and commands
 * built for a Discord channel or a Telegram chat.
 */
import { createChatCommandHandler } from '../../../src/app/chat/chat-command-handler.js';
import type { ChatCommandDeps } from '../../../src/app/chat/chat-deps.js';
import { seedDefaultTopics } from '../../../src/app/topics/index.js';
import { createRedisBriefArchive } from '../../../src/adapters/redis/brief-archive.js';
import { createRedisDeliveryLog } from '../../../src/adapters/redis/delivery-log.js';
import { createRedisFeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createRedisSubscriptionStore } from '../../../src/adapters/redis/subscription-store.js';
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import type { ChatCommand, ChatCommandHandler, ChatPlace, ChatReply } from '../../../src/core/chat/chat-command.js';
import type { ChatAction } from '../../../src/core/chat/command-specs.js';
import { KabarError } from '../../../src/core/errors.js';
import type { FeedFetcher } from '../../../src/core/ports.js';
import { createInMemoryArticleArchive } from '../../fakes/in-memory-article-archive.js';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';
import { manualClock, type ManualClock } from '../topics/topic-test-kit.js';

/** The handler and everything behind it. */
export interface ChatKit {
  handler: ChatCommandHandler;
  deps: ChatCommandDeps;
  log: RecordingLogger;
  clock: ManualClock;
  /** URLs the fake fetcher accepts as feeds; any other fails as "not a feed". */
  feedUrls: Set<string>;
  /** Runs `action` in `place` as a moderator (default) or not. */
  run(action: ChatAction, options?: Record<string, string>, as?: Partial<CommandAs>): Promise<ChatReply>;
  cleanup(): Promise<void>;
}

/** Who runs a command, and where. */
export interface CommandAs {
  place: ChatPlace;
  moderator: boolean;
  locale: string | undefined;
  userId: string;
}

/** A Discord channel in server 900. */
export const discordChannel: ChatPlace = { platform: 'discord', chatId: '100', guildId: '900', isPrivate: false };
/** Another channel of the same server. */
export const otherDiscordChannel: ChatPlace = { platform: 'discord', chatId: '101', guildId: '900', isPrivate: false };
/** A Telegram forum supergroup's topic 7. */
export const telegramTopic: ChatPlace = { platform: 'telegram', chatId: '-1001234', threadId: '7', isPrivate: false };
/** A Telegram private chat. */
export const telegramPrivate: ChatPlace = { platform: 'telegram', chatId: '4242', isPrivate: true };

/** Opens a kit; the shipped topics are seeded. */
export async function openChatKit(): Promise<ChatKit> {
  const redis: TestRedis = await openTestRedis();
  const clock = manualClock(1_764_670_000_000);
  const log = createRecordingLogger();
  const feedUrls = new Set<string>();
  const fetcher: FeedFetcher = {
    async fetch(url) {
      if (!feedUrls.has(url)) throw new KabarError('permanent', `${url} is an HTML page, not a feed`, { code: 'not-a-feed' });
      return { status: 'ok', feed: { format: 'rss', title: 'Feed', items: [] }, validators: {}, finalUrl: url };
    },
  };
  const store = createRedisTopicStore(redis.redis, redis.prefix);
  const deps: ChatCommandDeps = {
    subscriptions: createRedisSubscriptionStore(redis.redis, redis.prefix),
    topics: { store, clock },
    articles: createInMemoryArticleArchive({ clock }),
    briefs: createRedisBriefArchive(redis.redis, redis.prefix),
    deliveries: createRedisDeliveryLog(redis.redis, redis.prefix),
    feeds: createRedisFeedStore(redis.redis, redis.prefix),
    fetcher,
    pollIntervalMs: 600_000,
    random: () => 0.5,
    clock,
    log,
    defaults: { language: 'id', style: DEFAULT_BRIEF_STYLE, onTranslationFailure: 'deliver-with-note' },
  };
  await seedDefaultTopics({}, deps.topics);
  const handler = createChatCommandHandler(deps);
  return {
    handler,
    deps,
    log,
    clock,
    feedUrls,
    run(action, options = {}, as = {}) {
      const command: ChatCommand = {
        action,
        place: as.place ?? discordChannel,
        user: {
          id: as.userId ?? '555',
          isModerator: as.moderator ?? true,
          ...(as.locale === undefined ? { locale: 'en-US' } : as.locale === 'none' ? {} : { locale: as.locale }),
        },
        options,
      };
      return handler.handle(command);
    },
    cleanup: redis.cleanup,
  };
}
