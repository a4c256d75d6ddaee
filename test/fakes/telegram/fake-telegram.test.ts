import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram.js';

interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };
}

describe('fake Telegram Bot API', () => {
  let telegram: FakeTelegram;
  const call = async (method: string, params: Record<string, unknown> = {}, token = telegram.token): Promise<Answer> => {
    const response = await fetch(`${telegram.url}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const send = (chatId: number, text = 'hi', extra: Record<string, unknown> = {}): Promise<Answer> =>
    call('sendMessage', { chat_id: chatId, text, parse_mode: 'HTML', ...extra });

  beforeEach(async () => {
    telegram = await startFakeTelegram();
  });
  afterEach(async () => {
    await telegram.close();
  });

  it('answers getMe for its token only, 401 for another and 404 for an unknown method', async () => {
    expect((await call('getMe')).body.result).toMatchObject({ is_bot: true, username: 'KabarTestBot' });
    expect((await call('getMe', {}, '1:other')).status).toBe(401);
    expect((await call('getNothing')).status).toBe(404);
    telegram.revokeToken();
    expect((await call('getMe')).status).toBe(401);
  });

  it('refuses invalid HTML, over-long text, unknown chats and unknown fields with 400', async () => {
    telegram.addChat({ id: 1, type: 'private', first_name: 'A' });
    expect((await send(1, '<script>x</script>')).body.description).toMatch(/can't parse entities/);
    expect((await send(1, 'x'.repeat(4097))).body.description).toBe('Bad Request: message is too long');
    expect((await send(1, `<b>${'&lt;'.repeat(4096)}</b>`)).status).toBe(200);
    expect((await send(2)).body.description).toBe('Bad Request: chat not found');
    expect((await send(1, 'x', { disable_web_page_previews: true })).status).toBe(400);
    expect((await send(1, 'x', { message_thread_id: 3 })).body.description).toBe('Bad Request: message thread not found');
    expect(telegram.sent(1)).toHaveLength(1);
  });

  it('holds a private chat to one message a second and the bot to 30 a second, with retry_after', async () => {
    // A fixed clock: every send happens in the same millisecond, however slow the machine.
    let clock = 1_000_000;
    await telegram.close();
    telegram = await startFakeTelegram({ now: () => clock });
    for (let id = 1; id <= 31; id++) telegram.addChat({ id, type: 'private', first_name: `U${id}` });
    expect((await send(1)).status).toBe(200);
    const again = await send(1);
    expect([again.status, again.body.parameters?.retry_after]).toEqual([429, 1]);
    const others = await Promise.all(Array.from({ length: 29 }, (_, index) => send(index + 2)));
    expect(others.map((answer) => answer.status)).toEqual(Array.from({ length: 29 }, () => 200));
    expect((await send(31)).status).toBe(429);
    expect(telegram.stats()).toEqual({ messages: 30, rateLimited: 2, scripted: 0 });
    clock += 1000;
    expect((await send(31)).status).toBe(200);
    expect((await send(1)).status).toBe(200);
  });

  it('holds a group to 20 messages a minute', async () => {
    let clock = 1_000_000;
    await telegram.close();
    telegram = await startFakeTelegram({ limits: { perChatPerSecond: Infinity }, now: () => clock });
    telegram.addChat({ id: -5, type: 'group', title: 'G' });
    for (let n = 0; n < 20; n++) expect((await send(-5)).status).toBe(200);
    const limited = await send(-5);
    expect(limited.status).toBe(429);
    expect(limited.body.parameters?.retry_after).toBe(60);
    clock += 60_000;
    expect((await send(-5)).status).toBe(200);
  });

  it('plays scripted failures once, per method and chat, and persistent chat failures until cleared', async () => {
    telegram.addChat({ id: 1, type: 'private', first_name: 'A' });
    telegram.addChat({ id: -9, type: 'group', title: 'G' });
    telegram.failNext({ kind: 'migrated', to: -1009 }, { chatId: -9 });
    expect((await send(1)).status).toBe(200);
    const moved = await send(-9);
    expect([moved.status, moved.body.parameters?.migrate_to_chat_id]).toEqual([400, -1009]);
    expect((await send(-9)).status).toBe(200);
    telegram.setChatFailure(1, 'kicked');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await send(1)).body.description).toBe('Forbidden: bot was kicked from the group chat');
    expect((await send(1)).status).toBe(403);
    telegram.setChatFailure(1, undefined);
    expect((await send(1)).status).toBe(200);
    const started = Date.now();
    telegram.failNext({ kind: 'slow', ms: 300 }, { method: 'getMe' });
    expect((await call('getMe')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('long-polls getUpdates: waits for a push, confirms by offset, and ends an older poll with 409', async () => {
    const chat = telegram.addChat({ id: 7, type: 'private', first_name: 'A' });
    const waiting = call('getUpdates', { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const id = telegram.pushMessage({ chat, text: '/accords' });
    const first = await waiting;
    expect(first.body.result).toMatchObject([{ update_id: id, message: { text: '/accords', entities: [{ type: 'bot_command', offset: 0, length: 8 }] } }]);
    expect(((await call('getUpdates', { offset: id })).body.result as unknown[]).length).toBe(1);
    expect((await call('getUpdates', { offset: id + 1 })).body.result).toEqual([]);
    expect(telegram.pendingUpdates()).toEqual([]);

    const older = call('getUpdates', { offset: id + 1, timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newer = call('getUpdates', { offset: id + 1, timeout: 0 });
    expect((await older).status).toBe(409);
    expect((await newer).status).toBe(200);
  });

  it('refuses getUpdates while a webhook is set', async () => {
    expect((await call('setWebhook', { url: 'https://example.com/hook', secret_token: 'abc' })).status).toBe(200);
    expect((await call('getUpdates')).status).toBe(409);
    expect((await call('deleteWebhook')).status).toBe(200);
    expect((await call('getUpdates')).status).toBe(200);
  });
});
