/**
 * The Discord adapter: the REST sender (workers), the token check, and (in their own files) the
 * gateway for slash commands and their registration (the bot role).
 */
export { createDiscordSender, type DiscordSenderOptions } from './discord-sender.js';
export { verifyDiscordToken } from './verify-discord-token.js';
export { discordErrorToKabar, DISCORD_TOKEN_HINT } from './discord-errors.js';
export { renderDiscordBrief, type DiscordMessagePart, type DiscordEmbed } from './render-discord-brief.js';
