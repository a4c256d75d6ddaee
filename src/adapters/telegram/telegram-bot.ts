/**
 * The Telegram command gateway (`kabar start --role bot`): telegraf long polling, or a webhook,
 * turning each command message into a {@link ChatCommand} for the command logic and its
 * {@link ChatReply} into messages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import type { ChatCommandHandler, ChatReply } from '../../core/chat/chat-command.js';
import { chatLanguage, chatMessages } from '../../core/chat/messages/index.js';
import type { CommandTextProblem } from '../../core/chat/command-specs.js';
import { describeError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { telegramCommandMenus } from './publish-telegram-commands.js';
import { readTelegramCommand } from './read-telegram-command.js';
import { createTelegramReplier, type TelegramReplier } from './send-telegram-reply.js';
import { createTelegramClient, type TelegramClient } from './telegram-client.js';
import { mapTelegramError, redactToken } from './telegram-errors.js';
import { isFromPerson, placeOf, userOf, type IncomingMessage } from './telegram-message-context.js';

/** Options of {@link startTelegramBot}. */
export interface TelegramBotOptions {
  token: string;
  /** A self-hosted Bot API server, or a test fake; default `https://api.telegram.org`. */
  apiRoot?: string;
  /**
   * Receive updates on a webhook instead of long polling: Telegram POSTs to `url` (public, https),
   * which a proxy forwards to `port` here; requests without `secretToken` are refused.
   */
  webhook?: { url: string; port: number; secretToken: string };
  handler: ChatCommandHandler;
  log: Logger;
  /** Least time between two reply messages to one chat; default 1,000 ms (Telegram's pace per chat). */
  replyIntervalMs?: number;
}

/** A running gateway. */
export interface TelegramBot {
  /** The bot's username, as `/accords@username` addresses it. */
  username: string;
  /** With a webhook: the local port it listens on (useful when `port` was 0). */
  webhookPort?: number;
  /** Stops receiving; resolves once the commands in progress are answered. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway: checks the token (a wrong or revoked one rejects with one line naming
 * TELEGRAM_BOT_TOKEN), publishes the command menu per language, then receives updates. No pending
 * update is dropped. Handler failures become a short localized reply, never a crash.
 *
 * @example
 * ```ts
 * const bot = await startTelegramBot({ token, handler, log });
 * process.once('SIGTERM', () => void bot.stop());
 * ```
 */
export async function startTelegramBot(options: TelegramBotOptions): Promise<TelegramBot> {
  const { token, log } = options;
  const client = createTelegramClient(options);
  let me: { id: number; is_bot: true; first_name: string; username: string };
  try {
    me = await client.call('getMe', {});
  } catch (error) {
    client.close();
    throw error;
  }
  await publishCommands(client, log);

  const bot = new Telegraf(token, {
    telegram: { ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }), webhookReply: false },
  });
  bot.botInfo = { ...me, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  const replier = createTelegramReplier(client, options.replyIntervalMs);
  // Replies go out in the background, paced per chat, so that one chat's long answer does not hold
  // up the next updates; stop() waits for them.
  const sending = new Set<Promise<void>>();
  const reply: TelegramReplier = (place, answer, replyTo) => {
    const sent = replier(place, answer, replyTo)
      .catch((error: unknown) => log.warn('telegram reply not delivered', { chat: place.chatId, status: answer.status, error: describeError(error) }))
      .finally(() => sending.delete(sent));
    sending.add(sent);
    return Promise.resolve();
  };
  const drain = async (): Promise<void> => {
    while (sending.size > 0) await Promise.allSettled([...sending]);
  };
  bot.on('message', async (context) => {
    await handleMessage(context.message as IncomingMessage, { username: me.username, client, reply, ...options });
  });
  bot.catch((error) => log.error('telegram update failed', { error: redactToken(describeError(error), token) }));

  if (options.webhook !== undefined) return startWebhook(bot, client, me.username, options.webhook, options, drain);

  const polling = bot.launch({ dropPendingUpdates: false, allowedUpdates: ['message'] }).catch((error: unknown) => {
    const mapped = mapTelegramError(error, token, 'getUpdates');
    // 409: Telegram gives each bot's updates to one poller; a second one ends the first.
    const hint = /\b409\b/.test(mapped.message) ? ' — another process is polling this bot: run one bot process, or use a webhook (TELEGRAM_WEBHOOK_URL)' : '';
    log.error('telegram long polling stopped', { error: `${mapped.message}${hint}` });
  });
  log.info('telegram bot started', { username: me.username, mode: 'polling' });
  let ended = false;
  void polling.finally(() => (ended = true));
  let stopping: Promise<void> | undefined;
  return {
    username: me.username,
    stop: () =>
      (stopping ??= (async () => {
        // telegraf refuses to stop until launch() has begun polling (after its deleteWebhook call).
        for (;;) {
          try {
            bot.stop('kabar stop');
            break;
          } catch {
            if (ended) break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
        await polling;
        await drain();
        client.close();
      })()),
  };
}

async function startWebhook(
  bot: Telegraf,
  client: TelegramClient,
  username: string,
  webhook: NonNullable<TelegramBotOptions['webhook']>,
  options: TelegramBotOptions,
  drain: () => Promise<void>,
): Promise<TelegramBot> {
  const url = new URL(webhook.url);
  const callback = bot.webhookCallback(`${url.pathname}${url.search}`, { secretToken: webhook.secretToken });
  const server: Server = createServer((req, res) => void callback(req, res));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(webhook.port, () => resolve());
    });
    await client.call('setWebhook', { url: webhook.url, secret_token: webhook.secretToken, allowed_updates: ['message'], drop_pending_updates: false });
  } catch (error) {
    server.close();
    client.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  options.log.info('telegram bot started', { username, mode: 'webhook', port });
  let stopping: Promise<void> | undefined;
  return {
    username,
    webhookPort: port,
    // The webhook stays set: Telegram keeps updates until this (or another) process is back.
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => server.close(() => resolve()))
        .then(drain)
        .then(() => client.close())),
  };
}

async function publishCommands(client: TelegramClient, log: Logger): Promise<void> {
  for (const menu of telegramCommandMenus()) {
    try {
      await client.call('setMyCommands', menu);
    } catch (error) {
      // The menu is a convenience: commands work without it.
      log.warn('telegram command menu not published', { language: menu.language_code ?? 'default', error: describeError(error) });
    }
  }
}

interface MessageContext extends TelegramBotOptions {
  username: string;
  client: TelegramClient;
  reply: TelegramReplier;
}

async function handleMessage(message: IncomingMessage, context: MessageContext): Promise<void> {
  const { username, client, log, handler } = context;
  if (message.text === undefined || !isFromPerson(message)) return;
  const place = placeOf(message);
  const read = readTelegramCommand(message.text, username, place.isPrivate);
  if (read.kind === 'ignore') return;
  const memberStatus = async (chatId: number, userId: number): Promise<string> => {
    try {
      return (await client.call<{ status: string }>('getChatMember', { chat_id: chatId, user_id: userId })).status;
    } catch (error) {
      log.warn('telegram moderator check failed', { chat: place.chatId, error: describeError(error) });
      throw error;
    }
  };
  const user = await userOf(message, memberStatus);
  const replies = chatMessages(chatLanguage([user.locale])).replies;
  let answer: ChatReply;
  if (read.kind === 'problem') {
    answer = { status: 'invalid', text: problemText(read.problem, replies) };
  } else {
    try {
      answer = await handler.handle({ action: read.action, place, user, options: read.options });
    } catch (error) {
      log.error('telegram command failed', { action: read.action, chat: place.chatId, error: describeError(error) });
      answer = { status: 'failed', text: replies.failed };
    }
  }
  await context.reply(place, answer, message.message_id);
}

function problemText(problem: CommandTextProblem, replies: ReturnType<typeof chatMessages>['replies']): string {
  switch (problem.problem) {
    case 'missing':
      return replies.missingOption(problem.option);
    case 'too-many':
      return replies.tooManyArguments(problem.extra);
    case 'too-long':
      return replies.tooLong;
  }
}
