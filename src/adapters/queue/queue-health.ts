/**
 * How each pipeline queue is doing, for `/metrics` and readiness: its job counts, how long its
 * oldest waiting job has waited, and how long ago it last completed one.
 */
import type { Queue } from 'bullmq';

/** One queue's state. Ages are in milliseconds; undefined when there is no such job. */
export interface QueueHealth {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  oldestWaitingAgeMs: number | undefined;
  lastCompletedAgeMs: number | undefined;
}

/** Reads the state of `queues` (open BullMQ queues) as of `now`. */
export async function readQueueHealth(queues: readonly Queue[], now: number): Promise<QueueHealth[]> {
  return Promise.all(
    queues.map(async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      // Oldest first: the job that has waited longest.
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
      const [newestDone] = await queue.getJobs(['completed'], 0, 0, false);
      return {
        queue: queue.name,
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingAgeMs: oldest ? Math.max(0, now - oldest.timestamp) : undefined,
        lastCompletedAgeMs: newestDone?.finishedOn === undefined ? undefined : Math.max(0, now - newestDone.finishedOn),
      };
    }),
  );
}

/**
 * A queue is stalled when a job has waited longer than `stallAfterMs` and no job of that queue
 * completed within that time either: nobody is working it (no worker, or workers stuck). A long
 * queue that is being worked is busy, not stalled.
 */
export function isStalled(health: QueueHealth, stallAfterMs: number): boolean {
  if (health.waiting === 0 || health.oldestWaitingAgeMs === undefined || health.oldestWaitingAgeMs < stallAfterMs) return false;
  return health.lastCompletedAgeMs === undefined || health.lastCompletedAgeMs >= stallAfterMs;
}
