/**
 * The Discord REST client kabar sends with: @discordjs/rest (as discord.js exports it), set up so
 * that it never waits on a rate limit or retries by itself. Waiting is the job of kabar's pacer
 * and queues, which hold one chat (or the platform) and go on with the others; a client that slept
 * through a 429 would hold a worker instead.
 */
import { DefaultRestOptions, REST } from 'discord.js';

/** Options of {@link createDiscordRest}. */
export interface DiscordRestOptions {
  token: string;
  /** Replaces `https://discord.com/api` (a proxy, or the loopback fake in tests). */
  apiBase?: string;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

/**
 * A 429 as Discord answered it, with the body's float `retry_after` and `global` flag (the
 * client's own rate-limit error only knows the whole-second `Retry-After` header).
 */
export class DiscordRateLimitAnswer extends Error {
  override readonly name = 'DiscordRateLimitAnswer';

  constructor(
    readonly retryAfterMs: number,
    readonly global: boolean,
    /** `X-RateLimit-Scope`: `user`, `global` or `shared` (a limit on the resource, not the bot). */
    readonly scope: string,
  ) {
    super(`429 from Discord (${global ? 'global' : scope}): retry after ${(retryAfterMs / 1000).toFixed(3)} s`);
  }
}

/**
 * A REST client on API v10 with the token set, that throws on every rate limit (the 429s Discord
 * answers, and the waits its bucket headers announce) and on the first 5xx or timeout.
 *
 * @example
 * ```ts
 * const rest = createDiscordRest({ token, apiBase: 'http://127.0.0.1:8080/api' });
 * await rest.post(Routes.channelMessages(channelId), { body });
 * ```
 */
export function createDiscordRest(options: DiscordRestOptions): REST {
  return new REST({
    version: '10',
    ...(options.apiBase === undefined ? {} : { api: options.apiBase.replace(/\/+$/, '') }),
    timeout: options.timeoutMs ?? 15_000,
    // The queue retries with backoff; a retry here would be a second, unpaced request.
    retries: 0,
    rejectOnRateLimit: () => true,
    // The global rate is kept by kabar's pacer across every worker process; a second, per-process
    // counter here would only refuse sends the pacer already spaced (its windows do not line up).
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    async makeRequest(url, init) {
      const response = await DefaultRestOptions.makeRequest(url, init);
      if (response.status !== 429) return response;
      const body = (await response.json().catch(() => ({}))) as { retry_after?: unknown; global?: unknown };
      const header = Number(response.headers.get('Retry-After'));
      const seconds = typeof body.retry_after === 'number' ? body.retry_after : Number.isFinite(header) ? header : 1;
      const global = body.global === true || response.headers.has('X-RateLimit-Global');
      throw new DiscordRateLimitAnswer(Math.max(1, Math.ceil(seconds * 1000)), global, response.headers.get('X-RateLimit-Scope') ?? 'user');
    },
  }).setToken(options.token);
}
