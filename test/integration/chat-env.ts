/**
 * The environment that points kabar at the loopback Discord and Telegram fakes, for the chat
 * integration tests.
 */
import type { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { FAKE_TELEGRAM_TOKEN, type FakeTelegram } from '../fakes/telegram/fake-telegram.js';

/** DISCORD_* and TELEGRAM_* for `discord` and `telegram`. */
export function chatPlatformEnv(discord: FakeDiscord, telegram: FakeTelegram): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_BASE: discord.api,
    TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
  };
}
