/**
 * The Discord {@link ChatSender}: posts briefs to channels and threads over REST (no gateway), one
 * message per part, each with a nonce so that a retried part is not posted twice.
 */
import { MessageFlags, Routes } from 'discord.js';
import { CHAT_ERROR } from '../../core/chat/chat-errors.js';
import type { ChatSender, Logger } from '../../core/ports.js';
import { discordErrorToKabar } from './discord-errors.js';
import { createDiscordRest } from './discord-rest.js';
import { renderDiscordBrief, type DiscordMessagePart } from './render-discord-brief.js';

/** Options of {@link createDiscordSender}. */
export interface DiscordSenderOptions {
  /** The bot token (`DISCORD_TOKEN`). Never logged. */
  token: string;
  /** Replaces `https://discord.com/api` (`DISCORD_API_BASE`). */
  apiBase?: string;
  log: Logger;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** The clock of the embeds' timestamps; default `Date.now`. */
  now?: () => number;
}

/** Mentions in a brief never ping anyone or any role. */
export const NO_MENTIONS: { parse: [] } = { parse: [] };

/**
 * Creates the sender. `render` gives embeds or plain text by `subscription.format`; `sendPart`
 * posts one message to `subscription.chatId` (a channel or thread id) with
 * `allowed_mentions: { parse: [] }`, `nonce: key.idempotencyKey` and `enforce_nonce: true`
 * (Discord answers a repeat within minutes with the first message), and `SUPPRESS_NOTIFICATIONS`
 * when the subscription is silent. Errors are `KabarError`s (see `discordErrorToKabar`); the
 * client never waits on a rate limit itself. `close()` stops the client's timers.
 *
 * @example
 * ```ts
 * const sender = createDiscordSender({ token, log });
 * for (const [index, part] of sender.render(subscription, brief).entries())
 *   await sender.sendPart(subscription, part, { index, count, idempotencyKey: `${articleKey}-${index}` });
 * ```
 */
export function createDiscordSender(options: DiscordSenderOptions): ChatSender<DiscordMessagePart> & { close(): void } {
  const rest = createDiscordRest({
    token: options.token,
    ...(options.apiBase === undefined ? {} : { apiBase: options.apiBase }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const now = options.now ?? Date.now;
  return {
    platform: 'discord',
    render: (subscription, brief) => renderDiscordBrief(brief, subscription.format ?? 'embed'),
    async sendPart(subscription, part, key) {
      const last = key.index === key.count - 1;
      const embeds = part.embeds?.map((embed, index, all) =>
        // The time the brief went out, on the embed that closes it.
        last && index === all.length - 1 ? { ...embed, timestamp: new Date(now()).toISOString() } : embed,
      );
      const body = {
        ...(part.content === undefined ? {} : { content: part.content }),
        ...(embeds === undefined ? {} : { embeds }),
        allowed_mentions: NO_MENTIONS,
        nonce: key.idempotencyKey,
        enforce_nonce: true,
        ...(subscription.silent === true ? { flags: MessageFlags.SuppressNotifications } : {}),
      };
      try {
        await rest.post(Routes.channelMessages(subscription.chatId), { body });
      } catch (error) {
        const mapped = discordErrorToKabar(error, `posting part ${key.index + 1}/${key.count} to channel ${subscription.chatId}`);
        // The client forgets its token after a 401; set it again so that the next send asks
        // Discord rather than failing unseen (a transient 401 must not stop this worker for good).
        if (mapped.code === CHAT_ERROR.unauthorized) rest.setToken(options.token);
        throw mapped;
      }
      options.log.debug('discord: posted', { subscription: subscription.id, part: key.index, of: key.count });
    },
    close() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
