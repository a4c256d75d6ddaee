/**
 * The Telegram adapter: the sender for workers, the command gateway for the bot role, and the
 * token check for start-up. Everything telegraf-specific stays in this folder.
 */
export { createTelegramSender, type TelegramSenderOptions } from './telegram-sender.js';
export { verifyTelegramToken, type VerifyTelegramTokenOptions } from './verify-telegram-token.js';
export type { TelegramMessagePart } from './render-telegram-brief.js';
export { TELEGRAM_UNAUTHORIZED_MESSAGE } from './telegram-errors.js';
export { startTelegramBot, type TelegramBot, type TelegramBotOptions } from './telegram-bot.js';
