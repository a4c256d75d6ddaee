/**
 * The Discord bot role: a discord.js client on the gateway that turns slash commands into
 * {@link ChatCommand}s for the command logic and answers them within Discord's 3 s.
 */
import { once } from 'node:events';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { ChatCommandHandler, ChatReply } from '../../core/chat/chat-command.js';
import { COMMAND_SPECS } from '../../core/chat/command-specs.js';
import { chatLanguage, chatMessages } from '../../core/chat/messages/index.js';
import { CHAT_ERROR } from '../../core/chat/chat-errors.js';
import { describeError, KabarError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { DISCORD_TOKEN_HINT, discordErrorToKabar } from './discord-errors.js';
import { actionOfDiscordCommand } from './discord-commands.js';
import { chatCommandOf, placeOfInteraction } from './discord-interaction.js';
import { NO_MENTIONS } from './discord-sender.js';
import { renderDiscordReply } from './render-discord-reply.js';

/** Options of {@link startDiscordGateway}. */
export interface DiscordGatewayOptions {
  /** `DISCORD_TOKEN`. Never logged. */
  token: string;
  /** `DISCORD_APPLICATION_ID`: interactions for another application are ignored. */
  applicationId: string;
  /** Replaces `https://discord.com/api` (`DISCORD_API_BASE`); the gateway URL comes from `GET /gateway/bot` there. */
  apiBase?: string;
  handler: ChatCommandHandler;
  log: Logger;
  /** Defer the answer when the handler is slower than this (default 2,000 ms; Discord drops answers after 3 s). */
  deferAfterMs?: number;
  /** How long to wait for the gateway's READY (default 60 s). */
  readyTimeoutMs?: number;
}

const MAX_CHOICES = 25;
// Autocomplete has no deferral: an answer after Discord's 3 s is lost, so give up before.
const AUTOCOMPLETE_BUDGET_MS = 2_500;

/**
 * Logs in with automatic sharding (`GET /gateway/bot` decides how many shards, so the bot keeps
 * working past 2,500 servers) and the Guilds intent only, and answers kabar's slash commands:
 * each becomes a `ChatCommand` for `handler`; the reply (ephemeral when private, and always for
 * `latest`) never mentions anyone. A handler slower than ~2 s gets a deferral first. Topic options
 * autocomplete through `handler.suggestTopics`. A handler that throws gets a short failure reply
 * in the user's language; nothing crashes the client.
 *
 * A wrong or revoked token rejects with one line naming DISCORD_TOKEN.
 *
 * @example
 * ```ts
 * const gateway = await startDiscordGateway({ token, applicationId, handler, log });
 * // ... on SIGTERM:
 * await gateway.stop();
 * ```
 */
export async function startDiscordGateway(options: DiscordGatewayOptions): Promise<{ stop(): Promise<void> }> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: 'auto',
    allowedMentions: NO_MENTIONS,
    ...(options.apiBase === undefined ? {} : { rest: { api: options.apiBase.replace(/\/+$/, '') } }),
  });
  const log = options.log;
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction, options).catch((error: unknown) => {
      log.warn('discord: could not answer an interaction', { error: describeError(error) });
    });
  });
  client.on(Events.Error, (error) => log.error('discord: client error', { error: describeError(error) }));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn('discord: shard disconnected for good', { shard: shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => log.info('discord: shard reconnecting', { shard: shardId }));

  const ready = once(client, Events.ClientReady);
  // A 4004 close (token refused at IDENTIFY) ends the shard instead of READY.
  const refused = once(client, Events.ShardDisconnect).then(([event]) => {
    const code = (event as { code?: number } | undefined)?.code;
    throw code === 4004 ? unauthorized() : new KabarError('permanent', `Discord closed the gateway with code ${code}`, { code: 'gateway-closed' });
  });
  ready.catch(() => undefined);
  refused.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await client.login(options.token);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KabarError('retryable', 'Discord gateway: no READY in time', { code: 'timeout' })), options.readyTimeoutMs ?? 60_000);
    });
    if (!client.isReady()) await Promise.race([ready, refused, timeout]);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw startError(error);
  } finally {
    clearTimeout(timer);
  }
  log.info('discord: gateway ready', { user: client.user?.tag, shards: client.ws.shards.size, guilds: client.guilds.cache.size });
  return {
    async stop() {
      // Closing the shards is no news: without this, each one logs "reconnecting" on the way out.
      client.removeAllListeners();
      // An 'error' event with no listener would throw from inside the client.
      client.on(Events.Error, () => undefined);
      await client.destroy();
    },
  };
}

function unauthorized(): KabarError {
  return new KabarError('permanent', DISCORD_TOKEN_HINT, { code: CHAT_ERROR.unauthorized });
}

/** One line for a failed start; a refused token names DISCORD_TOKEN and nothing else. */
function startError(error: unknown): KabarError {
  if (error instanceof KabarError) return error;
  if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') return unauthorized();
  // @discordjs/ws's words for close code 4004, when the gateway refuses a token REST took.
  if (error instanceof Error && error.message === 'Authentication failed') return unauthorized();
  const mapped = discordErrorToKabar(error, 'connecting to the gateway');
  return mapped.code === CHAT_ERROR.unauthorized ? unauthorized() : mapped;
}

async function onInteraction(interaction: Interaction, options: DiscordGatewayOptions): Promise<void> {
  if (interaction.applicationId !== options.applicationId) return;
  if (interaction.isAutocomplete()) return suggest(interaction, options);
  if (interaction.isChatInputCommand()) return answerCommand(interaction, options);
}

async function answerCommand(interaction: ChatInputCommandInteraction, options: DiscordGatewayOptions): Promise<void> {
  const messages = chatMessages(chatLanguage([interaction.locale]));
  const command = chatCommandOf(interaction);
  const started = Date.now();
  const answer: Promise<ChatReply> =
    command === undefined
      ? Promise.resolve({ status: 'invalid', text: messages.replies.failed, private: true })
      : options.handler.handle(command).catch((error: unknown): ChatReply => {
          options.log.error('discord: command failed', { action: command.action, error: describeError(error) });
          return { status: 'failed', text: messages.replies.failed, private: true };
        });
  // Known to be private before the handler answers, so that a deferral can be ephemeral too.
  const alwaysPrivate = command?.action === 'latest';
  let deferTimer: NodeJS.Timeout | undefined;
  const deferred = new Promise<'deferred'>((resolve) => {
    deferTimer = setTimeout(() => resolve('deferred'), options.deferAfterMs ?? 2_000);
  });
  const first = await Promise.race([answer, deferred]);
  clearTimeout(deferTimer);
  let wasDeferred = false;
  if (first === 'deferred') {
    wasDeferred = true;
    await interaction.deferReply(alwaysPrivate ? { flags: MessageFlags.Ephemeral } : {});
  }
  const reply = await answer;
  const ephemeral = alwaysPrivate || reply.private === true;
  const [head, ...rest] = renderDiscordReply(reply).map((part) => ({
    ...part,
    allowedMentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  }));
  if (head === undefined) return;
  if (!wasDeferred) {
    await interaction.reply(head);
  } else if (ephemeral && !alwaysPrivate) {
    // The deferral was public but the answer is for the asker only: a public edit would show it
    // to everyone, so answer privately and take the "thinking…" message away.
    await interaction.followUp(head);
    await interaction.deleteReply().catch(() => undefined);
  } else {
    const { flags: _flags, ...edit } = head;
    await interaction.editReply(edit);
  }
  for (const part of rest) await interaction.followUp(part);
  options.log.debug('discord: answered', { action: command?.action, status: reply.status, deferred: wasDeferred, ms: Date.now() - started });
}

async function suggest(interaction: AutocompleteInteraction, options: DiscordGatewayOptions): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const action = actionOfDiscordCommand(interaction.commandName, interaction.options.getSubcommand(false));
  const spec = action === undefined ? undefined : COMMAND_SPECS[action].options.find((option) => option.name === focused.name);
  if (spec === undefined || (spec.kind !== 'topic' && spec.kind !== 'topics')) return interaction.respond([]);
  const typed = String(focused.value);
  // `topics` is a comma-separated list: complete its last name, keep the ones before.
  const cut = spec.kind === 'topics' ? typed.lastIndexOf(',') + 1 : 0;
  const before = typed.slice(0, cut);
  const fragment = typed.slice(cut).trim();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS);
  });
  const names = await Promise.race([
    options.handler.suggestTopics(placeOfInteraction(interaction), fragment).catch((error: unknown) => {
      options.log.warn('discord: topic suggestions failed', { error: describeError(error) });
      return [];
    }),
    budget,
  ]);
  clearTimeout(timer);
  const choices = names
    .map((name) => `${before}${before === '' || before.endsWith(' ') ? '' : ' '}${name}`)
    .filter((value) => value.length <= 100)
    .slice(0, MAX_CHOICES)
    .map((value) => ({ name: value, value }));
  await interaction.respond(choices);
}
