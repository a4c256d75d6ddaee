/**
 * Start-up check of the Discord bot token.
 */
import { Routes } from 'discord.js';
import { discordErrorToKabar } from './discord-errors.js';
import { createDiscordRest } from './discord-rest.js';

/**
 * Asks Discord who the token belongs to (`GET /users/@me`). A wrong or revoked token throws a
 * permanent `unauthorized` `KabarError` whose message names DISCORD_TOKEN (never the token);
 * an unreachable Discord throws a retryable one.
 *
 * @example
 * ```ts
 * const bot = await verifyDiscordToken({ token }); // { id: '1234', username: 'kabar' }
 * ```
 */
export async function verifyDiscordToken(options: { token: string; apiBase?: string; timeoutMs?: number }): Promise<{ id: string; username: string }> {
  const rest = createDiscordRest(options);
  try {
    const user = (await rest.get(Routes.user())) as { id: string; username: string };
    return { id: user.id, username: user.username };
  } catch (error) {
    throw discordErrorToKabar(error, 'checking the bot token');
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
