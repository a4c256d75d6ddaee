/**
 * The error codes chat senders and gateways use, so that delivery and the queues can react to a
 * platform's answer without knowing the platform. Each adapter maps its API's errors to these at
 * its edge (DESIGN.md, "Platform facts to respect").
 */
import { isKabarError, KabarError } from '../errors.js';

/** Error codes of chat adapters (`KabarError.code`). */
export const CHAT_ERROR = {
  /** Permanent: the chat is gone or the bot lost access (Discord 10003/50001/50013; Telegram 403, 400 chat not found). Pauses the subscription. */
  gone: 'chat-gone',
  /** Permanent: a Telegram group became a supergroup; `data.chatId` is the new id. The subscription moves and the part is sent again. */
  moved: 'chat-moved',
  /** Rate-limited: this chat must wait `retryAfterMs`; other chats may go on. */
  chatRateLimited: 'chat-rate-limited',
  /** Rate-limited: the whole platform must wait `retryAfterMs` (a global 429). */
  platformRateLimited: 'platform-rate-limited',
  /** Permanent: the token is wrong or revoked. */
  unauthorized: 'unauthorized',
  /** Permanent: the platform refused the request as malformed (a bug in kabar, not in the chat). */
  rejected: 'chat-request-rejected',
  /** Rate-limited, kabar's own pacing: this chat's next slot is `retryAfterMs` away. */
  chatBusy: 'chat-busy',
  /**
   * Rate-limited, kabar's own: the platform failed a send (5xx, a timeout, the network), so its
   * deliveries wait `retryAfterMs` together, in their queue's order, spending no attempt.
   */
  platformDown: 'platform-down',
  /** Rate-limited, kabar's own pacing: the platform's next slot is `retryAfterMs` away. */
  platformBusy: 'platform-busy',
} as const;

/**
 * What a rate-limited chat error holds up: one chat (the job waits, other chats go on) or the
 * whole platform (every job of that platform waits). Undefined for other errors.
 */
export function waitScopeOf(error: unknown): 'chat' | 'platform' | undefined {
  if (!isKabarError(error, 'rate-limited')) return undefined;
  if (error.code === CHAT_ERROR.chatRateLimited || error.code === CHAT_ERROR.chatBusy) return 'chat';
  if (error.code === CHAT_ERROR.platformRateLimited || error.code === CHAT_ERROR.platformBusy || error.code === CHAT_ERROR.platformDown) {
    return 'platform';
  }
  return undefined;
}

/** One of {@link CHAT_ERROR}. */
export type ChatErrorCode = (typeof CHAT_ERROR)[keyof typeof CHAT_ERROR];

/**
 * The error for a chat that moved to `newChatId` (Telegram's `migrate_to_chat_id`).
 *
 * @example
 * ```ts
 * throw chatMovedError('-1001234567890', 'Telegram: group upgraded to a supergroup');
 * ```
 */
export function chatMovedError(newChatId: string, message: string): KabarError {
  return new KabarError('permanent', message, { code: CHAT_ERROR.moved, data: { chatId: newChatId } });
}
