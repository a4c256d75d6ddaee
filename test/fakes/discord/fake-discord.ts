/**
 * A loopback Discord for tests: the REST API under `/api/v10` and a gateway over WebSocket, on
 * 127.0.0.1 with a free port. The real discord.js and @discordjs/rest talk to it when given
 * `api: fake.api`; nothing reaches the internet.
 *
 * Strict where kabar must be right (message limits, `allowed_mentions`, nonces, the 3 s interaction
 * deadline, one callback per interaction, command shapes) and enforcing Discord's limits with
 * 429s (5 messages per 5 s per channel, 50 requests per second per bot). Every request is recorded.
 *
 * @example
 * ```ts
 * const discord = await startFakeDiscord();
 * const sender = createDiscordSender({ token: discord.token, apiBase: discord.api, log });
 * discord.failNext(DISCORD_FAILURES.missingPermissions, { channelId: '42' });
 * discord.messages('42'); // what the channel received
 * const interaction = discord.interact({ command: 'accords', subcommand: 'latest', channelId: '42' });
 * await interaction.reply; // the answer, after a deferral if there was one
 * await discord.close();
 * ```
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeChannels, type FakeMessage } from './fake-discord-channels.js';
import { FakeCommands } from './fake-discord-commands.js';
import { FakeGateway, type FakeGuild } from './fake-discord-gateway.js';
import { FakeDiscordHttp, type FailureMatch, type FakeFailure, type FakeRequest } from './fake-discord-http.js';
import { FakeInteractions, type AutocompleteInput, type InjectedInteraction, type InteractionInput } from './fake-discord-interactions.js';
import { DISCORD_LIMITS, type WindowLimit } from './fake-discord-limits.js';

export { DISCORD_FAILURES, type FakeFailure, type FailureMatch, type FakeRequest } from './fake-discord-http.js';
export type { FakeMessage } from './fake-discord-channels.js';
export type { FakeGuild } from './fake-discord-gateway.js';
export type { InjectedInteraction, InteractionInput, AutocompleteInput, FakeInteractionReply } from './fake-discord-interactions.js';
export { visibleText, type FakeEmbed, type FakeMessageBody } from './fake-discord-payloads.js';

/** Options of {@link startFakeDiscord}. */
export interface FakeDiscordOptions {
  /** The bot token the fake accepts; default `fake-bot-token.abc.def`. */
  token?: string;
  applicationId?: string;
  /** What `GET /gateway/bot` recommends; default 1. */
  shards?: number;
  /** The guilds the bot is in; default one guild `1001` with text channel `2001` and thread `2002`. */
  guilds?: FakeGuild[];
  /** Override Discord's limits (e.g. to test pacing faster). */
  limits?: { channel?: WindowLimit; global?: WindowLimit };
  /** How long an interaction may wait for its first callback; Discord's 3,000 ms by default. */
  interactionDeadlineMs?: number;
  /** op 10 HELLO's `heartbeat_interval`; default 41,250 ms. */
  heartbeatIntervalMs?: number;
}

/** A running fake. */
export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`: the `api` option of @discordjs/rest, `DISCORD_API_BASE`. */
  api: string;
  port: number;
  token: string;
  applicationId: string;
  botUser: { id: string; username: string };
  /** Every request, in order (bodies parsed; the token is never kept). */
  requests: readonly FakeRequest[];
  /** Messages posted to a channel, in order. */
  messages(channelId: string): FakeMessage[];
  /** Every message posted to any channel, in order. */
  allMessages(): FakeMessage[];
  /** 429s answered, by scope (channel pace, global rate, scripted). */
  rateLimited(): { channel: number; global: number; scripted: number };
  /** Posts answered with the earlier message of the same nonce. */
  deduplicated(): number;
  /** Answers the next matching request (default: the next message post) with `failure`, `times` times. */
  failNext(failure: FakeFailure, match?: FailureMatch, times?: number): void;
  clearFailures(): void;
  /**
   * An outage of message posts until called with `undefined`: each gets `failure` (e.g.
   * `DISCORD_FAILURES.serverError`, or `{ kind: 'hang' }`: no answer, dropped unprocessed when it ends).
   */
  outage(failure: FakeFailure | undefined): void;
  /** Message posts answered by an outage so far. */
  outageAnswers(): number;
  /** From now on posts to the channel fail with the code (404 10003, 403 50001, 403 50013). */
  closeChannel(channelId: string, code?: 10003 | 50001 | 50013): void;
  reopenChannel(channelId: string): void;
  /** Changes the accepted token: the old one now gets 401 (REST) and 4004 (gateway). */
  revokeToken(newToken?: string): void;
  /** Guilds the gateway announces (GUILD_CREATE). */
  guilds: readonly FakeGuild[];
  /** From now on every IDENTIFY is closed with `code` (default 4004 Authentication failed); undefined stops that. */
  refuseIdentify(code?: number | null): void;
  /** Open gateway sessions (one per shard once identified). */
  sessions(): Array<{ shard: [number, number]; intents: number; identified: boolean }>;
  /** Resolves once `count` shards have identified and got READY. */
  waitForReady(count?: number): Promise<void>;
  /** Sends an INTERACTION_CREATE (slash command) to the shard of its guild. */
  interact(input: InteractionInput): InjectedInteraction;
  /** Sends an autocomplete INTERACTION_CREATE and resolves with the offered choices. */
  autocomplete(input: AutocompleteInput): Promise<Array<{ name: string; value: string | number }>>;
  /** The commands last PUT, globally or for a guild. */
  commands(guildId?: string): unknown[];
  close(): Promise<void>;
}

const MIN_SNOWFLAKE_TIME = 1_420_070_400_000n;

/** Starts the fake on a free loopback port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  let token = options.token ?? 'fake-bot-token.abc.def';
  const applicationId = options.applicationId ?? '900000000000000001';
  const botUser = { id: applicationId, username: 'kabar-test', discriminator: '0', global_name: null, avatar: null, bot: true };
  let counter = 0n;
  const now = (): number => Date.now();
  const snowflake = (): string => String(((BigInt(now()) - MIN_SNOWFLAKE_TIME) << 22n) | (counter++ & 0xfffn));
  const guilds = options.guilds ?? [
    {
      id: '1001',
      name: 'Test Server',
      channels: [
        { id: '2001', name: 'news', type: 0 },
        { id: '2002', name: 'news-thread', type: 11, parent_id: '2001' },
      ],
    },
  ];

  const http = new FakeDiscordHttp({ token: () => token, now, globalLimit: options.limits?.global ?? DISCORD_LIMITS.global });
  const channels = new FakeChannels(http, { snowflake, now, botUser: () => botUser }, options.limits?.channel ?? DISCORD_LIMITS.channel);
  const commands = new FakeCommands(http, { snowflake, applicationId });
  const server = createServer((request, response) => {
    http.serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gateway = new FakeGateway(server, {
    url: `ws://127.0.0.1:${port}/gateway`,
    token: () => token,
    applicationId,
    botUser,
    guilds,
    shards: options.shards ?? 1,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
  });
  const interactions = new FakeInteractions(http, gateway, {
    snowflake,
    now,
    applicationId,
    guilds,
    deadlineMs: options.interactionDeadlineMs ?? 3_000,
  });

  http.route({ method: 'GET', pattern: /^\/users\/@me$/, auth: true, handle: () => ({ status: 200, body: botUser }) });
  http.route({ method: 'GET', pattern: /^\/gateway$/, auth: false, handle: () => ({ status: 200, body: { url: gateway.url } }) });
  http.route({ method: 'GET', pattern: /^\/gateway\/bot$/, auth: true, handle: () => ({ status: 200, body: gateway.gatewayBot() }) });

  return {
    api: `http://127.0.0.1:${port}/api`,
    port,
    get token() {
      return token;
    },
    applicationId,
    botUser: { id: botUser.id, username: botUser.username },
    requests: http.requests,
    messages: (channelId) => channels.messages(channelId),
    allMessages: () => channels.allMessages(),
    rateLimited: () => ({ ...http.rateLimited, channel: channels.rateLimitedCount }),
    deduplicated: () => channels.deduplicated,
    failNext: (failure, match, times) => http.failNext(failure, match, times),
    clearFailures: () => http.clearFailures(),
    outage: (failure) => http.setOutage(failure),
    outageAnswers: () => http.outageAnswers,
    closeChannel: (channelId, code) => channels.closeChannel(channelId, code),
    reopenChannel: (channelId) => channels.reopenChannel(channelId),
    revokeToken(newToken = `${token}-rotated`) {
      token = newToken;
    },
    guilds,
    refuseIdentify(code = 4004) {
      gateway.refuseIdentifyWith = code ?? undefined;
    },
    sessions: () => gateway.sessions(),
    waitForReady: (count) => gateway.waitForReady(count ?? 1),
    interact: (input) => interactions.interact(input),
    autocomplete: (input) => interactions.autocomplete(input),
    commands: (guildId) => commands.list(guildId),
    async close() {
      interactions.close();
      await gateway.close();
      http.releaseHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
