/**
 * `sendMessage` as the fake checks it: the request's shape, the chat and forum topic, Telegram
 * HTML and the 4,096-unit limit after entity parsing.
 */
import { badRequest, type ApiFailure } from './fake-telegram-answers.js';
import { checkTelegramHtml, type HtmlEntity } from './telegram-html-check.js';
import type { TelegramChat } from './fake-telegram-updates.js';

/** A message the fake accepted. */
export interface SentMessage {
  messageId: number;
  chatId: string;
  threadId?: number;
  /** The text as sent (HTML when `parseMode` is `HTML`). */
  raw: string;
  /** What the chat shows: tags removed, entities decoded. */
  text: string;
  parseMode?: string;
  entities: HtmlEntity[];
  silent: boolean;
  linkPreview?: Record<string, unknown>;
  replyToMessageId?: number;
  at: number;
}

const SEND_MESSAGE_FIELDS = new Set([
  'chat_id', 'text', 'parse_mode', 'link_preview_options', 'message_thread_id', 'disable_notification', 'reply_parameters',
  'protect_content', 'reply_markup', 'entities', 'business_connection_id', 'message_effect_id', 'allow_paid_broadcast',
  'disable_web_page_preview',
]);
const PREVIEW_FIELDS = new Set(['is_disabled', 'url', 'prefer_small_media', 'prefer_large_media', 'show_above_text']);

/** Telegram's text limit, in UTF-16 units after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/** What the fake knows about a chat besides its Bot API object. */
export interface ChatRecord {
  chat: TelegramChat;
  closedTopics: Set<number>;
}

/**
 * Reads a `sendMessage` request into the message to record (without id and time), or the 400 that
 * Telegram would answer.
 */
export function readSendMessage(
  params: Record<string, unknown>,
  findChat: (chatId: string) => ChatRecord | undefined,
): { message: Omit<SentMessage, 'messageId' | 'at'>; chat: ChatRecord } | ApiFailure {
  const unknown = Object.keys(params).find((key) => !SEND_MESSAGE_FIELDS.has(key));
  if (unknown !== undefined) return badRequest(`unexpected parameter "${unknown}"`);
  const chatId = params.chat_id;
  if (typeof chatId !== 'string' && typeof chatId !== 'number') return badRequest('chat_id is empty');
  const chat = findChat(String(chatId));
  if (chat === undefined) return badRequest('chat not found');
  const raw = params.text;
  if (typeof raw !== 'string') return badRequest('message text is empty');
  const parseMode = params.parse_mode;
  if (parseMode !== undefined && parseMode !== 'HTML') return badRequest(`unsupported parse_mode "${String(parseMode)}" (the fake checks HTML only)`);
  let text = raw.trim();
  let entities: HtmlEntity[] = [];
  if (parseMode === 'HTML') {
    const checked = checkTelegramHtml(raw);
    if (!checked.ok) return badRequest(`can't parse entities: ${checked.reason}`);
    text = checked.text;
    entities = checked.entities;
  }
  if (text === '') return badRequest('message text is empty');
  if (text.length > MESSAGE_LIMIT) return badRequest('message is too long');
  const thread = params.message_thread_id;
  if (thread !== undefined) {
    if (typeof thread !== 'number' || !Number.isInteger(thread) || thread < 1) return badRequest('invalid message_thread_id');
    if (chat.chat.is_forum !== true) return badRequest('message thread not found');
    if (chat.closedTopics.has(thread)) return badRequest('TOPIC_CLOSED');
  }
  const silent = params.disable_notification;
  if (silent !== undefined && typeof silent !== 'boolean') return badRequest('disable_notification must be a boolean');
  const preview = params.link_preview_options;
  if (preview !== undefined) {
    if (typeof preview !== 'object' || preview === null) return badRequest('link_preview_options must be an object');
    const bad = Object.keys(preview).find((key) => !PREVIEW_FIELDS.has(key));
    if (bad !== undefined) return badRequest(`unexpected link_preview_options field "${bad}"`);
    const url = (preview as Record<string, unknown>).url;
    if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url))) return badRequest('invalid link preview URL');
  }
  const reply = params.reply_parameters as { message_id?: unknown } | undefined;
  if (reply !== undefined && typeof reply.message_id !== 'number') return badRequest('reply_parameters.message_id is required');
  return {
    chat,
    message: {
      chatId: String(chat.chat.id),
      ...(thread === undefined ? {} : { threadId: thread }),
      raw,
      text,
      ...(parseMode === undefined ? {} : { parseMode }),
      entities,
      silent: silent === true,
      ...(preview === undefined ? {} : { linkPreview: preview as Record<string, unknown> }),
      ...(reply === undefined ? {} : { replyToMessageId: reply.message_id as number }),
    },
  };
}
