/**
 * `memory`: peak RSS (VmHWM) of one real `kabar start --role all` process (workers, scheduler and
 * the Telegram gateway, long-polling the loopback fake) serving 1,000 feeds and 10,000
 * subscriptions. The feeds are new, so their first polls fetch and parse every document; one more
 * feed, already seeded, gets a new item that matches the topic all 10,000 chats follow, so the run
 * also builds one brief and queues its 10,000 deliveries (the largest fan-out), some of which are
 * sent before the window ends.
 */
import { createRedisFeedStore } from '../src/adapters/redis/feed-store.js';
import { createRedisSubscriptionStore } from '../src/adapters/redis/subscription-store.js';
import { DEFAULT_BRIEF_STYLE } from '../src/core/briefs/brief.js';
import { subscriptionIdFor } from '../src/core/chat/subscription-id.js';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram } from '../test/fakes/telegram/fake-telegram.js';
import { accordsStory } from '../test/integration/stories.js';
import { benchFeedRecord } from './support/bench-kabar.js';
import { openBenchRedis } from './support/bench-redis.js';
import { startFeedFarm } from './support/feed-farm.js';
import { kabarBuild, spawnKabar } from './support/kabar-process.js';
import { round, type BenchContext } from './support/report.js';

const TARGET_MB = 250;

export default async function memory(ctx: BenchContext): Promise<void> {
  const feedCount = ctx.quick ? 50 : 1_000;
  const subscriptionCount = ctx.quick ? 200 : 10_000;
  const windowMs = ctx.quick ? 4_000 : 60_000;
  const farm = await startFeedFarm(feedCount + 1);
  const telegram = await startFakeTelegram();
  const bench = await openBenchRedis(ctx, 'memory');
  try {
    const feeds = createRedisFeedStore(bench.redis, bench.keyPrefix);
    const subscriptions = createRedisSubscriptionStore(bench.redis, bench.keyPrefix);
    const now = Date.now();
    for (let from = 0; from <= feedCount; from += 250) {
      await Promise.all(
        Array.from({ length: Math.min(250, feedCount + 1 - from) }, async (_, i) => {
          // New feeds, first checked in the first half of the window (a real add spreads them over a minute).
          await feeds.add(benchFeedRecord(farm.url(from + i), 60_000, { nextCheckAt: now + (Math.random() * windowMs) / 2 }));
        }),
      );
    }
    // The last feed is the one whose new item reaches every chat: seeded, due a little later.
    const newsFeed = farm.url(feedCount);
    const record = await feeds.get(newsFeed);
    if (record === undefined) throw new Error('memory: the news feed was not added');
    await feeds.save({ ...record, seeded: true, validators: farm.validators(feedCount), nextCheckAt: now + windowMs / 3 });
    for (let from = 0; from < subscriptionCount; from += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, subscriptionCount - from) }, async (_, i) => {
          const chat = telegram.addChat({ id: 600_000 + from + i, type: 'private', first_name: `Reader ${from + i}` });
          await subscriptions.save({
            id: subscriptionIdFor({ platform: 'telegram', chatId: String(chat.id) }),
            platform: 'telegram',
            chatId: String(chat.id),
            topics: ['abraham-accords'],
            language: 'en',
            style: DEFAULT_BRIEF_STYLE,
            onTranslationFailure: 'deliver-with-note',
            createdAt: 0,
          });
        }),
      );
    }
    let polled = 0;
    farm.onRequest = () => polled++;
    const kabar = await spawnKabar('all', {
      REDIS_URL: bench.url,
      KABAR_REDIS_PREFIX: bench.prefix,
      KABAR_ALLOW_PRIVATE_FEEDS: 'true',
      KABAR_SCHEDULER_TICK: '5s',
      KABAR_FETCH_PER_HOST_CONCURRENCY: '100',
      KABAR_FETCH_PER_HOST_PER_MINUTE: '6000',
      KABAR_DEFAULT_LANGUAGE: 'en',
      TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
    });
    let peak: number;
    const started = Date.now();
    try {
      farm.publish(feedCount, accordsStory('memory'));
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      peak = kabar.peakRssMb();
      for (const complaint of kabar.complaints.slice(0, 3)) ctx.note(`memory: kabar said ${complaint}`);
    } finally {
      await kabar.stop();
    }
    ctx.row({
      bench: 'memory',
      feeds: feedCount,
      subscriptions: subscriptionCount,
      seconds: Math.round((Date.now() - started) / 1000),
      feed_requests: polled,
      delivered: telegram.sent().length,
      peak_rss_mb: round(peak),
      runs: kabarBuild(),
      target_mb: TARGET_MB,
    });
  } finally {
    await bench.close();
    await telegram.close();
    await farm.close();
  }
}
