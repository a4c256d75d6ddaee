/**
 * Sends a command's reply into the chat (and forum topic) it came from: the text, escaped, then
 * each brief as its own messages, rendered as the sender renders them.
 */
import type { ChatPlace, ChatReply } from '../../core/chat/chat-command.js';
import { isKabarError } from '../../core/errors.js';
import { renderTelegramBrief, renderTelegramText } from './render-telegram-brief.js';
import type { TelegramClient } from './telegram-client.js';
import { telegramMessagePayload } from './telegram-sender.js';

// A reply of several messages can meet the chat's pace (1 message/s); Telegram then names the wait.
const MAX_ATTEMPTS = 4;
const LONGEST_WAIT_MS = 30_000;

/**
 * Posts `reply` to `place`, the first message as a reply to `replyTo`. Waits out a 429 (up to
 * 30 s, a few times) so that a multi-message reply arrives whole and in order; other errors are
 * thrown as mapped by the client.
 */
export async function sendTelegramReply(client: TelegramClient, place: ChatPlace, reply: ChatReply, replyTo: number): Promise<void> {
  const parts = [...renderTelegramText(reply.text), ...(reply.briefs ?? []).flatMap((brief) => renderTelegramBrief(brief))];
  const target = { chatId: place.chatId, ...(place.threadId === undefined ? {} : { threadId: place.threadId }) };
  for (const [index, part] of parts.entries()) {
    const payload = {
      ...telegramMessagePayload(target, part),
      ...(index === 0 ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    };
    await withPatience(() => client.call('sendMessage', payload));
  }
}

async function withPatience(send: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      const wait = isKabarError(error, 'rate-limited') ? (error.retryAfterMs ?? 1000) : undefined;
      if (wait === undefined || wait > LONGEST_WAIT_MS || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
