/**
 * The send limits the loopback Discord enforces, as sliding windows: a request over a limit is
 * answered 429 with the time until the oldest request in the window leaves it.
 */

/** A limit: at most `count` requests in any `windowMs`. */
export interface WindowLimit {
  count: number;
  windowMs: number;
}

/** Discord's per-channel message pace (5 per 5 s) and per-bot global rate (50 per second). */
export const DISCORD_LIMITS = {
  channel: { count: 5, windowMs: 5_000 },
  global: { count: 50, windowMs: 1_000 },
} as const satisfies Record<string, WindowLimit>;

/** Sliding windows by key. */
export class SlidingWindows {
  readonly #hits = new Map<string, number[]>();

  constructor(readonly limit: WindowLimit) {}

  /**
   * Counts a request under `key` at `now` when it fits, returning 0; otherwise counts nothing and
   * returns the milliseconds until it would fit.
   */
  take(key: string, now: number): number {
    const recent = (this.#hits.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    if (recent.length >= this.limit.count) {
      this.#hits.set(key, recent);
      return (recent[recent.length - this.limit.count] ?? now) + this.limit.windowMs - now;
    }
    recent.push(now);
    this.#hits.set(key, recent);
    return 0;
  }

  /** Requests left under `key` at `now`, and when the window next frees a slot (ms from now). */
  remaining(key: string, now: number): { remaining: number; resetAfterMs: number } {
    const recent = (this.#hits.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    const oldest = recent[0];
    return {
      remaining: Math.max(0, this.limit.count - recent.length),
      resetAfterMs: oldest === undefined ? 0 : oldest + this.limit.windowMs - now,
    };
  }
}
