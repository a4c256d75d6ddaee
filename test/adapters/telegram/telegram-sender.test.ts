import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramSender } from '../../../src/adapters/telegram/telegram-sender.js';
import type { TelegramMessagePart } from '../../../src/adapters/telegram/render-telegram-brief.js';
import type { Brief } from '../../../src/core/briefs/brief.js';
import { CHAT_ERROR } from '../../../src/core/chat/chat-errors.js';
import { isKabarError, type KabarError } from '../../../src/core/errors.js';
import type { ChatSender, Subscription } from '../../../src/core/ports.js';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/in-memory-stores.js';
import { startFakeTelegram, type FakeTelegram, type TelegramFailure } from '../../fakes/telegram/fake-telegram.js';

const URL_ = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/?utm_source=feed&x=1';

function subscription(chatId: number, extra: Partial<Subscription> = {}): Subscription {
  return {
    id: `telegram-${chatId}`,
    platform: 'telegram',
    chatId: String(chatId),
    topics: [],
    language: 'id',
    style: { greeting: 'default', closing: 'default' },
    onTranslationFailure: 'deliver-with-note',
    createdAt: 0,
    ...extra,
  };
}

function brief(extra: Partial<Brief> = {}): Brief {
  return {
    articleId: 'a1',
    topics: ['abraham-accords'],
    language: 'id',
    title: 'Kazakhstan siap bergabung',
    paragraphs: ['Paragraf pertama.', 'Paragraf kedua.'],
    url: URL_,
    greeting: 'As-salamu alaykum',
    closing: 'Semoga damai.',
    ...extra,
  };
}

describe('Telegram sender against the fake Bot API', () => {
  let telegram: FakeTelegram;
  let sender: ChatSender<TelegramMessagePart> & { close(): void };
  let log: RecordingLogger;
  const errors: unknown[] = [];

  async function sendAll(to: Subscription, subject: Brief): Promise<number> {
    const parts = sender.render(to, subject);
    for (const [index, part] of parts.entries()) await sender.sendPart(to, part, { index, count: parts.length, idempotencyKey: `a1-${index}` });
    return parts.length;
  }

  async function failure(to: Subscription, scripted: TelegramFailure): Promise<KabarError> {
    telegram.failNext(scripted);
    const [part] = sender.render(to, brief());
    const error = await sender.sendPart(to, part as TelegramMessagePart, { index: 0, count: 1, idempotencyKey: 'x' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    errors.push(error);
    expect(isKabarError(error), `${JSON.stringify(scripted)} gives a KabarError`).toBe(true);
    return error as KabarError;
  }

  beforeEach(async () => {
    telegram = await startFakeTelegram({ limits: { perChatPerSecond: Infinity, groupPerMinute: Infinity } });
    telegram.addChat({ id: 42, type: 'private', first_name: 'Reader' });
    log = createRecordingLogger();
    sender = createTelegramSender({ token: telegram.token, apiRoot: telegram.url, log, timeoutMs: 500 });
  });
  afterEach(async () => {
    sender.close();
    await telegram.close();
  });

  it('posts a brief as Telegram HTML: bold title, the reference shape, the URL linked last and previewed', async () => {
    expect(await sendAll(subscription(42), brief())).toBe(1);
    const [message] = telegram.sent(42);
    expect(message?.parseMode).toBe('HTML');
    expect(message?.text).toBe(
      ['Kazakhstan siap bergabung - As-salamu alaykum', 'As-salamu alaykum - Paragraf pertama.', 'Paragraf kedua.', 'Semoga damai.', URL_].join('\n'),
    );
    expect(message?.entities).toEqual([
      { tag: 'b', text: 'Kazakhstan siap bergabung' },
      { tag: 'a', text: URL_, href: URL_ },
    ]);
    expect(message?.linkPreview).toEqual({ url: URL_ });
    expect(message?.silent).toBe(false);
    expect(message?.threadId).toBeUndefined();
  });

  it('keeps hostile feed text as text: script tags, fake tags, entities, javascript: and data: links', async () => {
    const hostile = brief({
      title: '<script>alert(1)</script> & <b>not bold</b>',
      paragraphs: ['Tom &amp; Jerry &lt;3 </b></i> <a href="javascript:alert(1)">click</a>', 'x < y > z & "q" $& $1'],
      greeting: '<i>hi</i>',
      closing: '&copy; <u>closing</u>',
      note: '<pre>note</pre>',
      url: 'javascript:alert(document.cookie)',
    });
    await sendAll(subscription(42), hostile);
    const [message] = telegram.sent(42);
    expect(message?.text).toBe(
      [
        '<script>alert(1)</script> & <b>not bold</b> - <i>hi</i>',
        '<i>hi</i> - Tom &amp; Jerry &lt;3 </b></i> <a href="javascript:alert(1)">click</a>',
        'x < y > z & "q" $& $1',
        '&copy; <u>closing</u>',
        '<pre>note</pre>',
        'javascript:alert(document.cookie)',
      ].join('\n'),
    );
    // The only formatting is the title's bold; the javascript: URL is not a link and not previewed.
    expect(message?.entities).toEqual([{ tag: 'b', text: '<script>alert(1)</script> & <b>not bold</b>' }]);
    expect(message?.linkPreview).toEqual({ is_disabled: true });

    await sendAll(subscription(42), brief({ url: 'data:text/html,<script>alert(1)</script>' }));
    const dataMessage = telegram.sent(42)[1];
    expect(dataMessage?.entities.filter((entity) => entity.tag === 'a')).toEqual([]);
    expect(dataMessage?.text.endsWith('data:text/html,<script>alert(1)</script>')).toBe(true);
  });

  it('splits at 4,096 visible units, counting entities as Telegram does, at paragraph ends, in order, the URL whole in the last part', async () => {
    // Each sentence is 80 visible units but much longer as HTML: a raw-length split would need twice the parts.
    const sentence = (n: number): string => `S${String(n).padStart(3, '0')} <&> <&> <&> <&> <&> <&> <&> <&> <&> <&> & & & & & & & & & & & & & & & & & & .`;
    const paragraphs = Array.from({ length: 25 }, (_, p) => Array.from({ length: 6 }, (_, s) => sentence(p * 6 + s)).join(' '));
    const count = await sendAll(subscription(42), brief({ paragraphs }));
    const received = telegram.sent(42);
    expect(received).toHaveLength(count);
    expect(count).toBe(4);
    for (const message of received) expect(message.text.length).toBeLessThanOrEqual(4096);
    for (const message of received.slice(0, -1)) {
      expect(message.text.length).toBeGreaterThan(3000);
      expect(message.raw.length).toBeGreaterThan(4096);
    }
    const all = received.map((message) => message.text).join('\n');
    let from = 0;
    for (let n = 0; n < 150; n++) {
      const at = all.indexOf(sentence(n), from);
      expect(at, `sentence ${n} once, in order`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    // Cuts fall at paragraph ends: every part but the first starts a paragraph.
    for (const message of received.slice(1)) expect(Number(/^S(\d{3}) /.exec(message.text)?.[1]) % 6).toBe(0);
    expect(received.at(-1)?.entities.at(-1)).toEqual({ tag: 'a', text: URL_, href: URL_ });
    expect(received.at(-1)?.linkPreview).toEqual({ url: URL_ });
    for (const message of received.slice(0, -1)) expect(message.linkPreview).toEqual({ is_disabled: true });
  });

  it('posts into the subscription\'s forum topic and silently when asked', async () => {
    telegram.addChat({ id: -1001, type: 'supergroup', title: 'Forum', is_forum: true });
    await sendAll(subscription(-1001, { threadId: '7', silent: true }), brief());
    await sendAll(subscription(-1001), brief());
    const [inTopic, general] = telegram.sent(-1001);
    expect(inTopic?.threadId).toBe(7);
    expect(inTopic?.silent).toBe(true);
    expect(general?.threadId).toBeUndefined();
    expect(general?.silent).toBe(false);
    expect(telegram.requests('sendMessage')[1]?.params).not.toHaveProperty('disable_notification');
  });

  it('maps every Telegram answer to kabar\'s error codes', async () => {
    const to = subscription(42);
    const limited = await failure(to, { kind: 'rate-limited', retryAfter: 7 });
    expect([limited.kind, limited.code, limited.retryAfterMs]).toEqual(['rate-limited', CHAT_ERROR.chatRateLimited, 7000]);
    for (const gone of ['blocked', 'kicked', 'not-member', 'chat-not-found', 'topic-closed', 'write-forbidden'] as const) {
      const error = await failure(to, gone);
      expect([gone, error.kind, error.code]).toEqual([gone, 'permanent', CHAT_ERROR.gone]);
    }
    const moved = await failure(to, { kind: 'migrated', to: '-1009876543210' });
    expect([moved.kind, moved.code, moved.data]).toEqual(['permanent', CHAT_ERROR.moved, { chatId: '-1009876543210' }]);
    const unauthorized = await failure(to, 'unauthorized');
    expect([unauthorized.kind, unauthorized.code]).toEqual(['permanent', CHAT_ERROR.unauthorized]);
    expect(unauthorized.message).toBe('401 from Telegram: the bot token is wrong or revoked — check TELEGRAM_BOT_TOKEN');
    const rejected = await failure(to, { kind: 'bad-request', description: 'Bad Request: message is too long' });
    expect([rejected.kind, rejected.code]).toEqual(['permanent', CHAT_ERROR.rejected]);
    for (const server of ['server-error', 'bad-gateway'] as const) expect((await failure(to, server)).kind).toBe('retryable');
    const slow = await failure(to, { kind: 'slow', ms: 1500 });
    expect([slow.kind, slow.code]).toEqual(['retryable', 'timeout']);
    expect(telegram.sent(42)).toEqual([]);
  });

  it('reports a group that became a supergroup with its new id, where the part can then be sent', async () => {
    telegram.addChat({ id: -5005, type: 'group', title: 'Old group' });
    const supergroup = telegram.migrateChat(-5005, -1005005);
    const error = (await sendAll(subscription(-5005), brief()).catch((thrown: unknown) => thrown)) as KabarError;
    expect([error.code, error.data.chatId]).toEqual([CHAT_ERROR.moved, String(supergroup.id)]);
    await sendAll(subscription(Number(error.data.chatId)), brief());
    expect(telegram.sent(supergroup.id)).toHaveLength(1);
    expect(telegram.sent(-5005)).toEqual([]);
  });

  it('maps a thread that does not exist (a topic-less group) to chat-gone, as Telegram answers 400 message thread not found', async () => {
    telegram.addChat({ id: -2002, type: 'group', title: 'Plain group' });
    const error = await sendAll(subscription(-2002, { threadId: '3' }), brief()).catch((thrown: unknown) => thrown);
    expect((error as KabarError).code).toBe(CHAT_ERROR.gone);
  });

  it('answers an unreachable API with a retryable error, and never lets the token into an error or a log', async () => {
    const token = '987654:odd/token-with-slash';
    const unreachable = createTelegramSender({ token, apiRoot: 'http://127.0.0.1:9', log, timeoutMs: 2000 });
    const [part] = unreachable.render(subscription(42), brief());
    const error = await unreachable.sendPart(subscription(42), part as TelegramMessagePart, { index: 0, count: 1, idempotencyKey: 'x' }).catch((thrown: unknown) => thrown);
    unreachable.close();
    expect(isKabarError(error, 'retryable')).toBe(true);
    expect((error as KabarError).code).toBe('network');
    const dump = inspect(error, { depth: 10 }) + JSON.stringify(log.entries);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('odd/token');
  });

  it('keeps the token out of every error it maps and every log line', async () => {
    const to = subscription(42);
    for (const scripted of ['rate-limited', 'blocked', 'unauthorized', 'server-error', 'chat-not-found', { kind: 'slow', ms: 1500 }] as const) {
      await failure(to, scripted);
    }
    await sendAll(to, brief());
    const dump = errors.map((error) => inspect(error, { depth: 10 })).join('\n') + JSON.stringify(log.entries);
    expect(errors.length).toBeGreaterThan(5);
    expect(dump).not.toContain(telegram.token);
    expect(dump).not.toContain(telegram.token.split(':')[1]);
  });
});
