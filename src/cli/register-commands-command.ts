/**
 * `kabar register-commands [--guild ID]`: publishes the slash commands to Discord, globally (they
 * reach every server within about an hour) or to one server at once (for trying them out).
 */
import { discordInviteUrl, registerDiscordCommands } from '../adapters/discord/index.js';
import { config, out, UsageError } from './cli-support.js';

/** Registers the commands; needs DISCORD_TOKEN and DISCORD_APPLICATION_ID. */
export async function registerCommandsCommand(options: { guild?: string }): Promise<void> {
  const settings = config();
  if (settings.DISCORD_TOKEN === undefined || settings.DISCORD_APPLICATION_ID === undefined) {
    throw new UsageError('register-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README, "Set up on Discord")');
  }
  if (options.guild !== undefined && !/^\d{5,25}$/.test(options.guild)) {
    throw new UsageError(`--guild takes a server id (a number; got "${options.guild}")`);
  }
  const result = await registerDiscordCommands({
    token: settings.DISCORD_TOKEN,
    applicationId: settings.DISCORD_APPLICATION_ID,
    ...(settings.DISCORD_API_BASE === undefined ? {} : { apiBase: settings.DISCORD_API_BASE }),
    ...(options.guild === undefined ? {} : { guildId: options.guild }),
  });
  out(
    result.scope === 'global'
      ? `registered ${result.count} commands globally (/accords, /keywords, /feeds); Discord shows them in every server within about an hour`
      : `registered ${result.count} commands in server ${options.guild ?? ''}; they show there at once`,
  );
  out(`invite the bot to a server with: ${discordInviteUrl(settings.DISCORD_APPLICATION_ID)}`);
}
