/**
 * `/healthz`, `/readyz` and `/metrics` for a running kabar, on KABAR_HTTP_HOST:KABAR_HTTP_PORT.
 * Ready means: Redis answers and takes writes, and no queue is stalled (a job has waited past
 * KABAR_QUEUE_STALL_AFTER while that queue completed nothing in that time).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { startOpsServer } from '../adapters/http/ops-server.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../adapters/metrics/prometheus-metrics.js';
import { isStalled, readQueueHealth } from '../adapters/queue/queue-health.js';
import type { Logger } from '../core/ports.js';
import type { Closable } from './chat-platforms.js';

/** How long a readiness probe waits for Redis before it says Redis is unreachable. */
const READINESS_TIMEOUT_MS = 2_000;

/** What the endpoint reads. */
export interface OpsEndpointOptions {
  host: string;
  port: number;
  stallAfterMs: number;
  redis: Redis;
  queues: readonly Queue[];
  log: Logger;
  /** Why Redis refuses writes, when it does (out of memory, read-only): not ready then, though it answers. */
  writeRefusal?: () => string | undefined;
}

/** The metrics for the workers to count into, and the endpoint serving them. */
export interface OpsEndpoint extends Closable {
  metrics: PrometheusMetrics;
  address: string;
}

/** Starts the endpoint; a port already in use fails the start with one line naming KABAR_HTTP_PORT. */
export async function startOpsEndpoint(options: OpsEndpointOptions): Promise<OpsEndpoint> {
  const metrics = createPrometheusMetrics({ queues: () => readQueueHealth(options.queues, Date.now()) });
  const readiness = async (): Promise<string[]> => {
    if (options.redis.status !== 'ready') return [`Redis is not reachable (connection ${options.redis.status})`];
    const refused = options.writeRefusal?.();
    if (refused !== undefined) return [refused];
    const health = await within(readQueueHealth(options.queues, Date.now()), READINESS_TIMEOUT_MS).catch(() => undefined);
    if (health === undefined) return [`Redis did not answer within ${READINESS_TIMEOUT_MS / 1000}s`];
    return health
      .filter((queue) => isStalled(queue, options.stallAfterMs))
      .map((queue) => `queue ${queue.queue} is stalled: ${queue.waiting} waiting, the oldest for ${Math.round((queue.oldestWaitingAgeMs ?? 0) / 1000)}s, none completed since`);
  };
  let server;
  try {
    server = await startOpsServer(options.host, options.port, {
      readiness,
      metrics: async () => ({ body: await metrics.render(), contentType: metrics.contentType }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`KABAR_HTTP_PORT: cannot listen on ${options.host}:${options.port} (${reason})`, { cause: error });
  }
  options.log.info('health and metrics served', { address: `http://${server.address}`, paths: '/healthz /readyz /metrics' });
  return { name: 'health and metrics endpoint', metrics, address: server.address, close: () => server.close() };
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<T>((_, late) => setTimeout(() => late(new Error('timeout')), ms).unref())]);
}
