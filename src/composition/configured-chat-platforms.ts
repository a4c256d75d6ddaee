/**
 * The chat platforms the configuration turns on: Discord when `DISCORD_TOKEN` is set, Telegram
 * when `TELEGRAM_BOT_TOKEN` is. Workers get REST senders only; the bot role gets the gateways.
 */
import { createHash } from 'node:crypto';
import { createDiscordSender, startDiscordGateway, verifyDiscordToken } from '../adapters/discord/index.js';
import { createTelegramSender, startTelegramBot, verifyTelegramToken } from '../adapters/telegram/index.js';
import type { ChatSender } from '../core/ports.js';
import type { Config } from '../config.js';
import type { ChatPlatform, ChatPlatforms, Closable } from './chat-platforms.js';

/**
 * The platforms with a token in `config`.
 *
 * @example
 * ```ts
 * const chat = configuredChatPlatforms(config);
 * chat.configured; // ['discord', 'telegram'] with both tokens set
 * ```
 */
export function configuredChatPlatforms(config: Config): ChatPlatforms {
  const discord = config.DISCORD_TOKEN === undefined ? undefined : { token: config.DISCORD_TOKEN, ...optional('apiBase', config.DISCORD_API_BASE) };
  const telegram =
    config.TELEGRAM_BOT_TOKEN === undefined ? undefined : { token: config.TELEGRAM_BOT_TOKEN, ...optional('apiRoot', config.TELEGRAM_API_ROOT) };
  const configured: ChatPlatform[] = [...(discord ? ['discord' as const] : []), ...(telegram ? ['telegram' as const] : [])];
  return {
    configured,
    async openSenders(log) {
      const senders: Partial<Record<ChatPlatform, ChatSender>> = {};
      const closables: Closable[] = [];
      if (discord) {
        const me = await verifyDiscordToken(discord);
        log.info('discord: sending as', { bot: me.username });
        const sender = createDiscordSender({ ...discord, log });
        senders.discord = sender;
        closables.push({ name: 'discord sender', close: async () => sender.close() });
      }
      if (telegram) {
        const me = await verifyTelegramToken(telegram);
        log.info('telegram: sending as', { bot: me.username });
        const sender = createTelegramSender({ ...telegram, log });
        senders.telegram = sender;
        closables.push({ name: 'telegram sender', close: async () => sender.close() });
      }
      return { senders, closables };
    },
    async startGateways(handler, log) {
      const closables: Closable[] = [];
      try {
        if (discord) {
          const gateway = await startDiscordGateway({ ...discord, applicationId: config.DISCORD_APPLICATION_ID ?? '', handler, log });
          closables.push({ name: 'discord gateway', close: () => gateway.stop() });
          log.info('discord: answering slash commands');
        }
        if (telegram) {
          const webhook =
            config.TELEGRAM_WEBHOOK_URL === undefined
              ? undefined
              : {
                  url: config.TELEGRAM_WEBHOOK_URL,
                  port: config.TELEGRAM_WEBHOOK_PORT,
                  secretToken: config.TELEGRAM_WEBHOOK_SECRET ?? webhookSecretFrom(telegram.token),
                };
          const bot = await startTelegramBot({ ...telegram, ...(webhook === undefined ? {} : { webhook }), handler, log });
          closables.push({ name: 'telegram bot', close: () => bot.stop() });
          log.info(webhook === undefined ? 'telegram: answering commands (long polling)' : 'telegram: answering commands (webhook)', {
            bot: bot.username,
          });
        }
        return closables;
      } catch (error) {
        // A gateway that started is stopped before the failure is reported.
        for (const closable of closables.reverse()) await closable.close().catch(() => undefined);
        throw error;
      }
    },
  };
}

/**
 * The webhook secret when none is configured: derived from the token, so that every bot process
 * behind a load balancer agrees without sharing one more setting, yet the token itself is never sent.
 */
function webhookSecretFrom(token: string): string {
  return createHash('sha256').update(`kabar-webhook:${token}`).digest('hex').slice(0, 64);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
