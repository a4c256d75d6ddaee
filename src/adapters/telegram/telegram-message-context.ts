/**
 * Who sent a Telegram message and where, as the command logic sees it: the place (chat, forum
 * topic, private or not), the user, and whether they moderate the chat at the time of the command.
 */
import type { ChatPlace, ChatUser } from '../../core/chat/chat-command.js';

/** The fields of a Bot API `Message` this adapter reads. */
export interface IncomingMessage {
  message_id: number;
  text?: string;
  chat: { id: number; type: string; title?: string };
  from?: { id: number; is_bot: boolean; first_name: string; username?: string; language_code?: string };
  sender_chat?: { id: number; type: string; title?: string };
  message_thread_id?: number;
  is_topic_message?: boolean;
  is_automatic_forward?: boolean;
}

/** Asks Telegram for a user's status in a chat (`getChatMember`). */
export type MemberStatusLookup = (chatId: number, userId: number) => Promise<string>;

/**
 * False for messages the bot must not act on: sent by a bot (except an anonymous administrator,
 * whom Telegram shows as `GroupAnonymousBot`, and a user posting as a channel, shown as
 * `Channel_Bot`), or a linked channel's post forwarded into its discussion group.
 */
export function isFromPerson(message: IncomingMessage): boolean {
  if (message.is_automatic_forward === true) return false;
  if (message.sender_chat !== undefined) return true;
  return message.from !== undefined && !message.from.is_bot;
}

/**
 * The place of a message. A forum topic's messages carry `message_thread_id` with
 * `is_topic_message`; replies in ordinary groups carry a `message_thread_id` too, which is not a
 * topic and is left out.
 */
export function placeOf(message: IncomingMessage): ChatPlace {
  const inTopic = message.is_topic_message === true && message.message_thread_id !== undefined;
  return {
    platform: 'telegram',
    chatId: String(message.chat.id),
    ...(inTopic ? { threadId: String(message.message_thread_id) } : {}),
    isPrivate: message.chat.type === 'private',
  };
}

/**
 * The user of a message, moderator or not, checked now:
 *
 * - in a private chat the user owns it;
 * - a message sent as the group itself (`sender_chat` is the chat) is an anonymous administrator's;
 * - a message sent on behalf of another chat (a channel) is nobody's to moderate with;
 * - anyone else is a moderator when `getChatMember` says `creator` or `administrator`. A failed
 *   lookup counts as not a moderator.
 */
export async function userOf(message: IncomingMessage, memberStatus: MemberStatusLookup): Promise<ChatUser> {
  const locale = message.from?.language_code;
  const withLocale = locale === undefined || message.sender_chat !== undefined ? {} : { locale };
  if (message.sender_chat !== undefined) {
    const { sender_chat: sender } = message;
    return {
      id: String(sender.id),
      ...(sender.title === undefined ? {} : { name: sender.title }),
      isModerator: sender.id === message.chat.id && message.chat.type !== 'private',
    };
  }
  const from = message.from;
  if (from === undefined) return { id: 'unknown', isModerator: false };
  const name = from.username ?? from.first_name;
  if (message.chat.type === 'private') return { id: String(from.id), name, isModerator: true, ...withLocale };
  let status = 'unknown';
  try {
    status = await memberStatus(message.chat.id, from.id);
  } catch {
    // Not being able to confirm a moderator is a refusal, never a grant.
  }
  return { id: String(from.id), name, isModerator: status === 'creator' || status === 'administrator', ...withLocale };
}
