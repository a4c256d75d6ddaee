/**
 * Channel messages on the loopback Discord: `POST /channels/:id/messages`, strict about the body,
 * deduplicating by nonce when `enforce_nonce` is set, pacing each channel (5 per 5 s) with 429s
 * and the `X-RateLimit-*` headers a real bucket sends.
 */
import { checkMessageBody, messageJson, type FakeEmbed, type FakeMessageBody } from './fake-discord-payloads.js';
import { discordError, invalidFormBody, rateLimitAnswer, type Answer, type FakeDiscordHttp } from './fake-discord-http.js';
import { SlidingWindows, type WindowLimit } from './fake-discord-limits.js';

/** A message the fake accepted. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: FakeEmbed[];
  flags: number;
  nonce?: string | number;
  /** The body as posted, for assertions on fields the fake does not model. */
  body: FakeMessageBody;
  at: number;
}

/** How long a nonce deduplicates: Discord says "the past few minutes". */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** Channels and their messages. */
export class FakeChannels {
  readonly #messages = new Map<string, FakeMessage[]>();
  readonly #nonces = new Map<string, FakeMessage>();
  readonly #closed = new Map<string, { status: number; code: number; message: string }>();
  readonly #pace: SlidingWindows;
  /** Posts answered with the first message of their nonce. */
  deduplicated = 0;
  /** Posts answered 429 because the channel was over its pace. */
  rateLimitedCount = 0;

  constructor(
    http: FakeDiscordHttp,
    private readonly ids: { snowflake(): string; now(): number; botUser(): unknown },
    channelLimit: WindowLimit,
  ) {
    this.#pace = new SlidingWindows(channelLimit);
    http.route({
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages$/,
      auth: true,
      channelOf: (match) => match[1],
      handle: (match, body) => this.#post(match[1] as string, body),
    });
  }

  /** Messages of one channel, in order. */
  messages(channelId: string): FakeMessage[] {
    return [...(this.#messages.get(channelId) ?? [])];
  }

  /** Every message of every channel, in the order they were posted. */
  allMessages(): FakeMessage[] {
    return [...this.#messages.values()].flat().sort((a, b) => a.at - b.at || Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** From now on posts to `channelId` fail: `10003` (deleted), `50001` (no access) or `50013` (no permission). */
  closeChannel(channelId: string, code: 10003 | 50001 | 50013 = 10003): void {
    const answers = {
      10003: { status: 404, code: 10003, message: 'Unknown Channel' },
      50001: { status: 403, code: 50001, message: 'Missing Access' },
      50013: { status: 403, code: 50013, message: 'Missing Permissions' },
    };
    this.#closed.set(channelId, answers[code]);
  }

  /** Undoes {@link closeChannel}. */
  reopenChannel(channelId: string): void {
    this.#closed.delete(channelId);
  }

  #post(channelId: string, body: unknown): Answer {
    const closed = this.#closed.get(channelId);
    if (closed) return discordError(closed.status, closed.code, closed.message);
    const problem = checkMessageBody(body);
    if (problem) return invalidFormBody(problem);
    const message = body as FakeMessageBody;
    const now = this.ids.now();
    const nonceKey = message.enforce_nonce === true && message.nonce !== undefined ? `${channelId}/${String(message.nonce)}` : undefined;
    if (nonceKey !== undefined) {
      const earlier = this.#nonces.get(nonceKey);
      if (earlier && now - earlier.at < NONCE_WINDOW_MS) {
        this.deduplicated++;
        return { status: 200, body: this.#json(earlier), headers: this.#bucketHeaders(channelId, now) };
      }
    }
    const wait = this.#pace.take(channelId, now);
    if (wait > 0) {
      this.rateLimitedCount++;
      const answer = rateLimitAnswer(wait / 1000, false);
      return { ...answer, headers: { ...answer.headers, ...this.#bucketHeaders(channelId, now) } };
    }
    const stored: FakeMessage = {
      id: this.ids.snowflake(),
      channel_id: channelId,
      content: message.content ?? '',
      embeds: message.embeds ?? [],
      flags: message.flags ?? 0,
      ...(message.nonce === undefined ? {} : { nonce: message.nonce }),
      body: message,
      at: now,
    };
    const list = this.#messages.get(channelId) ?? [];
    list.push(stored);
    this.#messages.set(channelId, list);
    if (nonceKey !== undefined) this.#nonces.set(nonceKey, stored);
    return { status: 200, body: this.#json(stored), headers: this.#bucketHeaders(channelId, now) };
  }

  #bucketHeaders(channelId: string, now: number): Record<string, string> {
    const { remaining, resetAfterMs } = this.#pace.remaining(channelId, now);
    return {
      'X-RateLimit-Limit': String(this.#pace.limit.count),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset-After': (resetAfterMs / 1000).toFixed(3),
      'X-RateLimit-Reset': ((now + resetAfterMs) / 1000).toFixed(3),
      'X-RateLimit-Bucket': 'fakechannelmessages',
    };
  }

  #json(message: FakeMessage): Record<string, unknown> {
    return messageJson({ id: message.id, channelId: message.channel_id, body: message.body, author: this.ids.botUser(), at: message.at });
  }
}
