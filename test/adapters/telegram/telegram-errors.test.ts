import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { mapTelegramError, redactToken } from '../../../src/adapters/telegram/telegram-errors.js';
import { CHAT_ERROR } from '../../../src/core/chat/chat-errors.js';

const TOKEN = '123:secretPart';
const answer = (error_code: number, description: string, parameters?: Record<string, number>): TelegramError =>
  new TelegramError({ error_code, description, ...(parameters === undefined ? {} : { parameters }) });

describe('mapTelegramError', () => {
  it.each([
    [answer(429, 'Too Many Requests: retry after 5', { retry_after: 5 }), 'rate-limited', CHAT_ERROR.chatRateLimited],
    [answer(403, 'Forbidden: bot was blocked by the user'), 'permanent', CHAT_ERROR.gone],
    [answer(403, 'Forbidden: bot is not a member of the channel chat'), 'permanent', CHAT_ERROR.gone],
    [answer(400, 'Bad Request: chat not found'), 'permanent', CHAT_ERROR.gone],
    [answer(400, 'Bad Request: TOPIC_DELETED'), 'permanent', CHAT_ERROR.gone],
    [answer(400, 'Bad Request: not enough rights to send text messages to the chat'), 'permanent', CHAT_ERROR.gone],
    [answer(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1001234567890 }), 'permanent', CHAT_ERROR.moved],
    [answer(401, 'Unauthorized'), 'permanent', CHAT_ERROR.unauthorized],
    [answer(404, 'Not Found'), 'permanent', CHAT_ERROR.unauthorized],
    [answer(400, "Bad Request: can't parse entities"), 'permanent', CHAT_ERROR.rejected],
    [answer(409, 'Conflict: terminated by other getUpdates request'), 'permanent', CHAT_ERROR.rejected],
    [answer(500, 'Internal Server Error'), 'retryable', 'server-error'],
    [answer(502, 'Bad Gateway'), 'retryable', 'server-error'],
  ])('%s -> %s %s', (error, kind, code) => {
    const mapped = mapTelegramError(error, TOKEN, 'sendMessage');
    expect([mapped.kind, mapped.code]).toEqual([kind, code]);
  });

  it('carries the wait of a 429 and the new id of a migrated chat', () => {
    expect(mapTelegramError(answer(429, 'x', { retry_after: 12 }), TOKEN, 'sendMessage').retryAfterMs).toBe(12_000);
    expect(mapTelegramError(answer(429, 'x'), TOKEN, 'sendMessage').retryAfterMs).toBe(1000);
    expect(mapTelegramError(answer(400, 'x', { migrate_to_chat_id: -1001234567890 }), TOKEN, 'sendMessage').data).toEqual({ chatId: '-1001234567890' });
  });

  it('maps transport failures to retryable ones without the token', () => {
    const fetchError = Object.assign(new Error(`request to http://127.0.0.1:1/bot${TOKEN}/sendMessage failed, reason: connect ECONNREFUSED`), {
      name: 'FetchError',
    });
    const mapped = mapTelegramError(fetchError, TOKEN, 'sendMessage');
    expect([mapped.kind, mapped.code]).toEqual(['retryable', 'network']);
    expect(`${mapped.message} ${String(mapped.cause)} ${(mapped.cause as Error).stack}`).not.toContain('secretPart');
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    expect(mapTelegramError(abort, TOKEN, 'sendMessage').code).toBe('timeout');
  });
});

describe('redactToken', () => {
  it('removes the token and token-shaped path segments', () => {
    expect(redactToken(`x /bot${TOKEN}/getMe y ${TOKEN}`, TOKEN)).toBe('x /bot[REDACTED]/getMe y [REDACTED]');
    expect(redactToken('http://h/bot999:otherSecret/getMe', TOKEN)).toBe('http://h/bot[REDACTED]/getMe');
  });
});
