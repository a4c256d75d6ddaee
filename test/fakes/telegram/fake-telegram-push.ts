/**
 * Messages a test pushes to the bot, built the way Telegram builds them: a command entity,
 * anonymous administrators as `GroupAnonymousBot` with the group as `sender_chat`, posts on behalf
 * of a channel, forum topics (`message_thread_id` with `is_topic_message`) and reply threads
 * (`message_thread_id` without it).
 */
import { CHANNEL_BOT, GROUP_ANONYMOUS_BOT, type TelegramChat, type TelegramUser } from './fake-telegram-updates.js';

/** What a test pushes. */
export interface PushedMessage {
  /** The chat (made known if new), or the id of a known one. */
  chat: TelegramChat | number;
  /** The sender; default: the private chat's user, or a user "Ada" (id 1001, language en) in groups. */
  from?: TelegramUser;
  text: string;
  /** Posted inside this forum topic. */
  threadId?: number;
  /** Posted as a reply in a group: `message_thread_id` is set, but it is not a forum topic. */
  replyThreadId?: number;
  /** Sent by an anonymous administrator, "as the group". */
  anonymousAdmin?: boolean;
  /** Sent on behalf of this channel (a user posting as their channel, or a linked channel's post). */
  onBehalfOf?: TelegramChat;
}

/** A user of the fake's groups by default. */
export const DEFAULT_USER: TelegramUser = { id: 1001, is_bot: false, first_name: 'Ada', language_code: 'en' };

/** The Bot API `Message` for a push. */
export function pushedMessage(push: PushedMessage, chat: TelegramChat, nextMessageId: (chatId: string) => number): Record<string, unknown> {
  const defaultFrom: TelegramUser =
    chat.type === 'private' ? { id: chat.id, is_bot: false, first_name: chat.first_name ?? 'User' } : DEFAULT_USER;
  const from = push.anonymousAdmin === true ? GROUP_ANONYMOUS_BOT : push.onBehalfOf !== undefined ? CHANNEL_BOT : (push.from ?? defaultFrom);
  const senderChat = push.anonymousAdmin === true ? chat : push.onBehalfOf;
  const command = /^\/\S+/.exec(push.text);
  const thread = push.threadId ?? push.replyThreadId;
  return {
    message_id: nextMessageId(`in:${chat.id}`),
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    text: push.text,
    ...(command === null ? {} : { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
    ...(senderChat === undefined ? {} : { sender_chat: senderChat }),
    ...(thread === undefined ? {} : { message_thread_id: thread }),
    ...(push.threadId === undefined ? {} : { is_topic_message: true }),
  };
}
