/**
 * What kabar counts for its operator, as a port: the composition counts at the edges of the use
 * cases (a poll's outcome, a delivery's result, a translator call), and an adapter turns the
 * counts into Prometheus metrics. Without one, {@link NO_METRICS} counts nothing.
 */
import type { Platform } from './ports.js';

/** How a poll ended (see `PollOutcome.status`). */
export type PollResult = 'polled' | 'not-modified' | 'seeded' | 'failed' | 'gone' | 'deferred';

/** How a delivery job ended: sent, nothing to do, paused chat, delayed by pacing, or failed (to be retried or given up). */
export type DeliveryResult = 'sent' | 'already-sent' | 'unsubscribed' | 'paused' | 'delayed' | 'failed';

/** The counts. Label values are short codes, never text from outside and never secrets. */
export interface Metrics {
  /** One poll; `failureClass` is the `KabarError` code of a failed fetch. */
  feedPolled(result: PollResult, failureClass?: string): void;
  /** One brief built (all its languages). */
  briefBuilt(): void;
  /** One delivery job's result. */
  delivered(platform: Platform, result: DeliveryResult): void;
  /** A 429 from a chat platform. */
  rateLimited(platform: Platform): void;
  /** A translator call: characters sent on success, or a failure. */
  translated(provider: string, characters: number): void;
  translationFailed(provider: string): void;
}

/** Counts nothing: the default when no metrics endpoint is configured. */
export const NO_METRICS: Metrics = {
  feedPolled() {},
  briefBuilt() {},
  delivered() {},
  rateLimited() {},
  translated() {},
  translationFailed() {},
};
