/**
 * Politeness towards feed servers: at most so many fetches at once and per minute to one host,
 * held across every worker process (the adapter keeps the counts in Redis).
 */

/** What {@link HostLimiter.acquire} decided. */
export type HostSlot = { ok: true; release(): Promise<void> } | { ok: false; waitMs: number };

/** Per-host fetch limits. */
export interface HostLimiter {
  /**
   * Takes a slot for one fetch from `host`, or says how long to wait before trying again. A slot
   * taken must be released; one whose holder died frees itself after a lease.
   */
  acquire(host: string): Promise<HostSlot>;
}

/** No limit: every fetch goes at once. */
export const NO_HOST_LIMIT: HostLimiter = { acquire: async () => ({ ok: true, release: async () => undefined }) };
