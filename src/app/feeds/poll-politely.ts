/**
 * A poll within the per-host limits: when the feed's host already has its share of fetches, the
 * feed is moved to a later check instead (not a failure: no backoff, no failure count, no FAILING).
 */
import type { HostLimiter } from '../../core/host-limiter.js';
import { pollFeed, type PollFeedDeps, type PollOutcome } from './poll-feed.js';

/** {@link pollFeed}'s dependencies plus the limiter. */
export interface PollPolitelyDeps extends PollFeedDeps {
  hosts: HostLimiter;
}

/** Polls `url` when its host has a free slot, else reschedules it and returns `deferred`. */
export async function pollPolitely(url: string, deps: PollPolitelyDeps): Promise<PollOutcome> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return pollFeed(url, deps); // the poll records why the URL is bad
  }
  const slot = await deps.hosts.acquire(host);
  if (!slot.ok) {
    const record = await deps.feeds.get(url);
    if (!record) return { url, status: 'gone', items: 0, fresh: 0, matched: 0, queued: 0, duplicates: 0 };
    await deps.feeds.save({ ...record, nextCheckAt: deps.clock.now() + slot.waitMs });
    return { url, status: 'deferred', items: 0, fresh: 0, matched: 0, queued: 0, duplicates: 0 };
  }
  try {
    return await pollFeed(url, deps);
  } finally {
    await slot.release();
  }
}
