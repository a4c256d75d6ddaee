/**
 * The gateway of the loopback Discord over `ws` (plain JSON text frames: discord.js asks for
 * compression only with `zlib-sync`, which kabar does not install). HELLO, heartbeat ACKs,
 * IDENTIFY -> READY + one GUILD_CREATE per guild of the shard, and dispatches that tests inject.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** A channel of a fake guild: type 0 text, 11 public thread (with `parent_id`). */
export interface FakeChannel {
  id: string;
  name?: string;
  type?: number;
  parent_id?: string;
}

/** A guild the bot is in. */
export interface FakeGuild {
  id: string;
  name?: string;
  channels: FakeChannel[];
}

interface Session {
  socket: WebSocket;
  shard: [number, number];
  intents: number;
  identified: boolean;
  sequence: number;
}

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

/** Which shard a guild's events go to (Discord's formula). */
export function shardOf(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** The WebSocket side. */
export class FakeGateway {
  readonly url: string;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<Session>();
  readonly #readyWaiters: Array<{ count: number; resolve: () => void }> = [];
  /** Close code every IDENTIFY gets, when set (a token the gateway refuses though REST took it). */
  refuseIdentifyWith: number | undefined;

  constructor(
    server: Server,
    private readonly options: {
      url: string;
      token: () => string;
      applicationId: string;
      botUser: Record<string, unknown> & { id: string };
      guilds: readonly FakeGuild[];
      shards: number;
      heartbeatIntervalMs: number;
    },
  ) {
    this.url = options.url;
    this.#wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (!(request.url ?? '').startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#open(ws));
    });
  }

  /** The body of `GET /gateway/bot`. */
  gatewayBot(): Record<string, unknown> {
    return {
      url: this.url,
      shards: this.options.shards,
      // Every shard may identify at once, so that tests of several shards need not wait 5 s each.
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: Math.max(1, this.options.shards) },
    };
  }

  sessions(): Array<{ shard: [number, number]; intents: number; identified: boolean }> {
    return [...this.#sessions].map(({ shard, intents, identified }) => ({ shard, intents, identified }));
  }

  waitForReady(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.#readyWaiters.push({ count, resolve });
      this.#checkReady();
    });
  }

  /** Sends a dispatch to the shard that holds `guildId` (shard 0 for direct messages); false when no session holds it. */
  dispatch(guildId: string | undefined, event: string, data: unknown): boolean {
    const shardId = guildId === undefined ? 0 : shardOf(guildId, this.options.shards);
    const session = [...this.#sessions].find((s) => s.identified && s.shard[0] === shardId);
    if (!session) return false;
    this.#send(session, { op: OP.dispatch, t: event, s: ++session.sequence, d: data });
    return true;
  }

  async close(): Promise<void> {
    for (const session of this.#sessions) session.socket.terminate();
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #open(socket: WebSocket): void {
    const session: Session = { socket, shard: [0, 1], intents: 0, identified: false, sequence: 0 };
    this.#sessions.add(session);
    socket.on('close', () => this.#sessions.delete(session));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(4002, 'Decode error');
        return;
      }
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(String(data)) as typeof payload;
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.#receive(session, payload);
    });
    this.#send(session, { op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['fake-gateway'] } });
  }

  #receive(session: Session, payload: { op?: number; d?: unknown }): void {
    switch (payload.op) {
      case OP.heartbeat:
        this.#send(session, { op: OP.heartbeatAck });
        return;
      case OP.identify:
        this.#identify(session, payload.d as { token?: string; intents?: number; shard?: [number, number] });
        return;
      case OP.resume:
        // No resumable state here: Discord's answer is "identify again".
        this.#send(session, { op: OP.invalidSession, d: false });
        return;
      default:
        return;
    }
  }

  #identify(session: Session, identify: { token?: string; intents?: number; shard?: [number, number] }): void {
    if (session.identified) {
      session.socket.close(4005, 'Already authenticated.');
      return;
    }
    if (this.refuseIdentifyWith !== undefined) {
      session.socket.close(this.refuseIdentifyWith, 'Refused by the test.');
      return;
    }
    if (identify.token !== this.options.token()) {
      session.socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard = identify.shard ?? [0, 1];
    if (shard[1] !== this.options.shards || shard[0] >= shard[1]) {
      session.socket.close(4010, 'Invalid shard.');
      return;
    }
    session.shard = shard;
    session.intents = identify.intents ?? 0;
    session.identified = true;
    const guilds = this.options.guilds.filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user: this.options.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: `fake-session-${shard[0]}-${Date.now()}`,
      resume_gateway_url: this.url,
      application: { id: this.options.applicationId, flags: 0 },
      shard,
      _trace: ['fake-gateway'],
    });
    for (const guild of guilds) this.#dispatchTo(session, 'GUILD_CREATE', this.#guildCreate(guild));
    this.#checkReady();
  }

  #guildCreate(guild: FakeGuild): Record<string, unknown> {
    const joinedAt = new Date().toISOString();
    const channel = (c: FakeChannel, position: number): Record<string, unknown> => ({
      id: c.id,
      type: c.type ?? 0,
      name: c.name ?? `channel-${c.id}`,
      guild_id: guild.id,
      position,
      permission_overwrites: [],
      ...(c.parent_id === undefined ? {} : { parent_id: c.parent_id }),
      ...(c.type === 11 || c.type === 12
        ? { thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: joinedAt, locked: false }, owner_id: this.options.botUser.id }
        : {}),
    });
    const threads = guild.channels.filter((c) => c.type === 11 || c.type === 12);
    return {
      id: guild.id,
      name: guild.name ?? `guild-${guild.id}`,
      icon: null,
      owner_id: '1',
      unavailable: false,
      large: false,
      member_count: 2,
      joined_at: joinedAt,
      features: [],
      preferred_locale: 'en-US',
      roles: [{ id: guild.id, name: '@everyone', permissions: '3072', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      channels: guild.channels.filter((c) => !threads.includes(c)).map(channel),
      threads: threads.map(channel),
      members: [{ user: this.options.botUser, roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0 }],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  #dispatchTo(session: Session, event: string, data: unknown): void {
    this.#send(session, { op: OP.dispatch, t: event, s: ++session.sequence, d: data });
  }

  #send(session: Session, payload: Record<string, unknown>): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #checkReady(): void {
    const identified = [...this.#sessions].filter((s) => s.identified).length;
    for (const waiter of [...this.#readyWaiters]) {
      if (identified >= waiter.count) {
        this.#readyWaiters.splice(this.#readyWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}
