/**
 * The fan-out scene shared by `test/integration/chat-fan-out.test.ts` and `npm run bench -- --only
 * fanout`: loopback fakes of Telegram and Discord that enforce the platforms' limits with 429s, a
 * feed server, a counting LibreTranslate fake, the environment that points kabar at them, and one
 * subscription per chat in a mix of languages. Free of vitest, so that `bench/` can use it.
 */
import { DEFAULT_BRIEF_STYLE } from '../../src/core/briefs/brief.js';
import { subscriptionIdFor } from '../../src/core/chat/subscription-id.js';
import type { Subscription } from '../../src/core/ports.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram, type FakeTelegram } from '../fakes/telegram/fake-telegram.js';
import { startFakeLibreTranslate } from '../fakes/translate/fake-libretranslate.js';
import type { LoopbackServer } from '../fakes/translate/loopback-server.js';

/** The subscribers' languages, in turn: the story is English, so `id` and `es` need a translation. */
export const FAN_OUT_LANGUAGES = ['id', 'en', 'es'] as const;

/** The fakes of one fan-out run. */
export interface FanOutScene {
  discord: FakeDiscord;
  telegram: FakeTelegram;
  feeds: FeedServer;
  /** Every request it got is in `libre.requests`: one per translated text. */
  libre: LoopbackServer;
  /** The kabar environment that points at the fakes (chat tokens, API roots, translator). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the fakes. */
export async function startFanOutScene(): Promise<FanOutScene> {
  const [discord, telegram, feeds, libre] = await Promise.all([startFakeDiscord(), startFakeTelegram(), startFeedServer(), startFakeLibreTranslate()]);
  return {
    discord,
    telegram,
    feeds,
    libre,
    env: {
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_BASE: discord.api,
      TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
      KABAR_TRANSLATOR: 'libretranslate',
      LIBRETRANSLATE_URL: libre.origin,
      KABAR_DEFAULT_LANGUAGE: 'id',
    },
    close: async () => {
      await Promise.all([discord.close(), telegram.close(), feeds.close(), libre.close()]);
    },
  };
}

/**
 * `chatsPerPlatform` Telegram chats (created in the fake) and as many Discord channels, each
 * subscribed to `topic` in the next of {@link FAN_OUT_LANGUAGES}.
 */
export function fanOutSubscriptions(telegram: FakeTelegram, chatsPerPlatform: number, topic = 'abraham-accords'): Subscription[] {
  const subscriptions: Subscription[] = [];
  for (let n = 0; n < chatsPerPlatform; n++) {
    const telegramChat = telegram.addChat({ id: 700_000 + n, type: 'private', first_name: `Reader ${n}` });
    for (const [platform, chatId] of [['telegram', String(telegramChat.id)], ['discord', String(900_000_000_000 + n)]] as const) {
      subscriptions.push({
        id: subscriptionIdFor({ platform, chatId }),
        platform,
        chatId,
        topics: [topic],
        language: FAN_OUT_LANGUAGES[n % FAN_OUT_LANGUAGES.length] ?? 'id',
        style: DEFAULT_BRIEF_STYLE,
        onTranslationFailure: 'deliver-with-note',
        createdAt: 0,
      });
    }
  }
  return subscriptions;
}

/** Messages per second between the first and the last of `times` (epoch ms). */
export function sendRate(times: readonly number[]): number {
  return (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
}
