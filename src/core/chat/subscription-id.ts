/**
 * Subscription ids: derived from the place a chat is, so that a command in the chat finds its
 * subscription without a lookup table. They never contain `:` (they are part of BullMQ job ids).
 */
import type { Platform } from '../ports.js';
import type { TopicScope } from '../topics/topic.js';

/** Where a chat is: platform, chat, and for Telegram forums the topic inside it. */
export interface ChatAddress {
  platform: Exclude<Platform, 'console'>;
  chatId: string;
  /** Telegram forum topic (`message_thread_id`). */
  threadId?: string;
}

/**
 * The id of the subscription of a chat (or of one Telegram forum topic).
 *
 * @example
 * ```ts
 * subscriptionIdFor({ platform: 'telegram', chatId: '-1001234', threadId: '7' }); // "telegram--1001234-topic-7"
 * subscriptionIdFor({ platform: 'discord', chatId: '1234567890' });                // "discord-1234567890"
 * ```
 */
export function subscriptionIdFor(address: ChatAddress): string {
  const base = `${address.platform}-${address.chatId}`;
  return address.threadId === undefined ? base : `${base}-topic-${address.threadId}`;
}

/**
 * Reads `discord:CHANNEL_ID` or `telegram:CHAT_ID[/TOPIC_ID]` (the operator's form in
 * `kabar subscriptions add`). Returns undefined for anything else.
 */
export function parseChatAddress(text: string): ChatAddress | undefined {
  const match = /^(discord|telegram):(-?\d{1,20})(?:\/(\d{1,12}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, platform, chatId, threadId] = match;
  if (platform === 'discord' && (threadId !== undefined || chatId?.startsWith('-'))) return undefined;
  return {
    platform: platform as ChatAddress['platform'],
    chatId: chatId as string,
    ...(threadId === undefined ? {} : { threadId }),
  };
}

/**
 * The topic scope of chat-own topics for a place: a Discord server's channels share the server's
 * topics, a Telegram group's forum topics share the group's.
 */
export function topicScopeFor(address: ChatAddress & { guildId?: string }): TopicScope {
  if (address.platform === 'discord' && address.guildId !== undefined) return `chat:discord-guild-${address.guildId}`;
  return `chat:${address.platform}-${address.chatId}`;
}
