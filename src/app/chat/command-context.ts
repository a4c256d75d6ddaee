/**
 * The facts every chat command works from: who asked, where, in which language, and the chat's
 * subscription if it has one.
 */
import type { ChatCommand, ChatReply } from '../../core/chat/chat-command.js';
import type { ChatReplies } from '../../core/chat/messages/index.js';
import type { Subscription } from '../../core/ports.js';
import type { TopicScope } from '../../core/topics/topic.js';
import { KabarError } from '../../core/errors.js';

/** One command being handled. */
export interface CommandContext {
  command: ChatCommand;
  /** The chat's subscription (of this forum topic, on Telegram), when it has one. */
  subscription: Subscription | undefined;
  /** The language replies are in. */
  language: string;
  texts: ChatReplies;
  /** Where this chat's own topics live. */
  scope: TopicScope;
  /** For histories and records: `discord:<user id>`, `telegram:<user id>`. */
  author: string;
}

/** Bad input found by a command, with the reply already written in the reader's language. */
export class Refusal extends KabarError {
  constructor(readonly reply: string) {
    super('permanent', reply, { code: 'refused' });
  }
}

/** Longest reply text: under Discord's 2,000-character message, with room for markup. */
export const MAX_REPLY_CHARS = 1_900;

/** A successful reply. */
export const ok = (text: string, extra: Partial<ChatReply> = {}): ChatReply => ({ status: 'ok', text, ...extra });

/** A reply to bad input: nothing changed. */
export const invalid = (text: string): ChatReply => ({ status: 'invalid', text, private: true });

/**
 * Lines joined until `max` characters, then "… and N more": a topic with hundreds of terms or a
 * long feed list still fits one message.
 */
export function fitLines(lines: readonly string[], texts: ChatReplies, max = MAX_REPLY_CHARS): string[] {
  const kept: string[] = [];
  let size = 0;
  for (const [index, line] of lines.entries()) {
    const more = texts.andMore(lines.length - index);
    if (size + line.length + 1 + more.length + 1 > max) {
      kept.push(more);
      return kept;
    }
    kept.push(line);
    size += line.length + 1;
  }
  return kept;
}

/** Cuts a whole reply text to {@link MAX_REPLY_CHARS} at a line end. */
export function fitText(text: string, texts: ChatReplies): string {
  return text.length <= MAX_REPLY_CHARS ? text : fitLines(text.split('\n'), texts).join('\n');
}
