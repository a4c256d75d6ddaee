/**
 * `fanout`: one brief to 1,000 Telegram chats and 1,000 Discord channels (subscribers in three
 * languages) through the loopback fakes, which answer 429 past the platforms' limits, delivered by
 * one worker process. Reports each platform's messages/s against its limit, the 429s, and the
 * translation calls (counted by the LibreTranslate fake) against the languages that need one.
 */
import { addFeed } from '../src/app/feeds/manage-feeds.js';
import { configuredChatPlatforms } from '../src/composition/configured-chat-platforms.js';
import { rssDocument } from '../test/fakes/feed-server.js';
import { FAN_OUT_LANGUAGES, fanOutSubscriptions, sendRate, startFanOutScene } from '../test/integration/fan-out-setup.js';
import { accordsStory } from '../test/integration/stories.js';
import { waitFor } from '../test/support/wait-for.js';
import { benchConfig, startBenchKabar } from './support/bench-kabar.js';
import { round, type BenchContext } from './support/report.js';

const TELEGRAM_LIMIT_PER_S = 30;
const DISCORD_LIMIT_PER_S = 50;

export default async function fanout(ctx: BenchContext): Promise<void> {
  const chats = ctx.quick ? 60 : 1_000;
  const scene = await startFanOutScene();
  const config = await benchConfig(ctx, { ...scene.env, KABAR_SCHEDULER_TICK: '1s' });
  const running = await startBenchKabar(config, { chat: configuredChatPlatforms(config) }).catch(async (error: unknown) => {
    await scene.close();
    throw error;
  });
  try {
    const { runtime } = running;
    const { telegram, discord, feeds, libre } = scene;
    await Promise.all(fanOutSubscriptions(telegram, chats).map((subscription) => runtime.subscriptions.save(subscription)));
    const url = feeds.url('/fan-out.xml');
    feeds.setDocument('/fan-out.xml', rssDocument({ items: [] }));
    await addFeed(url, 60_000, { feeds: runtime.feeds, clock: runtime.clock, random: () => 0 });
    await waitFor(async () => (await runtime.feeds.get(url))?.seeded, 30_000, 'the fan-out feed seeded', 100);

    const translationsBefore = libre.requests.length;
    feeds.setDocument('/fan-out.xml', rssDocument({ items: [accordsStory('fan-out')] }));
    const feed = await runtime.feeds.get(url);
    if (feed === undefined) throw new Error('fanout: the feed vanished');
    await runtime.feeds.save({ ...feed, nextCheckAt: Date.now() });
    await waitFor(() => telegram.sent().length >= chats && discord.allMessages().length >= chats, 300_000, 'every chat served', 200);

    const translationCalls = libre.requests.length - translationsBefore;
    const translated = FAN_OUT_LANGUAGES.filter((language) => language !== 'en').length;
    const platforms = [
      { platform: 'telegram', times: telegram.sent().map((m) => m.at), limit: TELEGRAM_LIMIT_PER_S, http429: telegram.stats().rateLimited },
      { platform: 'discord', times: discord.allMessages().map((m) => m.at), limit: DISCORD_LIMIT_PER_S, http429: discord.rateLimited().channel + discord.rateLimited().global },
    ];
    for (const { platform, times, limit, http429 } of platforms) {
      const perS = sendRate(times);
      ctx.row({
        bench: 'fanout',
        platform,
        messages: times.length,
        chats,
        per_s: round(perS),
        limit_per_s: limit,
        share_of_limit: round(perS / limit),
        http_429: http429,
        translation_calls: translationCalls,
        languages: translated,
        subscriber_languages: FAN_OUT_LANGUAGES.length,
      });
    }
    ctx.note(`fanout: the story is English; ${FAN_OUT_LANGUAGES.join(', ')} subscribers, so ${translated} languages need a translation`);
  } finally {
    await running.stop(10_000);
    await scene.close();
  }
}
