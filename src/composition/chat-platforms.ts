/**
 * The chat platforms as the composition root sees them: which are configured, their REST
 * senders (for workers) and their gateways (for the bot). Built from the configuration by
 * `configured-chat-platforms.ts`; tests may hand in their own.
 */
import type { ChatCommandHandler } from '../core/chat/chat-command.js';
import type { ChatSender, Logger, Platform } from '../core/ports.js';

/** A chat platform (the console is not one). */
export type ChatPlatform = Exclude<Platform, 'console'>;

/** Something running that must be closed at shutdown. */
export interface Closable {
  name: string;
  close(): Promise<void>;
}

/** The configured chat platforms. */
export interface ChatPlatforms {
  /** Platforms with a token; empty means briefs go to the console. */
  configured: readonly ChatPlatform[];
  /**
   * Checks each token with its platform (a bad one fails with one line naming its variable) and
   * returns the REST senders, with what closes them.
   */
  openSenders(log: Logger): Promise<{ senders: Partial<Record<ChatPlatform, ChatSender>>; closables: Closable[] }>;
  /** Starts each platform's gateway (Discord interactions, Telegram updates), answering with `handler`. */
  startGateways(handler: ChatCommandHandler, log: Logger): Promise<Closable[]>;
}

/** No chat platform: briefs go to the console. */
export const NO_CHAT_PLATFORMS: ChatPlatforms = {
  configured: [],
  openSenders: async () => ({ senders: {}, closables: [] }),
  startGateways: async () => [],
};
