/**
 * When every feed fails the same way, the feeds are not the problem: kabar has no DNS, or no
 * network at all. Each failed poll is logged on its own line; this watch adds the one line that
 * says what they mean together, instead of N lines each advising to "check the URL".
 */
import type { Logger } from '../../core/ports.js';
import type { PollOutcome } from './poll-feed.js';

/** Everything {@link createFeedOutageWatch} needs. */
export interface FeedOutageWatchDeps {
  /** How many feeds there are now. */
  feedCount: () => Promise<number>;
  log: Logger;
}

/** Watches poll outcomes; see the module comment. */
export interface FeedOutageWatch {
  record(outcome: PollOutcome): Promise<void>;
}

type FailureKind = 'dns' | 'connect' | 'other';

/** What a failure message says about where it failed: name lookup, connecting, or elsewhere. */
function kindOf(error: string): FailureKind {
  if (/\b(ENOTFOUND|EAI_AGAIN)\b/.test(error)) return 'dns';
  if (/\b(ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT)\b|could not connect to/.test(error)) return 'connect';
  return 'other';
}

const MEANING: Record<Exclude<FailureKind, 'other'>, string> = {
  dns: 'no host name resolves (DNS): this machine has no working DNS or no network connection — the feed URLs are not the problem',
  connect: 'no feed host can be reached: this machine has no network connection (or a firewall blocks it) — the feed URLs are not the problem',
};

/**
 * A watch that logs one `warn` line when every feed (at least two) has failed in the same way
 * since the last successful poll, and once more (`info`) when a feed succeeds again.
 */
export function createFeedOutageWatch(deps: FeedOutageWatchDeps): FeedOutageWatch {
  const failing = new Map<string, FailureKind>();
  let told: FailureKind | undefined;
  return {
    async record(outcome) {
      if (outcome.status === 'gone') return;
      if (outcome.status !== 'failed') {
        failing.clear();
        if (told !== undefined) deps.log.info('feeds: a feed answered again; the outage is over');
        told = undefined;
        return;
      }
      failing.set(outcome.url, kindOf(outcome.error ?? ''));
      const kinds = new Set(failing.values());
      const [kind] = kinds;
      if (told !== undefined || kinds.size !== 1 || kind === undefined || kind === 'other') return;
      const count = await deps.feedCount();
      if (count < 2 || failing.size < count) return;
      told = kind;
      deps.log.warn(`feeds: all ${count} feeds fail the same way: ${MEANING[kind]}; kabar keeps retrying with backoff`);
    },
  };
}
