/**
 * Interactions on the loopback Discord: tests inject INTERACTION_CREATE over the gateway and await
 * the answer that comes back over REST (`POST /interactions/:id/:token/callback`, then
 * `PATCH /webhooks/:app/:token/messages/@original` after a deferral, and follow-ups). As strict
 * as Discord: a first answer later than 3 s gets 10062 Unknown interaction, a second callback
 * 40060 already acknowledged; message bodies are checked like channel messages.
 */
import { randomBytes } from 'node:crypto';
import type { FakeGateway, FakeGuild } from './fake-discord-gateway.js';
import { discordError, invalidFormBody, type Answer, type FakeDiscordHttp } from './fake-discord-http.js';
import { checkMessageBody, messageJson, visibleText, type FakeMessageBody } from './fake-discord-payloads.js';

/** A slash command as a user runs it. */
export interface InteractionInput {
  command: string;
  subcommand?: string;
  /** Option values: strings, integers and booleans, sent with their Discord types. */
  options?: Readonly<Record<string, string | number | boolean>>;
  /** Default: the first channel of the guild. */
  channelId?: string;
  /** Default: the first fake guild; `null` for a direct message. */
  guildId?: string | null;
  user?: { id: string; username?: string };
  /** The member's permissions in the channel, as Discord sends them (decimal string); default `"3072"` (view, send). */
  permissions?: string | bigint;
  /** The user's client locale, e.g. `id`, `en-US`; default `en-US`. */
  locale?: string;
}

/** An autocomplete request: the option being typed and what is typed so far. */
export interface AutocompleteInput extends Omit<InteractionInput, 'options'> {
  focused: string;
  value: string;
  options?: Readonly<Record<string, string | number | boolean>>;
}

/** The answer a user sees. */
export interface FakeInteractionReply {
  /** Answered with a deferral (type 5) first, then the edit of `@original`. */
  deferred: boolean;
  ephemeral: boolean;
  body: FakeMessageBody;
  /** Visible text, see `visibleText`. */
  text: string;
  /** Milliseconds from the dispatch to the first callback. */
  firstCallbackMs: number;
}

/** An interaction sent to the bot. */
export interface InjectedInteraction {
  id: string;
  token: string;
  /** Resolves with the user's answer (type 4, or type 5 then the `@original` edit); rejects if there is none in `timeoutMs` (10 s). */
  reply: Promise<FakeInteractionReply>;
  /** Every callback body, in order (including refused ones, with their status). */
  callbacks: Array<{ type: number; data?: unknown; status: number; afterMs: number }>;
  /** Follow-up messages. */
  followups: FakeMessageBody[];
  /** The first answer (or its deferral) was deleted (`DELETE .../messages/@original`). */
  originalDeleted: boolean;
}

interface Pending {
  id: string;
  token: string;
  channelId: string;
  user: Record<string, unknown>;
  createdAt: number;
  acknowledged?: { type: number; data?: FakeMessageBody };
  edited?: FakeMessageBody;
  settled?: boolean;
  injected: InjectedInteraction;
  settle(reply: FakeInteractionReply): void;
  choices?: (choices: Array<{ name: string; value: string | number }>) => void;
}

const EPHEMERAL = 64;
const TYPE = { command: 2, autocomplete: 4 } as const;
const CALLBACK = { message: 4, deferred: 5, autocomplete: 8 } as const;

/** The interaction routes and the injection API. */
export class FakeInteractions {
  readonly #pending = new Map<string, Pending>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    http: FakeDiscordHttp,
    private readonly gateway: FakeGateway,
    private readonly ids: { snowflake(): string; now(): number; applicationId: string; guilds: readonly FakeGuild[]; deadlineMs: number },
  ) {
    http.route({ method: 'POST', pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/, auth: false, handle: (m, body, query) => this.#callback(m[1] as string, m[2] as string, body, query) });
    http.route({ method: 'PATCH', pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, auth: false, handle: (m, body) => this.#editOriginal(m[1] as string, m[2] as string, body) });
    http.route({ method: 'POST', pattern: /^\/webhooks\/(\d+)\/([^/]+)$/, auth: false, handle: (m, body) => this.#followup(m[1] as string, m[2] as string, body) });
    http.route({ method: 'DELETE', pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, auth: false, handle: (m) => this.#deleteOriginal(m[1] as string, m[2] as string) });
  }

  interact(input: InteractionInput, timeoutMs = 10_000): InjectedInteraction {
    const { pending, payload } = this.#build(input, TYPE.command, timeoutMs);
    const options = Object.entries(input.options ?? {}).map(([name, value]) => option(name, value, false));
    const data = payload.data as Record<string, unknown>;
    data.options = input.subcommand === undefined ? options : [{ type: 1, name: input.subcommand, options }];
    this.#dispatch(input, payload, pending);
    return pending.injected;
  }

  autocomplete(input: AutocompleteInput, timeoutMs = 10_000): Promise<Array<{ name: string; value: string | number }>> {
    const { pending, payload } = this.#build(input, TYPE.autocomplete, timeoutMs);
    const options = Object.entries(input.options ?? {}).map(([name, value]) => option(name, value, false));
    options.push(option(input.focused, input.value, true));
    const data = payload.data as Record<string, unknown>;
    data.options = input.subcommand === undefined ? options : [{ type: 1, name: input.subcommand, options }];
    const choices = new Promise<Array<{ name: string; value: string | number }>>((resolve, reject) => {
      pending.choices = resolve;
      pending.injected.reply.catch(reject);
    });
    this.#dispatch(input, payload, pending);
    return choices;
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #build(input: InteractionInput, type: number, timeoutMs: number): { pending: Pending; payload: Record<string, unknown> } {
    const guild = input.guildId === null ? undefined : (this.ids.guilds.find((g) => g.id === input.guildId) ?? this.ids.guilds[0]);
    const guildId = input.guildId === null ? undefined : (input.guildId ?? guild?.id);
    const channelId = input.channelId ?? guild?.channels[0]?.id ?? '3001';
    const channel = guild?.channels.find((c) => c.id === channelId);
    const id = this.ids.snowflake();
    const token = `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`;
    const user = { id: input.user?.id ?? '700000000000000001', username: input.user?.username ?? 'reader', discriminator: '0', global_name: input.user?.username ?? 'Reader', avatar: null };
    const permissions = String(input.permissions ?? '3072');
    const payload: Record<string, unknown> = {
      id,
      application_id: this.ids.applicationId,
      type,
      token,
      version: 1,
      data: { id: this.ids.snowflake(), name: input.command, type: 1, ...(guildId === undefined ? {} : { guild_id: guildId }) },
      channel_id: channelId,
      channel: { id: channelId, type: guildId === undefined ? 1 : (channel?.type ?? 0), ...(guildId === undefined ? {} : { guild_id: guildId, name: channel?.name ?? 'channel' }), ...(channel?.parent_id === undefined ? {} : { parent_id: channel.parent_id }) },
      app_permissions: '2248473465835073',
      locale: input.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: guildId === undefined ? { '1': user.id } : { '0': guildId },
      context: guildId === undefined ? 1 : 0,
      attachment_size_limit: 10_485_760,
      ...(guildId === undefined
        ? { user }
        : {
            guild_id: guildId,
            guild_locale: 'en-US',
            guild: { id: guildId, locale: 'en-US', features: [] },
            member: { user, roles: [], permissions, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null, pending: false },
          }),
    };
    let settle!: (reply: FakeInteractionReply) => void;
    let fail!: (error: Error) => void;
    const reply = new Promise<FakeInteractionReply>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // A test that only looks at callbacks must not see an unhandled rejection.
    reply.catch(() => undefined);
    const injected: InjectedInteraction = { id, token, reply, callbacks: [], followups: [], originalDeleted: false };
    const pending: Pending = {
      id,
      token,
      channelId,
      user,
      createdAt: this.ids.now(),
      injected,
      settle: (answer) => {
        pending.settled = true;
        settle(answer);
      },
    };
    const timer = setTimeout(() => fail(new Error(`fake Discord: interaction ${input.command} ${input.subcommand ?? ''} got no answer in ${timeoutMs} ms`)), timeoutMs);
    this.#timers.add(timer);
    reply.finally(() => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    }).catch(() => undefined);
    this.#pending.set(id, pending);
    return { pending, payload };
  }

  #dispatch(input: InteractionInput, payload: Record<string, unknown>, pending: Pending): void {
    pending.createdAt = this.ids.now();
    const guildId = payload.guild_id as string | undefined;
    if (!this.gateway.dispatch(guildId, 'INTERACTION_CREATE', payload)) {
      throw new Error(`fake Discord: no identified gateway session holds guild ${guildId ?? '(DM)'} for ${input.command}`);
    }
  }

  #callback(id: string, token: string, body: unknown, query: URLSearchParams): Answer {
    const pending = this.#pending.get(id);
    if (!pending || pending.token !== token) return discordError(404, 10062, 'Unknown interaction');
    const afterMs = this.ids.now() - pending.createdAt;
    const callback = body as { type?: number; data?: FakeMessageBody & { choices?: unknown } };
    const log = (status: number): void => {
      pending.injected.callbacks.push({ type: callback.type ?? -1, data: callback.data, status, afterMs });
    };
    if (pending.acknowledged) {
      log(400);
      return discordError(400, 40060, 'Interaction has already been acknowledged.');
    }
    if (afterMs > this.ids.deadlineMs) {
      log(404);
      return discordError(404, 10062, 'Unknown interaction');
    }
    const problem = this.#checkCallback(callback);
    if (problem !== undefined) {
      log(400);
      return invalidFormBody({ field: 'data', problem });
    }
    log(204);
    pending.acknowledged = { type: callback.type as number, ...(callback.data === undefined ? {} : { data: callback.data }) };
    if (callback.type === CALLBACK.autocomplete) {
      pending.choices?.((callback.data?.choices ?? []) as Array<{ name: string; value: string | number }>);
    } else if (callback.type === CALLBACK.message) {
      const data = callback.data as FakeMessageBody;
      pending.settle({ deferred: false, ephemeral: ((data.flags ?? 0) & EPHEMERAL) !== 0, body: data, text: visibleText(data), firstCallbackMs: afterMs });
    }
    if (query.get('with_response') !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: { id, type: TYPE.command, activity_instance_id: null, response_message_id: null, response_message_loading: callback.type === CALLBACK.deferred, response_message_ephemeral: false },
        resource: { type: callback.type },
      },
    };
  }

  #checkCallback(callback: { type?: number; data?: FakeMessageBody & { choices?: unknown } }): string | undefined {
    if (callback.type === CALLBACK.message) return describe(checkMessageBody(callback.data));
    if (callback.type === CALLBACK.deferred) return undefined;
    if (callback.type === CALLBACK.autocomplete) {
      const choices = callback.data?.choices;
      if (!Array.isArray(choices) || choices.length > 25) return 'choices: an array of at most 25';
      for (const choice of choices as Array<{ name?: unknown; value?: unknown }>) {
        if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) return 'choice name: 1 to 100 characters';
        if (typeof choice.value === 'string' && choice.value.length > 100) return 'choice value: at most 100 characters';
      }
      return undefined;
    }
    return `unexpected callback type ${callback.type}`;
  }

  #byToken(applicationId: string, token: string): Pending | undefined {
    if (applicationId !== this.ids.applicationId) return undefined;
    return [...this.#pending.values()].find((p) => p.token === token);
  }

  /** The interaction a webhook request is for, once acknowledged, with its checked body; else the error answer. */
  #webhook(applicationId: string, token: string, body: unknown): { pending: Pending & { acknowledged: object }; data: FakeMessageBody } | Answer {
    const pending = this.#byToken(applicationId, token);
    if (!pending) return discordError(404, 10015, 'Unknown Webhook');
    if (!pending.acknowledged) return discordError(404, 10008, 'Unknown Message');
    const problem = checkMessageBody(body);
    if (problem) return invalidFormBody(problem);
    return { pending: pending as Pending & { acknowledged: object }, data: body as FakeMessageBody };
  }

  #editOriginal(applicationId: string, token: string, body: unknown): Answer {
    const found = this.#webhook(applicationId, token, body);
    if ('status' in found) return found;
    const { pending, data } = found;
    pending.edited = data;
    const first = pending.acknowledged as NonNullable<Pending['acknowledged']>;
    const ephemeral = (((first.data?.flags ?? 0) | (data.flags ?? 0)) & EPHEMERAL) !== 0;
    pending.settle({
      deferred: first.type === CALLBACK.deferred,
      ephemeral,
      body: data,
      text: visibleText(data),
      firstCallbackMs: pending.injected.callbacks[0]?.afterMs ?? 0,
    });
    return { status: 200, body: this.#message(data, pending) };
  }

  #followup(applicationId: string, token: string, body: unknown): Answer {
    const found = this.#webhook(applicationId, token, body);
    if ('status' in found) return found;
    const { pending, data } = found;
    pending.injected.followups.push(data);
    // After a deferral, a first follow-up (an ephemeral answer to a public deferral) is the answer.
    if (pending.acknowledged?.type === CALLBACK.deferred && pending.edited === undefined && !pending.settled) {
      pending.settle({ deferred: true, ephemeral: ((data.flags ?? 0) & EPHEMERAL) !== 0, body: data, text: visibleText(data), firstCallbackMs: pending.injected.callbacks[0]?.afterMs ?? 0 });
    }
    return { status: 200, body: this.#message(found.data, found.pending) };
  }

  #deleteOriginal(applicationId: string, token: string): Answer {
    const pending = this.#byToken(applicationId, token);
    if (!pending) return discordError(404, 10015, 'Unknown Webhook');
    if (!pending.acknowledged || pending.injected.originalDeleted) return discordError(404, 10008, 'Unknown Message');
    pending.injected.originalDeleted = true;
    return { status: 204 };
  }

  #message(data: FakeMessageBody, pending: Pending): Record<string, unknown> {
    return messageJson({
      id: this.ids.snowflake(),
      channelId: pending.channelId,
      body: data,
      author: { id: this.ids.applicationId, username: 'kabar-test', discriminator: '0', bot: true, avatar: null, global_name: null },
      at: this.ids.now(),
      extra: { type: 20, webhook_id: this.ids.applicationId, application_id: this.ids.applicationId, interaction_metadata: { id: pending.id, type: TYPE.command, user: pending.user, authorizing_integration_owners: {} } },
    });
  }
}

function option(name: string, value: string | number | boolean, focused: boolean): Record<string, unknown> {
  const type = typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3;
  return { type: focused ? 3 : type, name, value: focused ? String(value) : value, ...(focused ? { focused: true } : {}) };
}

function describe(problem: { field: string; problem: string } | undefined): string | undefined {
  return problem === undefined ? undefined : `${problem.field}: ${problem.problem}`;
}
