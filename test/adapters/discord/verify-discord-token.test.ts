import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyDiscordToken } from '../../../src/adapters/discord/verify-discord-token.js';
import { CHAT_ERROR } from '../../../src/core/chat/chat-errors.js';
import { isKabarError, type KabarError } from '../../../src/core/errors.js';
import { startFakeDiscord } from '../../fakes/discord/fake-discord.js';

describe('verifyDiscordToken', () => {
  it('returns the bot user the token belongs to', async () => {
    const discord = await startFakeDiscord();
    try {
      expect(await verifyDiscordToken({ token: discord.token, apiBase: discord.api })).toEqual(discord.botUser);
    } finally {
      await discord.close();
    }
  });

  it('refuses a revoked token with a permanent unauthorized error naming DISCORD_TOKEN and not the token', async () => {
    const discord = await startFakeDiscord();
    const old = discord.token;
    discord.revokeToken();
    const error = await verifyDiscordToken({ token: old, apiBase: discord.api }).catch((caught: unknown) => caught);
    await discord.close();
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect((error as KabarError).code).toBe(CHAT_ERROR.unauthorized);
    expect((error as KabarError).message).toBe('401 from Discord: the bot token is wrong or revoked — check DISCORD_TOKEN');
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(old);
  });

  it('says Discord cannot be reached (retryable) when nothing answers', async () => {
    const discord = await startFakeDiscord();
    const { api, token } = discord;
    await discord.close();
    const error = await verifyDiscordToken({ token, apiBase: api, timeoutMs: 2_000 }).catch((caught: unknown) => caught);
    expect(isKabarError(error, 'retryable')).toBe(true);
    expect((error as Error).message).not.toContain(token);
  });
});
