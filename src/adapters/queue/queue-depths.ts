/**
 * How many jobs wait in each pipeline queue, for `kabar stats`, without starting anything.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE } from './pipeline-queues.js';

/** One queue's job counts. */
export interface QueueDepth {
  /** `poll`, `brief` or `deliver`. */
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/**
 * The job counts of the pipeline's queues under the BullMQ `prefix` (such as `{kabar}`), in
 * pipeline order. Reads only; `connection` stays open.
 *
 * @example
 * ```ts
 * await queueDepths(redis, '{kabar}');
 * // [{ queue: 'poll', waiting: 0, active: 1, delayed: 1, failed: 0 }, { queue: 'brief', ... }, ...]
 * ```
 */
export async function queueDepths(connection: Redis, prefix: string): Promise<QueueDepth[]> {
  const depths: QueueDepth[] = [];
  for (const name of Object.values(QUEUE)) {
    const queue = new Queue(name, { connection, prefix });
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      depths.push({
        queue: name,
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      });
    } finally {
      await queue.close();
    }
  }
  return depths;
}
