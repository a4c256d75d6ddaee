/**
 * The Discord adapter: the REST sender (workers), the token check, the gateway that answers slash
 * commands (the bot role), and the commands' registration.
 */
export { createDiscordSender, type DiscordSenderOptions } from './discord-sender.js';
export { verifyDiscordToken } from './verify-discord-token.js';
export { discordErrorToKabar, DISCORD_TOKEN_HINT } from './discord-errors.js';
export { renderDiscordBrief, type DiscordMessagePart, type DiscordEmbed } from './render-discord-brief.js';
export { startDiscordGateway, type DiscordGatewayOptions } from './discord-gateway.js';
export {
  discordCommandDefinitions,
  registerDiscordCommands,
  type DiscordCommandDefinition,
  type DiscordCommandOption,
} from './discord-commands.js';
export { discordInviteUrl, DISCORD_BOT_PERMISSIONS } from './discord-invite.js';
