/**
 * Telegram's answers as kabar errors (`core/chat/chat-errors.ts`), with the bot token kept out of
 * every message and cause: Telegram's request URLs carry it, and network errors quote the URL.
 */
import { CHAT_ERROR, chatMovedError } from '../../core/chat/chat-errors.js';
import { KabarError } from '../../core/errors.js';

/** The one line a wrong or revoked token gets, wherever it shows up. */
export const TELEGRAM_UNAUTHORIZED_MESSAGE = '401 from Telegram: the bot token is wrong or revoked — check TELEGRAM_BOT_TOKEN';

// 400 answers that mean the chat (or forum topic) cannot be written to any more: pause, do not retry.
const GONE_DESCRIPTIONS =
  /chat not found|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|CHAT_SEND_\w+_FORBIDDEN|TOPIC_CLOSED|TOPIC_DELETED|message thread not found|not enough rights|have no rights to send|group chat was deactivated|USER_DEACTIVATED|PEER_ID_INVALID|user not found/i;

// Token-looking path segments (`/bot123:abc/`), for errors raised before we could see the token.
const TOKEN_IN_PATH = /\/(bot|user)\d+:[^/\s]+/g;

/**
 * Removes the token (and anything shaped like a bot token in a URL path) from a text.
 *
 * @example
 * ```ts
 * redactToken('request to http://x/bot1:abc/getMe failed', '1:abc'); // "request to http://x/bot[REDACTED]/getMe failed"
 * ```
 */
export function redactToken(text: string, token: string): string {
  const withoutToken = token === '' ? text : text.split(token).join('[REDACTED]');
  return withoutToken.replace(TOKEN_IN_PATH, '/$1[REDACTED]');
}

/** What telegraf's `TelegramError` carries (read structurally, so a swap of library is one folder). */
interface TelegramAnswer {
  code: number;
  description: string;
  parameters: { retry_after?: number; migrate_to_chat_id?: number | string } | undefined;
}

function answerOf(error: unknown): TelegramAnswer | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null) return undefined;
  const { error_code: code, description, parameters } = response as Record<string, unknown>;
  if (typeof code !== 'number') return undefined;
  return {
    code,
    description: typeof description === 'string' ? description : '',
    parameters: typeof parameters === 'object' && parameters !== null ? (parameters as TelegramAnswer['parameters']) : undefined,
  };
}

/**
 * A copy of `error` safe to log: the same name and message with the token removed, and no
 * request, response or URL attached.
 */
export function sanitizedCause(error: unknown, token: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const safe = new Error(redactToken(message, token));
  safe.name = error instanceof Error ? error.name : 'Error';
  return safe;
}

/**
 * Maps a failed Bot API call to a {@link KabarError}:
 *
 * - 429 -> `rate-limited` `chat-rate-limited`, `retryAfterMs` from `parameters.retry_after`;
 * - 400 with `migrate_to_chat_id` -> `chat-moved` (`data.chatId` the new id);
 * - 403 (blocked, kicked, not a member) and 400 "chat not found"-style answers -> `chat-gone`;
 * - 401 and 404 (Telegram's answer to a malformed token) -> `unauthorized`;
 * - other 4xx -> `chat-request-rejected`;
 * - 5xx, timeouts, network failures -> `retryable`.
 *
 * `token` is removed from every message; the cause is a sanitized copy.
 */
export function mapTelegramError(error: unknown, token: string, method: string): KabarError {
  const cause = sanitizedCause(error, token);
  const answer = answerOf(error);
  if (answer === undefined) return transportError(error, cause, method);
  const { code, parameters } = answer;
  const description = redactToken(answer.description, token);
  const summary = `Telegram ${code} on ${method}: ${description}`;
  if (code === 429) {
    const seconds = Number(parameters?.retry_after ?? 1);
    return new KabarError('rate-limited', summary, {
      code: CHAT_ERROR.chatRateLimited,
      retryAfterMs: Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000,
      cause,
    });
  }
  if (code === 401 || code === 404) return new KabarError('permanent', TELEGRAM_UNAUTHORIZED_MESSAGE, { code: CHAT_ERROR.unauthorized, cause });
  if (code === 400 && parameters?.migrate_to_chat_id !== undefined) {
    const moved = String(parameters.migrate_to_chat_id);
    return chatMovedError(moved, `Telegram: the group became a supergroup with chat id ${moved}`);
  }
  if (code === 403 || (code === 400 && GONE_DESCRIPTIONS.test(description))) {
    return new KabarError('permanent', summary, { code: CHAT_ERROR.gone, cause });
  }
  if (code >= 500) {
    const seconds = Number(parameters?.retry_after);
    return new KabarError('retryable', summary, {
      code: 'server-error',
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
      cause,
    });
  }
  return new KabarError('permanent', summary, { code: CHAT_ERROR.rejected, cause });
}

function transportError(error: unknown, cause: Error, method: string): KabarError {
  const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  if (aborted) return new KabarError('retryable', `Telegram ${method}: no answer in time`, { code: 'timeout', cause });
  return new KabarError('retryable', `Telegram ${method}: ${cause.message}`, { code: 'network', cause });
}
