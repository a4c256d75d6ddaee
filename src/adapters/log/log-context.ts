/**
 * Fields that every log line carries while a piece of work runs (the job, the feed, the
 * subscription), without passing a logger down through the use cases: the queue worker opens
 * the context around a job and the logger adds its fields to each line written inside it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const context = new AsyncLocalStorage<Readonly<Record<string, unknown>>>();

/**
 * Runs `work` with `fields` added to every log line written during it (nested contexts add up).
 *
 * @example
 * ```ts
 * await withLogFields({ queue: 'poll', job: job.id, feed: url }, () => handlers.poll(job.data));
 * ```
 */
export function withLogFields<T>(fields: Record<string, unknown>, work: () => T): T {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return context.run({ ...context.getStore(), ...defined }, work);
}

/** The fields of the context in force (empty outside one). */
export function currentLogFields(): Readonly<Record<string, unknown>> {
  return context.getStore() ?? {};
}
