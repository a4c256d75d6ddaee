/**
 * What each role runs with chat tokens set: `worker` sends over REST and opens no gateway, `bot`
 * opens the gateways and runs no worker, `all` both; a wrong token stops the start with one line
 * naming its variable and never showing the token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configuredChatPlatforms } from '../../src/composition/configured-chat-platforms.js';
import { describeError } from '../../src/core/errors.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram, type FakeTelegram } from '../fakes/telegram/fake-telegram.js';
import { openKabarHarness, waitFor, type KabarHarness } from './support.js';

describe('roles with chat platforms', { timeout: 60_000 }, () => {
  let discord: FakeDiscord;
  let telegram: FakeTelegram;
  let harness: KabarHarness;
  let env: Record<string, string>;

  beforeEach(async () => {
    [discord, telegram] = await Promise.all([startFakeDiscord(), startFakeTelegram()]);
    env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_BASE: discord.api,
      TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
    };
    harness = await openKabarHarness(env);
  });
  afterEach(async () => {
    await harness.cleanup();
    await Promise.all([discord.close(), telegram.close()]);
  });

  it('worker: delivery workers for both platforms, no gateway, no console subscription', async () => {
    const kabar = await harness.start({}, { role: 'worker', chat: configuredChatPlatforms(harness.config()) });
    expect(kabar.running.workers?.workers.map((worker) => worker.name).sort()).toEqual(['brief', 'deliver-discord', 'deliver-telegram', 'poll']);
    await new Promise((later) => setTimeout(later, 500));
    expect(discord.sessions()).toEqual([]);
    expect(telegram.requests('getUpdates')).toEqual([]);
    expect(await kabar.runtime.subscriptions.get('console')).toBeUndefined();
  });

  it('bot: the gateways, and no worker', async () => {
    const kabar = await harness.start({}, { role: 'bot', chat: configuredChatPlatforms(harness.config()) });
    expect(kabar.running.workers).toBeUndefined();
    await discord.waitForReady();
    await waitFor(() => telegram.requests('getUpdates').length > 0, 10_000, 'telegram polling');
    expect(telegram.commands('id')?.map((command) => command.command)).toContain('accords');
    expect(discord.sessions().filter((session) => session.identified)).toHaveLength(1);
    await kabar.stop();
    expect(discord.sessions()).toEqual([]);
  });

  it('a revoked token fails the start with one line naming the variable, without the token', async () => {
    discord.revokeToken();
    const error = await harness.start({}, { role: 'all', chat: configuredChatPlatforms(harness.config()) }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const line = describeError(error);
    expect(line).toContain('DISCORD_TOKEN');
    expect(line).not.toContain(discord.token);
    const logged = JSON.stringify(harness.log.entries);
    expect(logged).not.toContain(discord.token);
    expect(logged).not.toContain(FAKE_TELEGRAM_TOKEN);
  });
});
