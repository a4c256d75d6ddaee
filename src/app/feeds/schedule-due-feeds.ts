/**
 * The scheduler tick: queue a `poll` job for every feed whose next check has come.
 */
import type { Clock, FeedStore, PipelineQueues } from '../../core/ports.js';

/** Everything {@link scheduleDueFeeds} needs. */
export interface ScheduleDueFeedsDeps {
  feeds: FeedStore;
  queues: PipelineQueues;
  clock: Clock;
}

/**
 * How long a claimed feed is left alone when its poll never reports back (a crashed worker):
 * after this it is due again.
 */
export const POLL_LEASE_MS = 10 * 60_000;

/** Queues the due feeds, at most `limit` per tick; returns their urls. */
export async function scheduleDueFeeds(deps: ScheduleDueFeedsDeps, limit = 500): Promise<string[]> {
  const due = await deps.feeds.claimDue(deps.clock.now(), POLL_LEASE_MS, limit);
  await deps.queues.enqueuePolls(due);
  return due;
}
