/**
 * Discord's answers as kabar's chat error codes (`core/chat/chat-errors.ts`), at the adapter's
 * edge, so that delivery and the queues never see a discord.js error.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { CHAT_ERROR } from '../../core/chat/chat-errors.js';
import { KabarError } from '../../core/errors.js';
import { DiscordRateLimitAnswer } from './discord-rest.js';

/** The line every bad-token error carries: it names the variable to fix, never the token. */
export const DISCORD_TOKEN_HINT = '401 from Discord: the bot token is wrong or revoked — check DISCORD_TOKEN';

/** Discord's JSON codes that mean the bot can no longer post in a channel. */
const GONE: Readonly<Record<number, string>> = {
  10003: 'Unknown Channel',
  50001: 'Missing Access',
  50013: 'Missing Permissions',
};

/**
 * Maps anything a Discord request threw to a {@link KabarError}:
 *
 * - 10003, 50001, 50013 -> permanent `chat-gone` (the message names the code);
 * - 429 -> rate-limited `platform-rate-limited` when global, else `chat-rate-limited`, with `retryAfterMs`;
 * - 401 -> permanent `unauthorized`, naming DISCORD_TOKEN;
 * - other 4xx -> permanent `chat-request-rejected`;
 * - 5xx, timeouts, network failures -> retryable.
 *
 * `what` says what was attempted, e.g. `posting to channel 123`.
 */
export function discordErrorToKabar(error: unknown, what: string): KabarError {
  if (error instanceof KabarError) return error;
  if (error instanceof DiscordRateLimitAnswer) {
    const code = error.global ? CHAT_ERROR.platformRateLimited : CHAT_ERROR.chatRateLimited;
    return new KabarError('rate-limited', `${error.message} (${what})`, { code, retryAfterMs: error.retryAfterMs, cause: error });
  }
  if (error instanceof RateLimitError) {
    // The client saw the bucket empty (from the last answer's headers) and refused to send early.
    const code = error.global ? CHAT_ERROR.platformRateLimited : CHAT_ERROR.chatRateLimited;
    const retryAfterMs = Math.max(1, Math.ceil(Math.max(error.retryAfter, error.timeToReset)));
    return new KabarError('rate-limited', `Discord rate limit (${error.global ? 'global' : 'route'}) while ${what}: wait ${retryAfterMs} ms`, {
      code,
      retryAfterMs,
    });
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    if (error.status === 401) return unauthorized(error);
    const gone = GONE[code];
    if (gone !== undefined) {
      return new KabarError('permanent', `Discord ${code}: ${gone} (${what})`, { code: CHAT_ERROR.gone, cause: error });
    }
    if (error.status >= 500) return new KabarError('retryable', `Discord ${error.status} while ${what}`, { code: 'server-error', cause: error });
    return new KabarError('permanent', `Discord refused ${what}: ${error.status} ${code} ${firstLine(error.message)}`, {
      code: CHAT_ERROR.rejected,
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    return new KabarError('retryable', `Discord ${error.status} while ${what}`, { code: 'server-error', cause: error });
  }
  if (error instanceof Error) {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      return new KabarError('retryable', `Discord did not answer in time while ${what}`, { code: 'timeout', cause: error });
    }
    // After a 401 the client forgets its token, and every later request fails with this.
    if (/Expected token to be set/i.test(error.message)) return unauthorized(undefined);
    return new KabarError('retryable', `Cannot reach Discord while ${what}: ${firstLine(error.message)}`, { code: 'network', cause: error });
  }
  return new KabarError('retryable', `Discord request failed while ${what}: ${String(error)}`, { code: 'network' });
}

function unauthorized(cause: unknown): KabarError {
  return new KabarError('permanent', DISCORD_TOKEN_HINT, { code: CHAT_ERROR.unauthorized, ...(cause === undefined ? {} : { cause }) });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
