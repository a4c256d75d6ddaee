/**
 * Checks a bot token with `getMe` before anything else uses it, so a wrong or revoked token stops
 * start-up with one line naming TELEGRAM_BOT_TOKEN.
 */
import { createTelegramClient } from './telegram-client.js';

/** Options of {@link verifyTelegramToken}. */
export interface VerifyTelegramTokenOptions {
  token: string;
  /** A self-hosted Bot API server, or a test fake; default `https://api.telegram.org`. */
  apiRoot?: string;
  /** Default 15 s. */
  timeoutMs?: number;
}

/**
 * The bot the token belongs to. Throws a permanent `KabarError` with code `unauthorized` and the
 * message "401 from Telegram: the bot token is wrong or revoked — check TELEGRAM_BOT_TOKEN" when
 * Telegram refuses the token (401, or 404 for a malformed one); a retryable one when Telegram
 * cannot be reached. No message carries the token.
 *
 * @example
 * ```ts
 * const { username } = await verifyTelegramToken({ token: config.telegramBotToken });
 * log.info('telegram bot', { username });
 * ```
 */
export async function verifyTelegramToken(options: VerifyTelegramTokenOptions): Promise<{ id: string; username: string }> {
  const client = createTelegramClient({ ...options, timeoutMs: options.timeoutMs ?? 15_000 });
  try {
    const me = await client.call<{ id: number; username?: string; first_name: string }>('getMe', {});
    return { id: String(me.id), username: me.username ?? me.first_name };
  } finally {
    client.close();
  }
}
