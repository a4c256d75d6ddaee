import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelegramBot, type TelegramBot } from '../../../src/adapters/telegram/telegram-bot.js';
import type { ChatCommand, ChatCommandHandler, ChatReply } from '../../../src/core/chat/chat-command.js';
import { CHAT_MESSAGES } from '../../../src/core/chat/messages/index.js';
import type { Brief } from '../../../src/core/briefs/brief.js';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/in-memory-stores.js';
import { startFakeTelegram, type FakeTelegram, type TelegramChat, type TelegramUser } from '../../fakes/telegram/fake-telegram.js';

/** A handler that records commands and answers with what the test scripts (by default, echoes the action). */
function recordingHandler(): ChatCommandHandler & { commands: ChatCommand[]; answer: (command: ChatCommand) => Promise<ChatReply> } {
  const handler = {
    commands: [] as ChatCommand[],
    answer: async (command: ChatCommand): Promise<ChatReply> => ({ status: 'ok', text: `did ${command.action}` }),
    async handle(command: ChatCommand): Promise<ChatReply> {
      handler.commands.push(command);
      return handler.answer(command);
    },
    suggestTopics: async () => [],
  };
  return handler;
}

const ada: TelegramUser = { id: 501, is_bot: false, first_name: 'Ada', username: 'ada', language_code: 'id' };
const bob: TelegramUser = { id: 502, is_bot: false, first_name: 'Bob', language_code: 'en' };
const cy: TelegramUser = { id: 503, is_bot: false, first_name: 'Cy' };
const group: TelegramChat = { id: -100777, type: 'supergroup', title: 'Berita', is_forum: true };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Telegram bot (real telegraf against the fake Bot API)', () => {
  let telegram: FakeTelegram;
  let handler: ReturnType<typeof recordingHandler>;
  let log: RecordingLogger;
  let bot: TelegramBot | undefined;

  beforeEach(async () => {
    // Most tests type several commands into one chat at once; the pace is tested on its own below.
    telegram = await startFakeTelegram({ username: 'KabarTestBot', limits: { perChatPerSecond: Infinity, groupPerMinute: Infinity } });
    handler = recordingHandler();
    log = createRecordingLogger();
    telegram.addChat(group);
    telegram.setMember(group.id, ada.id, 'administrator');
    telegram.setMember(group.id, bob.id, 'creator');
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await telegram.close();
    // Nothing any test did may put the token in a log line.
    expect(JSON.stringify(log.entries)).not.toContain(telegram.token);
  });

  const start = async (replyIntervalMs = 0): Promise<TelegramBot> => {
    bot = await startTelegramBot({ token: telegram.token, apiRoot: telegram.url, handler, log, replyIntervalMs });
    return bot;
  };

  it('receives a pushed /accords by long polling and posts the reply and each brief into the chat', async () => {
    const brief: Brief = {
      articleId: 'a1',
      topics: ['central-asia'],
      language: 'id',
      title: 'Judul <1>',
      paragraphs: ['Isi & isi.'],
      url: 'https://example.com/a?x=1&y=2',
    };
    handler.answer = async () => ({ status: 'ok', text: 'Terbaru <b>2</b> & lainnya:', briefs: [brief, { ...brief, articleId: 'a2', title: 'Kedua' }] });
    expect((await start()).username).toBe('KabarTestBot');
    const chat = telegram.privateChat(ada);
    const pushed = telegram.pushMessage({ chat, from: ada, text: '/accords central-asia' });
    const sent = await telegram.waitForSent(3, { chatId: chat.id });
    expect(handler.commands).toEqual([
      {
        action: 'latest',
        place: { platform: 'telegram', chatId: String(ada.id), isPrivate: true },
        user: { id: String(ada.id), name: 'ada', isModerator: true, locale: 'id' },
        options: { topic: 'central-asia' },
      },
    ]);
    expect(sent.map((message) => message.text)).toEqual([
      'Terbaru <b>2</b> & lainnya:',
      'Judul <1>\nIsi & isi.\nhttps://example.com/a?x=1&y=2',
      'Kedua\nIsi & isi.\nhttps://example.com/a?x=1&y=2',
    ]);
    expect(sent[0]?.replyToMessageId).toBe(1);
    expect(sent[0]?.entities).toEqual([]);
    expect(sent[1]?.entities[0]).toEqual({ tag: 'b', text: 'Judul <1>' });
    expect(pushed).toBeGreaterThan(0);
  });

  it('ignores commands for another bot and messages from bots or a linked channel, and answers /cmd@ItsName', async () => {
    await start();
    const otherBot: TelegramUser = { id: 900, is_bot: true, first_name: 'Spam', username: 'SpamBot' };
    const channel: TelegramChat = { id: -100555, type: 'channel', title: 'Channel' };
    telegram.pushMessage({ chat: group, from: ada, text: '/accords@OtherBot' });
    telegram.pushMessage({ chat: group, from: otherBot, text: '/subscribe' });
    telegram.pushMessage({ chat: group, from: ada, text: 'just talking about /accords' });
    telegram.pushMessage({ chat: group, from: ada, text: '/weather' });
    telegram.pushMessage({ chat: group, from: ada, text: '/status@kabartestbot' });
    await telegram.waitForSent(1, { chatId: group.id });
    // A channel post forwarded into its discussion group is not a person's command.
    const forwarded = telegram.pushMessage({ chat: group, onBehalfOf: channel, text: '/unsubscribe' });
    expect(forwarded).toBeGreaterThan(0);
    telegram.pushMessage({ chat: group, from: ada, text: '/help' });
    await telegram.waitForSent(3, { chatId: group.id });
    expect(handler.commands.map((command) => command.action)).toEqual(['status', 'unsubscribe', 'help']);
    expect(handler.commands[1]?.user.isModerator).toBe(false);
  });

  it('checks moderators at the time of the command: administrators, the creator and anonymous administrators are; members and channels are not', async () => {
    await start();
    const channel: TelegramChat = { id: -100555, type: 'channel', title: 'Some channel' };
    telegram.pushMessage({ chat: group, from: ada, text: '/subscribe' });
    telegram.pushMessage({ chat: group, from: bob, text: '/subscribe' });
    telegram.pushMessage({ chat: group, from: cy, text: '/subscribe' });
    telegram.pushMessage({ chat: group, anonymousAdmin: true, text: '/subscribe' });
    telegram.pushMessage({ chat: group, onBehalfOf: channel, text: '/subscribe' });
    await telegram.waitForSent(5, { chatId: group.id });
    // Commands fetched together are handled concurrently: compare in a fixed order.
    expect(handler.commands.map((command) => [command.user.id, command.user.isModerator]).sort()).toEqual([
      [String(ada.id), true],
      [String(bob.id), true],
      [String(cy.id), false],
      [String(group.id), true],
      [String(channel.id), false],
    ].sort());
    expect(telegram.requests('getChatMember').map((request) => request.params.user_id).sort()).toEqual([ada.id, bob.id, cy.id]);
    // Demoted: the next command is refused rights at once.
    telegram.setMember(group.id, ada.id, 'member');
    telegram.pushMessage({ chat: group, from: ada, text: '/unsubscribe' });
    await telegram.waitForSent(6, { chatId: group.id });
    expect(handler.commands.at(-1)?.user.isModerator).toBe(false);
    // A check that fails is a refusal, never a grant.
    telegram.setMember(group.id, ada.id, 'administrator');
    telegram.failNext('server-error', { method: 'getChatMember' });
    telegram.pushMessage({ chat: group, from: ada, text: '/unsubscribe' });
    await telegram.waitForSent(7, { chatId: group.id });
    expect(handler.commands.at(-1)?.user.isModerator).toBe(false);
    expect(log.find('telegram moderator check failed')).toHaveLength(1);
  });

  it('routes a forum topic\'s /subscribe to that topic and replies there; a reply thread in a plain group is not a topic', async () => {
    await start();
    telegram.pushMessage({ chat: group, from: ada, text: '/subscribe abraham-accords', threadId: 7 });
    telegram.pushMessage({ chat: group, from: ada, text: '/subscribe central-asia', threadId: 9 });
    telegram.pushMessage({ chat: group, from: ada, text: '/status' });
    const plain: TelegramChat = { id: -4001, type: 'group', title: 'Plain' };
    telegram.pushMessage({ chat: plain, from: ada, text: '/status', replyThreadId: 12 });
    await telegram.waitForSent(1, { chatId: plain.id });
    await telegram.waitForSent(3, { chatId: group.id });
    expect(handler.commands.map((command) => [command.place.threadId, command.options])).toEqual([
      ['7', { topics: 'abraham-accords' }],
      ['9', { topics: 'central-asia' }],
      [undefined, {}],
      [undefined, {}],
    ]);
    expect(telegram.sent(group.id).map((message) => message.threadId)).toEqual([7, 9, undefined]);
    expect(telegram.sent(plain.id)[0]?.threadId).toBeUndefined();
  });

  it('publishes the command menu in English by default and per translated language', async () => {
    await start();
    const english = telegram.commands('');
    const indonesian = telegram.commands('id');
    expect(english?.map((entry) => entry.command)).toEqual(['accords', 'subscribe', 'unsubscribe', 'status', 'options', 'language', 'help', 'keywords', 'feeds']);
    expect(english?.[0]?.description).toBe(CHAT_MESSAGES.en?.commands.latest);
    expect(english?.find((entry) => entry.command === 'keywords')?.description).toBe(CHAT_MESSAGES.en?.groups.keywords);
    expect(indonesian?.map((entry) => entry.command)).toEqual(english?.map((entry) => entry.command));
    expect(indonesian?.[0]?.description).toBe(CHAT_MESSAGES.id?.commands.latest);
    expect(indonesian?.[0]?.description).not.toBe(english?.[0]?.description);
  });

  it('answers bad arguments with one localized reply without calling the handler, and handler failures with a short failure reply', async () => {
    await start();
    const chat = telegram.privateChat(ada);
    telegram.pushMessage({ chat, from: ada, text: '/language' });
    telegram.pushMessage({ chat, from: ada, text: '/unsubscribe now please' });
    await telegram.waitForSent(2, { chatId: chat.id });
    expect(handler.commands).toEqual([]);
    const id = CHAT_MESSAGES.id?.replies;
    expect(telegram.sent(chat.id).map((message) => message.text)).toEqual([id?.missingOption('code'), id?.tooManyArguments('now please')]);

    handler.answer = async () => {
      throw new Error('redis down');
    };
    telegram.pushMessage({ chat, from: ada, text: '/status' });
    await telegram.waitForSent(3, { chatId: chat.id });
    expect(telegram.sent(chat.id)[2]?.text).toBe(id?.failed);
    expect(log.find('telegram command failed')).toHaveLength(1);

    handler.answer = async (command) => ({ status: 'ok', text: `did ${command.action}` });
    const bobChat = telegram.privateChat(bob);
    telegram.pushMessage({ chat: bobChat, from: bob, text: '/help' });
    expect((await telegram.waitForSent(1, { chatId: bobChat.id }))[0]?.text).toBe('did help');
  });

  it('paces a multi-message reply at one message a second per chat (no 429 from Telegram\'s limits), and waits out a 429 it still gets', async () => {
    await telegram.close();
    telegram = await startFakeTelegram({ username: 'KabarTestBot' });
    await start(1000);
    const brief: Brief = { articleId: 'a1', topics: [], language: 'en', title: 'T', paragraphs: ['P.'], url: 'https://example.com/a' };
    handler.answer = async () => ({ status: 'ok', text: 'Latest:', briefs: [brief] });
    const chat = telegram.privateChat(ada);
    telegram.pushMessage({ chat, from: ada, text: '/accords' });
    telegram.pushMessage({ chat, from: ada, text: '/accords' });
    const sent = await telegram.waitForSent(4, { chatId: chat.id, timeoutMs: 10_000 });
    expect(telegram.stats().rateLimited).toBe(0);
    for (let index = 1; index < sent.length; index++) expect((sent[index]?.at ?? 0) - (sent[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(950);

    handler.answer = async () => ({ status: 'ok', text: 'one' });
    telegram.failNext({ kind: 'rate-limited', retryAfter: 1 }, { chatId: chat.id });
    telegram.pushMessage({ chat, from: ada, text: '/status' });
    expect((await telegram.waitForSent(5, { chatId: chat.id }))[4]?.text).toBe('one');
    expect(telegram.stats().scripted).toBe(1);
  }, 20_000);

  it('does not hold other chats up while one chat\'s long reply is paced, and stop() waits for replies in flight', async () => {
    await start(1000);
    const brief: Brief = { articleId: 'a1', topics: [], language: 'en', title: 'T', paragraphs: ['P.'], url: 'https://example.com/a' };
    handler.answer = async (command) => ({ status: 'ok', text: `did ${command.action}`, ...(command.action === 'latest' ? { briefs: [brief, brief, brief] } : {}) });
    const slow = telegram.privateChat(ada);
    const quick = telegram.privateChat(bob);
    telegram.pushMessage({ chat: slow, from: ada, text: '/accords' });
    await telegram.waitForSent(1, { chatId: slow.id });
    telegram.pushMessage({ chat: quick, from: bob, text: '/help' });
    const [quickReply] = await telegram.waitForSent(1, { chatId: quick.id });
    expect(telegram.sent(slow.id).length).toBeLessThan(4);
    expect(quickReply?.text).toBe('did help');
    await bot?.stop();
    bot = undefined;
    expect(telegram.sent(slow.id)).toHaveLength(4);
  });

  it('survives a chat that blocked the bot', async () => {
    await start();
    const chat = telegram.privateChat(ada);
    const blocked = telegram.privateChat(cy);
    telegram.setChatFailure(blocked.id, 'blocked');
    telegram.pushMessage({ chat: blocked, from: cy, text: '/status' });
    telegram.pushMessage({ chat, from: ada, text: '/help' });
    await telegram.waitForSent(1, { chatId: chat.id });
    await expect.poll(() => log.find('telegram reply not delivered').length).toBe(1);
    expect(log.find('telegram reply not delivered')[0]?.fields.error).toMatch(/blocked/);
  });

  it('stops polling cleanly, and a later start receives what was pushed in between (nothing dropped)', async () => {
    await start();
    const chat = telegram.privateChat(ada);
    telegram.pushMessage({ chat, from: ada, text: '/status' });
    await telegram.waitForSent(1, { chatId: chat.id });
    await bot?.stop();
    bot = undefined;
    telegram.pushMessage({ chat, from: ada, text: '/help' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handler.commands.map((command) => command.action)).toEqual(['status']);
    await start();
    await telegram.waitForSent(2, { chatId: chat.id });
    expect(handler.commands.map((command) => command.action)).toEqual(['status', 'help']);
  });

  it('fails to start on a wrong or revoked token with one line naming TELEGRAM_BOT_TOKEN', async () => {
    const wrong = '42:definitely-not-the-token';
    const error = (await startTelegramBot({ token: wrong, apiRoot: telegram.url, handler, log }).catch((thrown: unknown) => thrown)) as Error;
    expect(error.message).toBe('401 from Telegram: the bot token is wrong or revoked — check TELEGRAM_BOT_TOKEN');
    expect(JSON.stringify(log.entries)).not.toContain('definitely-not');
    expect(telegram.requests('getUpdates')).toEqual([]);
  });

  it('logs, without the token, that polling stopped when the token is revoked while running', async () => {
    await start();
    await expect.poll(() => telegram.requests('getUpdates').length).toBeGreaterThan(0);
    telegram.revokeToken();
    telegram.pushMessage({ chat: telegram.privateChat(ada), from: ada, text: '/status' });
    await expect.poll(() => log.find('telegram long polling stopped').length, { timeout: 5000 }).toBe(1);
    expect(JSON.stringify(log.entries)).not.toContain(telegram.token);
  });

  it('says so when a second process polls the same bot (Telegram ends the first with 409)', async () => {
    const first = await start();
    await expect.poll(() => telegram.requests('getUpdates').length).toBeGreaterThan(0);
    const secondLog = createRecordingLogger();
    const second = await startTelegramBot({ token: telegram.token, apiRoot: telegram.url, handler, log: secondLog, replyIntervalMs: 0 });
    await expect.poll(() => log.find('telegram long polling stopped').length, { timeout: 5000 }).toBe(1);
    expect(log.find('telegram long polling stopped')[0]?.fields.error).toMatch(/409.*another process is polling this bot/);
    await first.stop();
    bot = second;
    const chat = telegram.privateChat(ada);
    telegram.pushMessage({ chat, from: ada, text: '/status' });
    expect((await telegram.waitForSent(1, { chatId: chat.id }))[0]?.text).toBe('did status');
    expect(secondLog.find('telegram long polling stopped')).toEqual([]);
  });

  it('receives updates on a webhook with its secret token, on loopback, and refuses requests without it', async () => {
    const port = await freePort();
    bot = await startTelegramBot({
      token: telegram.token,
      apiRoot: telegram.url,
      handler,
      log,
      webhook: { url: `http://127.0.0.1:${port}/telegram/hook`, port, secretToken: 'kabar_SECRET-1' },
    });
    expect(bot.webhookPort).toBe(port);
    expect(telegram.webhook()).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/hook`, secretToken: 'kabar_SECRET-1' });
    const chat = telegram.privateChat(bob);
    telegram.pushMessage({ chat, from: bob, text: '/accords' });
    expect((await telegram.waitForSent(1, { chatId: chat.id }))[0]?.text).toBe('did latest');
    await expect.poll(() => telegram.webhook()?.deliveries).toEqual([{ updateId: 1, status: 200 }]);
    expect(telegram.requests('getUpdates')).toEqual([]);

    const forged = await fetch(`http://127.0.0.1:${port}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guess' },
      body: JSON.stringify({ update_id: 99, message: { message_id: 1, date: 0, chat, from: bob, text: '/unsubscribe' } }),
    });
    expect(forged.status).toBe(403);
    expect(handler.commands.map((command) => command.action)).toEqual(['latest']);
  });
});
