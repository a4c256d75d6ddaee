import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyTelegramToken } from '../../../src/adapters/telegram/verify-telegram-token.js';
import { CHAT_ERROR } from '../../../src/core/chat/chat-errors.js';
import { isKabarError, type KabarError } from '../../../src/core/errors.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/fake-telegram.js';

describe('verifyTelegramToken', () => {
  let telegram: FakeTelegram;
  beforeEach(async () => {
    telegram = await startFakeTelegram({ username: 'AccordsNewsBot' });
  });
  afterEach(async () => {
    await telegram.close();
  });

  it('names the bot a good token belongs to', async () => {
    expect(await verifyTelegramToken({ token: telegram.token, apiRoot: telegram.url })).toEqual({
      id: telegram.token.split(':')[0],
      username: 'AccordsNewsBot',
    });
  });

  it.each([
    ['a wrong token (401)', '111:wrong-secret-value'],
    ['a malformed token (404)', 'not/a/token-secret-value'],
  ])('refuses %s with one line naming TELEGRAM_BOT_TOKEN and without the token', async (_case, token) => {
    const error = (await verifyTelegramToken({ token, apiRoot: telegram.url }).catch((thrown: unknown) => thrown)) as KabarError;
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect(error.code).toBe(CHAT_ERROR.unauthorized);
    expect(error.message).toBe('401 from Telegram: the bot token is wrong or revoked — check TELEGRAM_BOT_TOKEN');
    expect(inspect(error, { depth: 10 })).not.toContain('secret-value');
  });

  it('refuses a revoked token', async () => {
    telegram.revokeToken();
    const error = (await verifyTelegramToken({ token: telegram.token, apiRoot: telegram.url }).catch((thrown: unknown) => thrown)) as KabarError;
    expect(error.code).toBe(CHAT_ERROR.unauthorized);
    expect(inspect(error, { depth: 10 })).not.toContain(telegram.token);
  });

  it('calls an unreachable API retryable, not a bad token', async () => {
    const error = await verifyTelegramToken({ token: telegram.token, apiRoot: 'http://127.0.0.1:9' }).catch((thrown: unknown) => thrown);
    expect(isKabarError(error, 'retryable')).toBe(true);
    expect(inspect(error, { depth: 10 })).not.toContain(telegram.token);
  });
});
