/**
 * Sends commands' replies into the chat (and forum topic) they came from: the text, escaped, then
 * each brief as its own messages, rendered as the sender renders them. Replies to one chat go out
 * one message at a time, spaced by the chat's pace, so that commands typed together do not
 * trip Telegram's per-chat limit.
 */
import type { ChatPlace, ChatReply } from '../../core/chat/chat-command.js';
import { isKabarError } from '../../core/errors.js';
import { renderTelegramBrief, renderTelegramText } from './render-telegram-brief.js';
import type { TelegramClient } from './telegram-client.js';
import { telegramMessagePayload } from './telegram-sender.js';

/** Posts a reply to a place, the first message as a reply to the command's message. */
export type TelegramReplier = (place: ChatPlace, reply: ChatReply, replyTo: number) => Promise<void>;

// If Telegram still says 429 (another process wrote to the chat), wait as told, a few times.
const MAX_ATTEMPTS = 4;
const LONGEST_WAIT_MS = 30_000;
// Forget a chat's last send once it can no longer hold the next one back.
const FORGET_AFTER_MS = 60_000;

interface ChatLine {
  tail: Promise<void>;
  lastSentAt: number;
  busy: number;
}

/**
 * Creates the replier. `intervalMs` (default 1,000: Telegram's one message a second per chat) is
 * the least time between two messages to one chat; errors other than a short 429 are thrown as
 * the client maps them.
 */
export function createTelegramReplier(client: TelegramClient, intervalMs = 1000): TelegramReplier {
  const lines = new Map<string, ChatLine>();
  return (place, reply, replyTo) => {
    const now = Date.now();
    for (const [chatId, line] of lines) if (line.busy === 0 && line.lastSentAt < now - FORGET_AFTER_MS) lines.delete(chatId);
    const line = lines.get(place.chatId) ?? { tail: Promise.resolve(), lastSentAt: 0, busy: 0 };
    lines.set(place.chatId, line);
    line.busy++;
    const run = line.tail.then(async () => {
      for (const payload of replyPayloads(place, reply, replyTo)) {
        const wait = line.lastSentAt + intervalMs - Date.now();
        if (wait > 0) await sleep(wait);
        await withPatience(() => client.call('sendMessage', payload));
        line.lastSentAt = Date.now();
      }
    });
    line.tail = run.then(
      () => void line.busy--,
      () => void line.busy--,
    );
    return run;
  };
}

/** The `sendMessage` payloads of a reply, in order. */
export function replyPayloads(place: ChatPlace, reply: ChatReply, replyTo: number): Array<Record<string, unknown>> {
  const parts = [...renderTelegramText(reply.text), ...(reply.briefs ?? []).flatMap((brief) => renderTelegramBrief(brief))];
  const target = { chatId: place.chatId, ...(place.threadId === undefined ? {} : { threadId: place.threadId }) };
  return parts.map((part, index) => ({
    ...telegramMessagePayload(target, part),
    ...(index === 0 ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  }));
}

async function withPatience(send: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      const wait = isKabarError(error, 'rate-limited') ? (error.retryAfterMs ?? 1000) : undefined;
      if (wait === undefined || wait > LONGEST_WAIT_MS || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(wait);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
