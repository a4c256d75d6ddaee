/**
 * The Telegram {@link ChatSender}: briefs as HTML messages through the Bot API's `sendMessage`.
 */
import type { ChatSender, Logger, Subscription } from '../../core/ports.js';
import { renderTelegramBrief, type TelegramMessagePart } from './render-telegram-brief.js';
import { createTelegramClient, type TelegramClient } from './telegram-client.js';

/** Options of {@link createTelegramSender}. */
export interface TelegramSenderOptions {
  token: string;
  /** A self-hosted Bot API server, or a test fake; default `https://api.telegram.org`. */
  apiRoot?: string;
  log: Logger;
  /** Per message; default 30 s. A timeout is retryable. */
  timeoutMs?: number;
}

/**
 * The `sendMessage` payload of one part for one subscription: HTML, the forum topic, silence, and
 * a preview of the source link (previews off for parts without one).
 */
export function telegramMessagePayload(subscription: Pick<Subscription, 'chatId' | 'threadId' | 'silent'>, part: TelegramMessagePart): Record<string, unknown> {
  return {
    chat_id: subscription.chatId,
    text: part.html,
    parse_mode: 'HTML',
    link_preview_options: part.previewUrl === undefined ? { is_disabled: true } : { url: part.previewUrl },
    ...(subscription.threadId === undefined ? {} : { message_thread_id: Number(subscription.threadId) }),
    ...(subscription.silent === true ? { disable_notification: true } : {}),
  };
}

/**
 * Creates the sender. It neither paces nor retries: the caller's `Pacer` and queue do. Telegram has
 * no idempotency key for `sendMessage`, so `PartKey.idempotencyKey` is not sent; the caller's
 * per-part sent record is what keeps a retry from posting a part twice.
 *
 * @example
 * ```ts
 * const sender = createTelegramSender({ token: config.telegramBotToken, log });
 * for (const [index, part] of sender.render(subscription, brief).entries()) await sender.sendPart(subscription, part, key(index));
 * sender.close();
 * ```
 */
export function createTelegramSender(options: TelegramSenderOptions): ChatSender<TelegramMessagePart> & { close(): void } {
  const client: TelegramClient = createTelegramClient(options);
  return {
    platform: 'telegram',
    render: (_subscription, brief) => renderTelegramBrief(brief),
    async sendPart(subscription, part, key) {
      await client.call('sendMessage', telegramMessagePayload(subscription, part));
      options.log.debug('telegram message sent', { subscription: subscription.id, part: key.index, of: key.count });
    },
    close: () => client.close(),
  };
}
