/**
 * A loopback fake of the Telegram Bot API (`http://127.0.0.1:PORT/bot<token>/<method>`) for the
 * real telegraf client: strict about what kabar sends (Telegram HTML, the 4,096-unit limit,
 * request fields), enforcing Telegram's send limits with 429s, scriptable to fail, and able to
 * push updates to a long-polling or webhook bot. Every request is recorded.
 *
 * @example
 * ```ts
 * const telegram = await startFakeTelegram();
 * const group = telegram.addChat({ id: -100123, type: 'supergroup', title: 'News', is_forum: true });
 * telegram.setMember(group.id, 42, 'administrator');
 * telegram.pushMessage({ chat: group, from: { id: 42, is_bot: false, first_name: 'Ada' }, text: '/subscribe', threadId: 7 });
 * const [reply] = await telegram.waitForSent(1, { chatId: group.id });
 * telegram.failNext('blocked', { chatId: 555 });
 * await telegram.close();
 * ```
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureAnswer, type ApiFailure, type TelegramFailure } from './fake-telegram-answers.js';
import { SendLimits, TELEGRAM_LIMITS, type TelegramLimits } from './fake-telegram-limits.js';
import { readSendMessage, type ChatRecord, type SentMessage } from './fake-telegram-messages.js';
import { pushedMessage, type PushedMessage } from './fake-telegram-push.js';
import { checkBotCommands } from './fake-telegram-commands.js';
import { UpdateQueue, type TelegramChat, type TelegramUpdate, type TelegramUser, type WebhookState } from './fake-telegram-updates.js';

export type { TelegramFailure } from './fake-telegram-answers.js';
export type { TelegramLimits } from './fake-telegram-limits.js';
export type { SentMessage } from './fake-telegram-messages.js';
export type { PushedMessage } from './fake-telegram-push.js';
export { CHANNEL_BOT, GROUP_ANONYMOUS_BOT, TELEGRAM_SERVICE_USER } from './fake-telegram-updates.js';
export type { TelegramChat, TelegramUpdate, TelegramUser, WebhookState } from './fake-telegram-updates.js';

/** Options of {@link startFakeTelegram}. */
export interface FakeTelegramOptions {
  /** The bot token the fake accepts; default {@link FAKE_TELEGRAM_TOKEN}. */
  token?: string;
  /** The bot's username; default `KabarTestBot`. */
  username?: string;
  /** Send limits; default Telegram's (30/s, 1/s per chat, 20/min per group). */
  limits?: Partial<TelegramLimits>;
  /** The clock the limits and records use (epoch ms); default `Date.now`. Tests of the limits fix it. */
  now?: () => number;
}

/** One request the fake received. */
export interface FakeRequest {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status it was answered with (0 while pending or when the client went away). */
  status: number;
  at: number;
}

/** A chat member's status, as `getChatMember` answers it. */
export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** A running fake. */
export interface FakeTelegram {
  /** The API root to give telegraf (`apiRoot`), `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  token: string;
  /** The bot, as `getMe` answers. */
  bot: TelegramUser & { username: string };
  /** Makes a chat known (sending to an unknown chat is 400 chat not found). Returns it. */
  addChat(chat: TelegramChat): TelegramChat;
  /** A private chat with `user`, made known. */
  privateChat(user: TelegramUser): TelegramChat;
  /** Sets a user's status in a chat (default `member`). */
  setMember(chatId: number, userId: number, status: MemberStatus): void;
  /** Closes a forum topic: sends into it get 400 TOPIC_CLOSED. */
  closeTopic(chatId: number, threadId: number): void;
  /** Queues an update carrying a message; returns its update id. */
  pushMessage(message: PushedMessage): number;
  /** Updates not yet confirmed by the bot. */
  pendingUpdates(): TelegramUpdate[];
  /**
   * Scripts a failure: the next `times` (default 1) calls of `method` (default `sendMessage`),
   * optionally only those for `chatId`, get it. Scripts are used in order.
   */
  failNext(failure: TelegramFailure, options?: { method?: string; chatId?: number | string; times?: number }): void;
  /** Every call naming `chatId` fails with `failure` from now on (undefined: the chat works again). */
  setChatFailure(chatId: number | string, failure: TelegramFailure | undefined): void;
  /** The group `from` became the supergroup `to`: sends to `from` get 400 with `migrate_to_chat_id`. */
  migrateChat(from: number, to: number): TelegramChat;
  /** Every call gets 401 from now on, as with a revoked token. */
  revokeToken(): void;
  /**
   * An outage of `sendMessage` (or of `methods`) until called with `undefined`: every call gets
   * the failure (`server-error` 500, `bad-gateway` 502), or with `hang` no answer at all; the hung
   * calls are dropped unprocessed (their sockets closed) when the outage ends.
   */
  outage(failure: 'server-error' | 'bad-gateway' | 'hang' | undefined, options?: { methods?: readonly string[] }): void;
  /** Requests received, all or of one method. */
  requests(method?: string): FakeRequest[];
  /** Messages accepted, all or to one chat, in order. */
  sent(chatId?: number | string): SentMessage[];
  /** Waits until at least `count` messages were accepted (to `chatId`, if given); returns them. */
  waitForSent(count: number, options?: { chatId?: number | string; timeoutMs?: number }): Promise<SentMessage[]>;
  /** Waits until a request of `method` was answered; returns the first such. */
  waitForRequest(method: string, timeoutMs?: number): Promise<FakeRequest>;
  /** Commands set with `setMyCommands` for the default scope and a language ('' for none). */
  commands(languageCode?: string): Array<{ command: string; description: string }> | undefined;
  /** The webhook, while one is set. */
  webhook(): WebhookState | undefined;
  /** Counters: accepted messages, 429s from the limits, scripted failures answered. */
  stats(): { messages: number; rateLimited: number; scripted: number };
  /** Calls met by an {@link FakeTelegram.outage} so far. */
  outageCalls(): number;
  close(): Promise<void>;
}

/** A token in Telegram's format, accepted by the fake by default. */
export const FAKE_TELEGRAM_TOKEN = '123456789:AAHfakeTokenForKabarTests-0123456789';

interface Script {
  failure: TelegramFailure;
  method: string;
  chatId?: string;
  times: number;
}

/** Starts the fake on a free loopback port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? FAKE_TELEGRAM_TOKEN;
  const now = options.now ?? Date.now;
  const bot = { id: Number(token.split(':')[0]) || 1, is_bot: true, first_name: 'Kabar', username: options.username ?? 'KabarTestBot' };
  const limits = new SendLimits({ ...TELEGRAM_LIMITS, ...options.limits });
  const queue = new UpdateQueue();
  const chats = new Map<string, ChatRecord>();
  const members = new Map<string, MemberStatus>();
  const chatFailures = new Map<string, TelegramFailure>();
  const scripts: Script[] = [];
  const requests: FakeRequest[] = [];
  const sent: SentMessage[] = [];
  const commandSets = new Map<string, Array<{ command: string; description: string }>>();
  const counters = { messages: 0, rateLimited: 0, scripted: 0 };
  let outageCalls = 0;
  let outage: { failure: 'server-error' | 'bad-gateway' | 'hang'; methods: ReadonlySet<string> } | undefined;
  const hung = new Set<ServerResponse>();
  const messageIds = new Map<string, number>();
  let revoked = false;

  const addChat = (chat: TelegramChat): TelegramChat => {
    const known = chats.get(String(chat.id));
    if (known !== undefined) return known.chat;
    chats.set(String(chat.id), { chat, closedTopics: new Set() });
    return chat;
  };
  const nextMessageId = (chatId: string): number => {
    const id = (messageIds.get(chatId) ?? 0) + 1;
    messageIds.set(chatId, id);
    return id;
  };

  const methods: Record<string, (params: Record<string, unknown>) => unknown> = {
    getMe: () => ({ ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }),
    sendMessage: (params) => {
      const read = readSendMessage(params, (chatId) => chats.get(chatId));
      if ('status' in read) return read;
      const { chat, message } = read;
      const limited = limits.take(message.chatId, chat.chat.type !== 'private', now());
      if (limited !== undefined) {
        counters.rateLimited++;
        return limited;
      }
      const record: SentMessage = { ...message, messageId: nextMessageId(message.chatId), at: now() };
      sent.push(record);
      counters.messages++;
      return {
        message_id: record.messageId,
        date: Math.floor(record.at / 1000),
        chat: chat.chat,
        from: bot,
        text: record.text,
        ...(record.threadId === undefined ? {} : { message_thread_id: record.threadId, is_topic_message: true }),
      };
    },
    getChatMember: (params) => {
      const chat = chats.get(String(params.chat_id));
      if (chat === undefined) return { status: 400, description: 'Bad Request: chat not found' } satisfies ApiFailure;
      const userId = Number(params.user_id);
      if (!Number.isInteger(userId)) return { status: 400, description: 'Bad Request: invalid user_id specified' } satisfies ApiFailure;
      const status = members.get(`${chat.chat.id}:${userId}`) ?? 'member';
      return { status, user: { id: userId, is_bot: false, first_name: `User ${userId}` }, ...(status === 'administrator' ? { can_be_edited: false, is_anonymous: false } : {}) };
    },
    setMyCommands: (params) => {
      const checked = checkBotCommands(params);
      if ('status' in checked) return checked;
      commandSets.set(checked.key, checked.commands);
      return true;
    },
    getMyCommands: (params) => commandSets.get(commandSetKey(params)) ?? [],
    deleteMyCommands: (params) => {
      commandSets.delete(commandSetKey(params));
      return true;
    },
    setWebhook: (params) => {
      const url = params.url;
      if (typeof url !== 'string' || !/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])/.test(url)) {
        return { status: 400, description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' } satisfies ApiFailure;
      }
      const secret = params.secret_token;
      if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
        return { status: 400, description: 'Bad Request: secret token contains unallowed characters' } satisfies ApiFailure;
      }
      queue.setWebhook(url, secret, params.drop_pending_updates === true);
      return true;
    },
    deleteWebhook: (params) => {
      queue.deleteWebhook(params.drop_pending_updates === true);
      return true;
    },
    getWebhookInfo: () => ({ url: queue.webhook()?.url ?? '', has_custom_certificate: false, pending_update_count: queue.unconfirmed().length }),
    answerCallbackQuery: () => true,
  };

  const scriptedFor = (method: string, params: Record<string, unknown>): TelegramFailure | undefined => {
    const chatId = params.chat_id === undefined ? undefined : String(params.chat_id);
    const persistent = chatId === undefined ? undefined : chatFailures.get(chatId);
    if (persistent !== undefined) return persistent;
    const index = scripts.findIndex((script) => script.method === method && (script.chatId === undefined || script.chatId === chatId));
    const script = scripts[index];
    if (script === undefined) return undefined;
    if (--script.times <= 0) scripts.splice(index, 1);
    return script.failure;
  };

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://fake').pathname);
    const params = await readParams(req);
    const entry: FakeRequest = { method: route?.[2] ?? '?', params: params ?? {}, status: 0, at: now() };
    requests.push(entry);
    const send = (status: number, body: unknown): void => {
      entry.status = status;
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const fail = (failure: ApiFailure): void =>
      send(failure.status, { ok: false, error_code: failure.status, description: failure.description, ...(failure.parameters ? { parameters: failure.parameters } : {}) });
    if (route === null) return fail({ status: 404, description: 'Not Found' });
    if (params === undefined) return fail({ status: 400, description: "Bad Request: can't parse the request body" });
    const [, given, method] = route as unknown as [string, string, string];
    if (revoked || decodeURIComponent(given) !== token) return fail({ status: 401, description: 'Unauthorized' });
    if (outage !== undefined && outage.methods.has(method)) {
      outageCalls++;
      if (outage.failure !== 'hang') return fail(failureAnswer(outage.failure) ?? { status: 500, description: 'Internal Server Error' });
      entry.status = -1;
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    let scripted = scriptedFor(method, params);
    while (scripted !== undefined && typeof scripted === 'object' && scripted.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, (scripted as { ms: number }).ms));
      scripted = scriptedFor(method, params);
    }
    const answer = scripted === undefined ? undefined : failureAnswer(scripted);
    if (answer !== undefined) {
      counters.scripted++;
      return fail(answer);
    }
    if (method === 'getUpdates') return getUpdates(params, res, send, fail);
    const run = methods[method];
    if (run === undefined) return fail({ status: 404, description: 'Not Found' });
    const result = run(params);
    if (isFailure(result)) return fail(result);
    send(200, { ok: true, result });
  }

  function getUpdates(
    params: Record<string, unknown>,
    res: ServerResponse,
    send: (status: number, body: unknown) => void,
    fail: (failure: ApiFailure) => void,
  ): void {
    if (queue.webhook() !== undefined) {
      return fail({ status: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    const offset = Number(params.offset ?? 0) || 0;
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100) || 100));
    const timeoutMs = Math.min(50, Math.max(0, Number(params.timeout ?? 0) || 0)) * 1000;
    const cancel = queue.poll(
      offset,
      limit,
      timeoutMs,
      (updates) => send(200, { ok: true, result: updates }),
      () => fail({ status: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' }),
    );
    res.on('close', cancel);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const waitUntil = async <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`fake Telegram: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const sentTo = (chatId?: number | string): SentMessage[] => (chatId === undefined ? [...sent] : sent.filter((message) => message.chatId === String(chatId)));

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    bot,
    addChat,
    privateChat: (user) => addChat({ id: user.id, type: 'private', first_name: user.first_name, ...(user.username === undefined ? {} : { username: user.username }) }),
    setMember: (chatId, userId, status) => void members.set(`${chatId}:${userId}`, status),
    closeTopic: (chatId, threadId) => void chats.get(String(chatId))?.closedTopics.add(threadId),
    pushMessage: (message) => {
      const chat = addChat(typeof message.chat === 'number' ? (chats.get(String(message.chat))?.chat ?? { id: message.chat, type: 'private', first_name: 'User' }) : message.chat);
      return queue.push(pushedMessage(message, chat, (id) => nextMessageId(id)));
    },
    pendingUpdates: () => queue.unconfirmed(),
    failNext: (failure, where = {}) =>
      void scripts.push({ failure, method: where.method ?? 'sendMessage', times: where.times ?? 1, ...(where.chatId === undefined ? {} : { chatId: String(where.chatId) }) }),
    setChatFailure: (chatId, failure) => void (failure === undefined ? chatFailures.delete(String(chatId)) : chatFailures.set(String(chatId), failure)),
    migrateChat: (from, to) => {
      const old = chats.get(String(from))?.chat;
      chatFailures.set(String(from), { kind: 'migrated', to });
      return addChat({ id: to, type: 'supergroup', ...(old?.title === undefined ? {} : { title: old.title }) });
    },
    revokeToken: () => void (revoked = true),
    outage(failure, where = {}) {
      outage = failure === undefined ? undefined : { failure, methods: new Set(where.methods ?? ['sendMessage']) };
      if (failure === undefined) {
        for (const response of hung) response.destroy();
        hung.clear();
      }
    },
    requests: (method) => requests.filter((request) => method === undefined || request.method === method),
    sent: sentTo,
    waitForSent: (count, where = {}) =>
      waitUntil(() => {
        const found = sentTo(where.chatId);
        return found.length >= count ? found : undefined;
      }, where.timeoutMs ?? 5000, `${count} message(s)${where.chatId === undefined ? '' : ` to ${where.chatId}`}`),
    waitForRequest: (method, timeoutMs = 5000) =>
      waitUntil(() => requests.find((request) => request.method === method && request.status !== 0), timeoutMs, `a ${method} request`),
    commands: (languageCode = '') => commandSets.get(`default|${languageCode}`),
    webhook: () => queue.webhook(),
    stats: () => ({ ...counters }),
    outageCalls: () => outageCalls,
    close: async () => {
      for (const response of hung) response.destroy();
      queue.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Which command list a `getMyCommands`/`deleteMyCommands` call means: `scope type|language code`. */
function commandSetKey(params: Record<string, unknown>): string {
  return `${(params.scope as { type?: string } | undefined)?.type ?? 'default'}|${String(params.language_code ?? '')}`;
}

function isFailure(value: unknown): value is ApiFailure {
  return typeof value === 'object' && value !== null && 'status' in value && 'description' in value && typeof (value as ApiFailure).status === 'number';
}

/** The call's parameters: a JSON body, a form body or the query string; undefined when unreadable. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams);
  const type = req.headers['content-type'] ?? '';
  if (body === '') return query;
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === 'object' && parsed !== null ? { ...query, ...(parsed as Record<string, unknown>) } : undefined;
    } catch {
      return undefined;
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return { ...query, ...Object.fromEntries(new URLSearchParams(body)) };
  return undefined;
}
