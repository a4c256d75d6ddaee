/**
 * The {@link Metrics} port as Prometheus metrics (prom-client), plus queue gauges read at scrape
 * time and the process's own metrics (CPU, memory, event loop lag, handles). Every label value is
 * a short code chosen by kabar (a platform, an error code, a provider id): no URL, no chat text,
 * no secret ever becomes a label.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../../core/metrics.js';
import type { QueueHealth } from '../queue/queue-health.js';

/** {@link Metrics} with the registry to serve. */
export interface PrometheusMetrics extends Metrics {
  /** The exposition text for `GET /metrics`. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** Options for {@link createPrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** Read at every scrape: the queues' depths and ages. */
  queues?: () => Promise<QueueHealth[]>;
  /** Default true; tests turn it off to keep the output small. */
  processMetrics?: boolean;
}

/** Creates the metrics on a registry of their own (so several can live in one test process). */
export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): PrometheusMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'kabar_' });
  const registers = [registry];
  const polls = new Counter({ name: 'kabar_feed_polls_total', help: 'Feed polls by result (not-modified: a 304)', labelNames: ['result'], registers });
  const fetchFailures = new Counter({
    name: 'kabar_feed_fetch_failures_total',
    help: 'Failed feed fetches by failure class (the KabarError code: timeout, http-status, not-a-feed...)',
    labelNames: ['class'],
    registers,
  });
  const briefs = new Counter({ name: 'kabar_briefs_built_total', help: 'Briefs built', registers });
  const deliveries = new Counter({ name: 'kabar_deliveries_total', help: 'Delivery jobs by platform and result', labelNames: ['platform', 'result'], registers });
  const rateLimits = new Counter({ name: 'kabar_chat_rate_limited_total', help: '429 answers from the chat platforms', labelNames: ['platform'], registers });
  const characters = new Counter({ name: 'kabar_translation_characters_total', help: 'Characters sent to translators', labelNames: ['provider'], registers });
  const translationFailures = new Counter({ name: 'kabar_translation_failures_total', help: 'Failed translator calls', labelNames: ['provider'], registers });

  if (options.queues) {
    const read = options.queues;
    // One read per scrape serves all three gauges.
    let pending: Promise<QueueHealth[]> | undefined;
    const current = (): Promise<QueueHealth[]> => {
      pending ??= read().finally(() => setTimeout(() => (pending = undefined), 0));
      return pending;
    };
    new Gauge({
      name: 'kabar_queue_jobs',
      help: 'Jobs in each pipeline queue by state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const health of await current()) {
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ queue: health.queue, state }, health[state]);
        }
      },
    });
    new Gauge({
      name: 'kabar_queue_oldest_waiting_seconds',
      help: 'How long the oldest waiting job of each queue has waited (0 when none waits)',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        for (const health of await current()) this.set({ queue: health.queue }, (health.oldestWaitingAgeMs ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'kabar_queue_last_completed_seconds',
      help: 'How long ago each queue last completed a job (absent when it never did)',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        for (const health of await current()) {
          if (health.lastCompletedAgeMs !== undefined) this.set({ queue: health.queue }, health.lastCompletedAgeMs / 1000);
        }
      },
    });
  }

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    feedPolled(result, failureClass) {
      polls.inc({ result });
      if (result === 'failed') fetchFailures.inc({ class: failureClass ?? 'unexpected' });
    },
    briefBuilt: () => briefs.inc(),
    delivered: (platform, result) => deliveries.inc({ platform, result }),
    rateLimited: (platform) => rateLimits.inc({ platform }),
    translated: (provider, count) => characters.inc({ provider }, count),
    translationFailed: (provider) => translationFailures.inc({ provider }),
  };
}
