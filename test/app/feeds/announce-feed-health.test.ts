/**
 * Feed health notices: once per change, to the chats that got briefs from the feed, in each
 * chat's language, without greeting or closing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceFeedHealth, type AnnounceFeedHealthDeps } from '../../../src/app/feeds/announce-feed-health.js';
import { deliverBrief } from '../../../src/app/briefs/deliver-brief.js';
import { createRedisBriefArchive } from '../../../src/adapters/redis/brief-archive.js';
import { createRedisDeliveryLog } from '../../../src/adapters/redis/delivery-log.js';
import { createRedisFeedAudience } from '../../../src/adapters/redis/feed-audience.js';
import { createRedisPacer } from '../../../src/adapters/redis/redis-pacer.js';
import { createRedisSubscriptionStore } from '../../../src/adapters/redis/subscription-store.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import type { Platform, Subscription } from '../../../src/core/ports.js';
import { createRecordingLogger, createRecordingQueues, type RecordingQueues } from '../../fakes/in-memory-stores.js';
import { createRecordingChatSender } from '../../fakes/recording-chat-sender.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const FEED = 'https://news.example/rss.xml';

function subscription(id: string, platform: Platform, language: string, extra: Partial<Subscription> = {}): Subscription {
  return { id, platform, chatId: id, topics: [], language, style: DEFAULT_BRIEF_STYLE, onTranslationFailure: 'hold', createdAt: 0, ...extra };
}

describe('announceFeedHealth', () => {
  let redis: TestRedis;
  let queues: RecordingQueues;
  let deps: AnnounceFeedHealthDeps;
  beforeEach(async () => {
    redis = await openTestRedis();
    queues = createRecordingQueues();
    deps = {
      audience: createRedisFeedAudience(redis.redis, redis.prefix),
      subscriptions: createRedisSubscriptionStore(redis.redis, redis.prefix),
      briefs: createRedisBriefArchive(redis.redis, redis.prefix),
      queues,
      clock: { now: () => 1_764_670_000_000 },
      log: createRecordingLogger(),
    };
  });
  afterEach(() => redis.cleanup());

  it('tells the chats that got briefs from the feed, each in its language, and nobody else', async () => {
    await deps.subscriptions.save(subscription('telegram-1', 'telegram', 'id'));
    await deps.subscriptions.save(subscription('discord-2', 'discord', 'en'));
    await deps.subscriptions.save(subscription('discord-3', 'discord', 'en'));
    await deps.subscriptions.save(subscription('console', 'console', 'id'));
    await deps.subscriptions.save(subscription('telegram-4', 'telegram', 'en', { paused: { code: 'chat-gone', reason: 'kicked', since: 0 } }));
    await deps.audience.add(FEED, ['telegram-1', 'discord-2', 'console', 'telegram-4']);
    await deps.audience.add('https://other.example/feed', ['discord-3']);

    expect(await announceFeedHealth({ url: FEED, state: 'failing', reason: 'HTTP 500' }, deps)).toBe(2);
    expect(queues.deliveries.map((job) => [job.subscriptionId, job.language, job.platform]).sort()).toEqual([
      ['discord-2', 'en', 'discord'],
      ['telegram-1', 'id', 'telegram'],
    ]);
    const noticeId = queues.deliveries[0]?.articleId ?? '';
    expect(await deps.briefs.get(noticeId, 'en')).toMatchObject({ notice: true, url: FEED, title: expect.stringContaining('is failing: https://news.example/rss.xml (HTTP 500)') });
    expect(await deps.briefs.get(noticeId, 'id')).toMatchObject({ title: expect.stringContaining('gagal') });
    expect(await deps.briefs.latest('abraham-accords', 'en', 5)).toEqual([]);
  });

  it('is delivered without greeting or closing', async () => {
    await deps.subscriptions.save(subscription('telegram-1', 'telegram', 'en'));
    await deps.audience.add(FEED, ['telegram-1']);
    await announceFeedHealth({ url: FEED, state: 'recovered' }, deps);
    const sender = createRecordingChatSender('telegram');
    const [job] = queues.deliveries;
    await deliverBrief(job!, {
      subscriptions: deps.subscriptions,
      briefs: deps.briefs,
      deliveries: createRedisDeliveryLog(redis.redis, redis.prefix),
      senders: { telegram: sender },
      pacer: createRedisPacer(redis.redis, redis.prefix),
      clock: deps.clock,
      log: deps.log,
    });
    expect(sender.sent[0]?.text).toBe(`The feed ${FEED} works again.\n${FEED}`);
  });

  it('queues nothing for a feed nobody read', async () => {
    expect(await announceFeedHealth({ url: FEED, state: 'failing', reason: 'x' }, deps)).toBe(0);
    expect(queues.deliveries).toEqual([]);
  });
});
