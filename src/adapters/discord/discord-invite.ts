/**
 * The link that adds the bot to a server, with exactly what kabar needs.
 */
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * What the bot needs in a channel: see it, post in it and in its threads, and show embeds.
 * Nothing else (no mentions, no history, no management).
 */
export const DISCORD_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks;

/**
 * The invite URL for the application: scopes `bot` and `applications.commands`, and
 * {@link DISCORD_BOT_PERMISSIONS}.
 *
 * @example
 * ```ts
 * discordInviteUrl('123456789012345678');
 * // "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands&permissions=274877926400"
 * ```
 */
export function discordInviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: String(DISCORD_BOT_PERMISSIONS),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
