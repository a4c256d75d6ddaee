import { silentLogger } from '../../../src/adapters/log/create-logger.js';
import { createDiscordSender } from '../../../src/adapters/discord/discord-sender.js';
import type { Subscription } from '../../../src/core/ports.js';
import { describeChatSenderContract, type ScriptedFailure } from '../../contracts/chat-sender-contract.js';
import { DISCORD_FAILURES, startFakeDiscord, visibleText, type FakeFailure } from '../../fakes/discord/fake-discord.js';

const failures: Record<ScriptedFailure, FakeFailure> = {
  gone: DISCORD_FAILURES.unknownChannel,
  'chat-rate-limited': DISCORD_FAILURES.rateLimited(1.25, false),
  'server-error': DISCORD_FAILURES.serverError,
  unauthorized: DISCORD_FAILURES.unauthorized,
};

for (const format of ['embed', 'text'] as const) {
  describeChatSenderContract(`discord (${format})`, async () => {
    // The contract posts a long brief's parts back to back, unpaced (pacing is the pacer's job):
    // plain text needs more than Discord's 5 messages per 5 s, so that run gets a looser channel.
    const discord = await startFakeDiscord(format === 'text' ? { limits: { channel: { count: 50, windowMs: 5_000 } } } : {});
    const sender = createDiscordSender({ token: discord.token, apiBase: discord.api, log: silentLogger });
    const subscription: Subscription = {
      id: 'discord-2001',
      platform: 'discord',
      chatId: '2001',
      guildId: '1001',
      topics: [],
      language: 'id',
      style: { greeting: 'default', closing: 'default' },
      format,
      onTranslationFailure: 'deliver-with-note',
      createdAt: 0,
    };
    return {
      sender,
      subscription,
      received: async () => discord.messages('2001').map(visibleText),
      failNext: (failure) => discord.failNext(failures[failure]),
      async close() {
        sender.close();
        await discord.close();
      },
    };
  });
}
