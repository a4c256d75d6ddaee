/**
 * In-memory fakes of the ports the use cases write to but tests want to read back: the pipeline
 * queues (what a use case enqueued) and a logger (what it reported). The Redis stores are real in
 * every test; these replace only what would otherwise need a running worker to observe.
 */
import type { BriefJob, DeliveryJob, Logger, PipelineQueues } from '../../src/core/ports.js';

/** {@link PipelineQueues} that keep what was enqueued, with the real queues' "same id twice is a no-op". */
export interface RecordingQueues extends PipelineQueues {
  polls: string[];
  briefs: BriefJob[];
  deliveries: DeliveryJob[];
}

/** Creates {@link RecordingQueues}: brief jobs keyed by article id, deliveries by article + subscription. */
export function createRecordingQueues(): RecordingQueues {
  const polls: string[] = [];
  const briefs: BriefJob[] = [];
  const deliveries: DeliveryJob[] = [];
  return {
    polls,
    briefs,
    deliveries,
    async enqueuePolls(urls) {
      for (const url of urls) if (!polls.includes(url)) polls.push(url);
    },
    async enqueueBrief(job) {
      // A held brief has its own job id (`<article id>-held`), as in the real queue.
      if (!briefs.some((queued) => queued.article.id === job.article.id && (queued.held === undefined) === (job.held === undefined))) briefs.push(job);
    },
    async enqueueDeliveries(jobs) {
      for (const job of jobs) {
        const known = deliveries.some(
          (queued) => queued.articleId === job.articleId && queued.subscriptionId === job.subscriptionId,
        );
        if (!known) deliveries.push(job);
      }
    },
  };
}

/** One log line. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A {@link Logger} that keeps every line and prints none (set KABAR_TEST_LOG=1 to see them). */
export interface RecordingLogger extends Logger {
  entries: LogEntry[];
  /** The lines with this message. */
  find(message: string): LogEntry[];
}

/** Creates a {@link RecordingLogger}. */
export function createRecordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const print = process.env.KABAR_TEST_LOG === '1';
  const at =
    (level: LogEntry['level']) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      entries.push({ level, message, fields });
      if (print) console.error(level, message, JSON.stringify(fields));
    };
  return {
    entries,
    find: (message) => entries.filter((entry) => entry.message === message),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}
