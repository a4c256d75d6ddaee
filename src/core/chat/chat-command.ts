/**
 * A command typed in a chat, as the platform adapters hand it to the command logic in `app/chat`,
 * and the reply they render. Platform-neutral: the Discord adapter builds a {@link ChatCommand}
 * from an interaction, the Telegram adapter from a message; both render the same {@link ChatReply}.
 */
import type { Brief } from '../briefs/brief.js';
import type { ChatAddress } from './subscription-id.js';
import type { ChatAction } from './command-specs.js';

/** The chat a command came from. */
export interface ChatPlace extends ChatAddress {
  /** The Discord server, when the channel is in one. */
  guildId?: string;
  /** A one-to-one chat with the bot (Telegram private chat, Discord DM): its user owns it. */
  isPrivate: boolean;
}

/** Who typed the command. */
export interface ChatUser {
  /** Platform user id (for an anonymous Telegram admin: the chat's id). */
  id: string;
  /** Display name, for the topic history. */
  name?: string;
  /**
   * May change this chat's subscription, topics and feeds: checked by the adapter with the
   * platform at the time of the command (Discord Manage Channels; Telegram chat administrator,
   * including anonymous ones; the owner of a private chat).
   */
  isModerator: boolean;
  /** The user's interface language (Discord interaction locale, Telegram `language_code`), when known. */
  locale?: string;
}

/** One command. */
export interface ChatCommand {
  action: ChatAction;
  place: ChatPlace;
  user: ChatUser;
  /** Named options (see `command-specs.ts`), already split from the text on platforms without named options. */
  options: Readonly<Record<string, string>>;
}

/** How a command went, for logs and tests; the text says it to the user. */
export type ChatReplyStatus = 'ok' | 'refused' | 'invalid' | 'failed';

/** What the bot answers. */
export interface ChatReply {
  status: ChatReplyStatus;
  /** Plain text in the reader's language (adapters escape it for their markup); lines separated by `\n`. */
  text: string;
  /** Briefs to show after the text, newest first (`/accords`). Greeting and closing already applied. */
  briefs?: readonly Brief[];
  /** Only the asker should see it (Discord ephemeral replies); platforms without that ignore it. */
  private?: boolean;
}

/**
 * The command logic, as the chat adapters see it (a port: `app/chat` implements it, `main.ts`
 * hands it to the adapters). Never throws for bad input or refusals: those are replies.
 */
export interface ChatCommandHandler {
  handle(command: ChatCommand): Promise<ChatReply>;
  /** Topic names visible in `place` that start with (or contain) `typed`, at most 25, for autocomplete. */
  suggestTopics(place: ChatPlace, typed: string): Promise<string[]>;
}
