import { describe, expect, it } from 'vitest';
import { discordInviteUrl } from '../../../src/adapters/discord/discord-invite.js';

describe('discordInviteUrl', () => {
  it('asks for the bot and commands scopes and only view, send, send in threads and embed links', () => {
    const url = new URL(discordInviteUrl('123456789012345678'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const bits = BigInt(url.searchParams.get('permissions') ?? '0');
    // VIEW_CHANNEL 1<<10, SEND_MESSAGES 1<<11, EMBED_LINKS 1<<14, SEND_MESSAGES_IN_THREADS 1<<38.
    expect(bits).toBe((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 38n));
    expect(bits).toBe(274877926400n);
  });
});
