/**
 * deliverBrief on real Redis stores (subscriptions, brief archive, delivery log) with a recording
 * sender: exactly one post per (article, subscription), framed with the chat's own greeting and
 * closing, and errors the queue can act on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_IN_DOUBT, deliverBrief, type DeliverBriefDeps } from '../../../src/app/briefs/deliver-brief.js';
import { createRedisBriefArchive } from '../../../src/adapters/redis/brief-archive.js';
import { createRedisDeliveryLog } from '../../../src/adapters/redis/delivery-log.js';
import { createRedisPacer } from '../../../src/adapters/redis/redis-pacer.js';
import { CHAT_ERROR, chatMovedError } from '../../../src/core/chat/chat-errors.js';
import { createRedisSubscriptionStore } from '../../../src/adapters/redis/subscription-store.js';
import { DEFAULT_BRIEF_STYLE, type Brief } from '../../../src/core/briefs/brief.js';
import { BRIEF_LOCALES } from '../../../src/core/briefs/locales.js';
import { KabarError } from '../../../src/core/errors.js';
import type { Subscription } from '../../../src/core/ports.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';
import { createRecordingChatSender, type RecordingChatSender } from '../../fakes/recording-chat-sender.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const brief: Brief = {
  articleId: 'aArticle0000000000000002',
  topics: ['central-asia'],
  language: 'id',
  title: 'Kazakhstan bergabung dengan Abraham Accords',
  paragraphs: ['Kazakhstan akan bergabung, kata pejabat pada hari Kamis.', 'Para menteri bertemu di Washington.'],
  url: 'https://news.example/world/kazakhstan',
};

function subscription(id: string, extra: Partial<Subscription> = {}): Subscription {
  return {
    id,
    platform: 'console',
    chatId: id,
    topics: [],
    language: 'id',
    style: DEFAULT_BRIEF_STYLE,
    onTranslationFailure: 'deliver-with-note',
    createdAt: 0,
    ...extra,
  };
}

describe('deliverBrief', () => {
  let redis: TestRedis;
  let sender: RecordingChatSender;
  let deps: DeliverBriefDeps;
  const job = { articleId: brief.articleId, subscriptionId: 'chat', language: 'id' };

  beforeEach(async () => {
    redis = await openTestRedis();
    sender = createRecordingChatSender();
    deps = {
      subscriptions: createRedisSubscriptionStore(redis.redis, redis.prefix),
      briefs: createRedisBriefArchive(redis.redis, redis.prefix),
      deliveries: createRedisDeliveryLog(redis.redis, redis.prefix),
      senders: { console: sender },
      pacer: createRedisPacer(redis.redis, redis.prefix),
      clock: { now: () => 1_762_400_000_000 },
      log: createRecordingLogger(),
    };
    await deps.briefs.save(brief, 'id');
    await deps.subscriptions.save(subscription('chat'));
  });
  afterEach(() => redis.cleanup());

  it('posts once in the reference shape, and reports later runs of the same job as already sent', async () => {
    expect(await deliverBrief(job, deps)).toBe('sent');
    expect(await deliverBrief(job, deps)).toBe('already-sent');
    expect(sender.sent).toHaveLength(1);
    const { greeting, closing } = BRIEF_LOCALES.id;
    expect(sender.sent[0]?.text.split('\n')).toEqual([
      `${brief.title} - ${greeting}`,
      `${greeting} - ${brief.paragraphs[0]}`,
      brief.paragraphs[1],
      closing,
      brief.url,
    ]);
    expect(await deps.deliveries.wasSent(brief.articleId, 'chat')).toBe(true);
    expect(await deps.deliveries.wasSent(brief.articleId, 'other')).toBe(false);
  });

  it('frames the brief with the chat\'s own greeting and closing', async () => {
    await deps.subscriptions.save(subscription('chat', { style: { greeting: { custom: 'Salam sejahtera' }, closing: 'off' } }));
    await deliverBrief(job, deps);
    expect(sender.sent[0]?.brief).toMatchObject({ greeting: 'Salam sejahtera' });
    expect(sender.sent[0]?.brief.closing).toBeUndefined();
    expect(sender.sent[0]?.text.split('\n').at(-2)).toBe(brief.paragraphs[1]);
  });

  it('does not mark a failed send as sent, so the retry posts it (once)', async () => {
    sender.failNext(new KabarError('rate-limited', '429 from the chat', { retryAfterMs: 1_000 }));
    await expect(deliverBrief(job, deps)).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 1_000 });
    expect(await deps.deliveries.wasSent(brief.articleId, 'chat')).toBe(false);
    expect(await deliverBrief(job, deps)).toBe('sent');
    expect(await deliverBrief(job, deps)).toBe('already-sent');
    expect(sender.sent).toHaveLength(1);
  });

  it('skips a chat that unsubscribed meanwhile', async () => {
    await deps.subscriptions.remove('chat');
    expect(await deliverBrief(job, deps)).toBe('unsubscribed');
    expect(sender.sent).toEqual([]);
  });

  it('fails for good when the brief is no longer archived', async () => {
    await expect(deliverBrief({ ...job, language: 'es' }, deps)).rejects.toMatchObject({ kind: 'permanent', code: 'brief-missing' });
  });

  it('leaves the job to another process when this one has no sender for the platform', async () => {
    await deps.subscriptions.save(subscription('chat', { platform: 'telegram' }));
    await expect(deliverBrief(job, deps)).rejects.toMatchObject({ kind: 'retryable', code: 'no-sender' });
    expect(await deps.deliveries.wasSent(brief.articleId, 'chat')).toBe(false);
  });

  it('lets only one of two concurrent deliveries of the same pair post', async () => {
    const results = await Promise.allSettled([deliverBrief(job, deps), deliverBrief(job, deps)]);
    expect(sender.sent).toHaveLength(1);
    const rejected = results.filter((result) => result.status === 'rejected');
    const fulfilled = results.filter((result) => result.status === 'fulfilled').map((result) => result.value);
    // Either the second saw the claim (and will retry), or it ran after the first had recorded the send.
    if (rejected.length === 1) {
      expect(rejected[0]).toMatchObject({ reason: { kind: 'retryable', code: 'delivery-in-progress' } });
      expect(fulfilled).toEqual(['sent']);
    } else {
      expect(fulfilled.sort()).toEqual(['already-sent', 'sent']);
    }
    expect(await deliverBrief(job, deps)).toBe('already-sent');
  });

  it('tries again to record a post that went out, and keeps the claim if it never can', async () => {
    const markSent = deps.deliveries.markSent;
    let failures = 0;
    deps.deliveries.markSent = async (...args) => {
      if (++failures <= 1) throw new Error('redis blinked');
      return markSent(...args);
    };
    expect(await deliverBrief(job, deps)).toBe('sent');
    expect(await deps.deliveries.wasSent(brief.articleId, 'chat')).toBe(true);

    const other = { ...job, subscriptionId: 'other' };
    await deps.subscriptions.save(subscription('other'));
    deps.deliveries.markSent = async () => {
      throw new Error('redis went away');
    };
    await expect(deliverBrief(other, deps)).rejects.toThrow('redis went away');
    deps.deliveries.markSent = markSent;
    // The claim outlives the failure: no second post right away.
    await expect(deliverBrief(other, deps)).rejects.toMatchObject({ code: 'delivery-in-progress' });
    expect(sender.sent.map((sent) => sent.subscription.id)).toEqual(['chat', 'other']);
  });

  it('lets a claim be released or dropped only by the attempt that holds it', async () => {
    const log = deps.deliveries;
    expect(await log.claim(brief.articleId, 'chat', 'first', 60_000)).toBe('claimed');
    await log.release(brief.articleId, 'chat', 'someone-else');
    expect(await log.claim(brief.articleId, 'chat', 'second', 60_000)).toBe('in-progress');
    await log.release(brief.articleId, 'chat', 'first');
    expect(await log.claim(brief.articleId, 'chat', 'second', 60_000)).toBe('claimed');
    await log.markSent(brief.articleId, 'chat', 1, 'first');
    expect(await log.claim(brief.articleId, 'chat', 'third', 60_000)).toBe('already-sent');
  });

  it('renews its claim while a slow send runs, and a dead holder\'s claim lapses after its TTL', async () => {
    deps.claimMs = 150;
    const sendPart = sender.sendPart.bind(sender);
    let release: () => void = () => undefined;
    const sending = new Promise<void>((resolve) => (release = resolve));
    sender.sendPart = async (...args) => {
      await sending;
      return sendPart(...args);
    };
    const slow = deliverBrief(job, deps);
    // Well past one TTL: without renewal the claim would have lapsed and a second attempt would post.
    await new Promise((later) => setTimeout(later, 500));
    await expect(deliverBrief(job, deps)).rejects.toMatchObject({ code: 'delivery-in-progress' });
    release();
    expect(await slow).toBe('sent');
    expect(sender.sent).toHaveLength(1);

    // A worker killed while holding a claim renews nothing: the pair is free once the TTL is over.
    const other = { ...job, subscriptionId: 'other' };
    await deps.subscriptions.save(subscription('other'));
    expect(await deps.deliveries.claim(brief.articleId, 'other', 'killed-worker', 150)).toBe('claimed');
    await expect(deliverBrief(other, deps)).rejects.toMatchObject({ code: 'delivery-in-progress' });
    await new Promise((later) => setTimeout(later, 200));
    expect(await deliverBrief(other, deps)).toBe('sent');
  });

  it('sends again, and says so once, a part whose earlier send died before it was recorded', async () => {
    const log = createRecordingLogger();
    deps.log = log;
    expect(await deliverBrief(job, deps)).toBe('sent');
    expect(log.find(DELIVERY_IN_DOUBT)).toEqual([]);

    // An attempt that marked part 0 as going out and was killed before recording it.
    const other = { ...job, subscriptionId: 'other' };
    await deps.subscriptions.save(subscription('other'));
    await deps.deliveries.markPartSending(brief.articleId, 'other', 0);
    expect(await deliverBrief(other, deps)).toBe('sent');
    expect(log.find(DELIVERY_IN_DOUBT).map((entry) => entry.fields)).toEqual([
      { articleId: brief.articleId, subscription: 'other', platform: 'console', part: 0, repeatDropped: false },
    ]);
    expect(await deps.deliveries.partSending(brief.articleId, 'other')).toBeUndefined();
    expect(sender.sent.map((sent) => sent.subscription.id)).toEqual(['chat', 'other']);

    // A send the platform answered with a 429 posted nothing: its retry is not in doubt.
    const third = { ...job, subscriptionId: 'third' };
    await deps.subscriptions.save(subscription('third'));
    sender.failNext(new KabarError('rate-limited', 'Telegram 429', { code: CHAT_ERROR.chatRateLimited, retryAfterMs: 1 }));
    await expect(deliverBrief(third, deps)).rejects.toMatchObject({ kind: 'rate-limited' });
    await new Promise((later) => setTimeout(later, 20));
    expect(await deliverBrief(third, deps)).toBe('sent');
    expect(log.find(DELIVERY_IN_DOUBT)).toHaveLength(1);
  });

  it('holds the whole platform, spending no attempt, when a send fails for the platform\'s reasons', async () => {
    const telegram = createRecordingChatSender('telegram');
    deps.senders = { telegram };
    await deps.subscriptions.save(subscription('chat', { platform: 'telegram', chatId: '4242' }));
    await deps.subscriptions.save(subscription('other', { platform: 'telegram', chatId: '4343' }));
    telegram.failNext(new KabarError('retryable', 'Telegram 502: Bad Gateway', { code: 'chat-send-failed' }));
    await expect(deliverBrief(job, deps)).rejects.toMatchObject({ kind: 'rate-limited', code: CHAT_ERROR.platformDown, retryAfterMs: 5_000 });
    // Another chat on the same platform waits as well, instead of meeting the outage on its own.
    await expect(deliverBrief({ ...job, subscriptionId: 'other' }, deps)).rejects.toMatchObject({ kind: 'rate-limited', code: CHAT_ERROR.platformBusy });
    expect(telegram.sent).toEqual([]);
  });

  describe('in parts, on a paced platform', () => {
    const long: Brief = { ...brief, paragraphs: Array.from({ length: 12 }, (_, n) => `Paragraf ${n} tentang Kazakhstan, cukup panjang untuk dipisah.`) };
    let telegram: RecordingChatSender;
    beforeEach(async () => {
      telegram = createRecordingChatSender('telegram', 300);
      deps.senders = { telegram };
      await deps.briefs.save(long, 'id');
      // A private chat: one message a second.
      await deps.subscriptions.save(subscription('chat', { platform: 'telegram', chatId: '4242' }));
    });

    it('sends the first part, hands the job back while the chat is busy, and resumes at the next part', async () => {
      await expect(deliverBrief(job, deps)).rejects.toMatchObject({ kind: 'rate-limited', code: CHAT_ERROR.chatBusy });
      expect(telegram.parts.map((part) => part.key.index)).toEqual([0]);
      expect(await deps.deliveries.partsSent(long.articleId, 'chat')).toBe(1);
      // The claim was given back: the delayed retry is not blocked for minutes.
      const partCount = telegram.parts[0]?.key.count ?? 0;
      expect(partCount).toBeGreaterThan(2);
      for (let round = 0; round < partCount + 2; round++) {
        await new Promise((later) => setTimeout(later, 1_060));
        const outcome = await deliverBrief(job, deps).catch((error: KabarError) => error.code);
        if (outcome === 'sent') break;
        expect(outcome).toBe(CHAT_ERROR.chatBusy);
      }
      expect(telegram.parts.map((part) => part.key.index)).toEqual(Array.from({ length: partCount }, (_, n) => n));
      expect(telegram.sent).toHaveLength(1);
      expect(await deliverBrief(job, deps)).toBe('already-sent');
    }, 30_000);

    it('pauses the subscription at once when the chat is gone, and sends nothing more to it', async () => {
      telegram.failNext(new KabarError('permanent', 'Telegram 403: bot was kicked', { code: CHAT_ERROR.gone }));
      expect(await deliverBrief(job, deps)).toBe('paused');
      const paused = await deps.subscriptions.get('chat');
      expect(paused?.paused).toMatchObject({ code: CHAT_ERROR.gone, reason: 'Telegram 403: bot was kicked', since: 1_762_400_000_000 });
      expect(await deliverBrief(job, deps)).toBe('paused');
      expect(telegram.parts).toEqual([]);
    });

    it('follows a group that migrated to a new chat id and posts there', async () => {
      await deps.subscriptions.save(subscription('chat', { platform: 'telegram', chatId: '-4242' }));
      telegram.failNext(chatMovedError('-1004242', 'migrated'));
      await expect(deliverBrief(job, deps)).rejects.toMatchObject({ code: CHAT_ERROR.chatBusy });
      expect(telegram.parts[0]?.subscription.chatId).toBe('-1004242');
      expect((await deps.subscriptions.get('chat'))?.chatId).toBe('-1004242');
    });

    it('holds only that chat after its 429, and other chats still go', async () => {
      telegram.failNext(new KabarError('rate-limited', '429', { code: CHAT_ERROR.chatRateLimited, retryAfterMs: 7_000 }));
      await expect(deliverBrief(job, deps)).rejects.toMatchObject({ code: CHAT_ERROR.chatRateLimited });
      const held = await deps.pacer.take((await deps.subscriptions.get('chat')) as Subscription);
      expect(held).toMatchObject({ ok: false, scope: 'chat' });
      if (!held.ok) expect(held.waitMs).toBeGreaterThan(6_000);
      await deps.subscriptions.save(subscription('other', { platform: 'telegram', chatId: '5555' }));
      await expect(deliverBrief({ ...job, subscriptionId: 'other' }, deps)).rejects.toMatchObject({ code: CHAT_ERROR.chatBusy });
      expect(telegram.parts.map((part) => part.subscription.id)).toEqual(['other']);
    });
  });
});
