/**
 * The composition root: configuration -> adapters -> use cases -> workers and chat gateways. The
 * runtime (Redis and the stores) is built in `composition/runtime.ts`, the worker role in
 * `composition/pipeline-role.ts`, the chat platforms in `composition/chat-platforms.ts`; this
 * module starts the roles a process runs and shuts them down in order.
 */
import type { PollOutcome } from './app/feeds/poll-feed.js';
import { seedDefaultFeeds } from './app/feeds/manage-feeds.js';
import { seedDefaultTopics, shippedTopicUpgrades } from './app/topics/index.js';
import { createChatCommandHandler } from './app/chat/chat-command-handler.js';
import { createConsoleSender } from './adapters/console/console-sender.js';
import { createBullmqPipeline, type BullmqPipeline } from './adapters/queue/pipeline-queues.js';
import type { PipelineWorkers } from './adapters/queue/pipeline-workers.js';
import { reportOutages } from './adapters/redis/connection.js';
import { watchWriteRefusals } from './adapters/redis/write-refusal-watch.js';
import { describeError } from './core/errors.js';
import type { ChatSender, FeedFetcher, Logger, Platform, Translator } from './core/ports.js';
import { NO_CHAT_PLATFORMS, type ChatPlatforms, type Closable } from './composition/chat-platforms.js';
import { startPipelineRole } from './composition/pipeline-role.js';
import { startOpsEndpoint } from './composition/ops-endpoint.js';
import { NO_METRICS, type Metrics } from './core/metrics.js';
import { configuredBriefStyle, createConfiguredTranslator, createFeedFetcher, type Runtime } from './composition/runtime.js';

export {
  configuredBriefStyle,
  createConfiguredTranslator,
  createFeedFetcher,
  openRuntime,
  type Runtime,
  type RuntimeOptions,
} from './composition/runtime.js';

/** What a process runs: everything, only the queues (scale-out), or only the chat gateways. */
export type Role = 'all' | 'worker' | 'bot';

/** Options for {@link startKabar}. */
export interface StartOptions {
  role: Role;
  /** Where console briefs go (default stdout). */
  writeBrief?: (text: string) => void;
  /** Seed the shipped default feeds into an empty feed list (default true). */
  seedFeeds?: boolean;
  /** A ready fetcher instead of the configured one. */
  fetcher?: FeedFetcher;
  /**
   * The translator, when the caller built it already (`kabar start` does, before opening Redis,
   * so that a missing API key fails before anything starts). Default: the configured one.
   */
  translator?: Translator;
  /** The chat platforms (default: none; `kabar start` passes the configured ones). */
  chat?: ChatPlatforms;
  /** Called after every poll (the demo counts articles with it). */
  onPolled?: (outcome: PollOutcome) => void;
}

/** A running kabar. */
export interface RunningKabar {
  runtime: Runtime;
  pipeline: BullmqPipeline;
  workers: PipelineWorkers | undefined;
  /** Ordered shutdown: stop taking jobs and commands, finish or hand back running ones, close Redis. */
  stop(deadlineMs?: number): Promise<void>;
}

/** How long running jobs get when start-up fails part-way (there should be none yet). */
const FAILED_START_DEADLINE_MS = 5_000;

/**
 * Starts kabar on an open runtime: seeds the shipped topics (and feeds), makes sure someone
 * receives briefs (the console, when no chat platform is configured), and starts what the role
 * runs: the tick and the workers (`worker`), the chat gateways (`bot`), or both (`all`).
 *
 * The runtime is the running kabar's from here on: `stop()` closes it, and so does a failed
 * start, which closes everything it had opened, in reverse order, before rethrowing.
 */
export async function startKabar(runtime: Runtime, options: StartOptions): Promise<RunningKabar> {
  const { config, log, clock } = runtime;
  const chat = options.chat ?? NO_CHAT_PLATFORMS;
  // What is open, in opening order; closed from the end by stop() or by a failed start.
  const opened: Array<{ name: string; close: (deadlineMs: number) => Promise<void> }> = [
    { name: 'redis', close: () => runtime.close() },
  ];
  const remember = (closables: readonly Closable[]): void => {
    for (const closable of closables) opened.push({ name: closable.name, close: () => closable.close() });
  };
  try {
    const translator = options.translator ?? createConfiguredTranslator(config);
    const seeded = await seedDefaultTopics({}, runtime.topicDeps);
    if (seeded.seeded.length > 0) log.info('default topics written', { topics: seeded.seeded });
    for (const upgrade of await shippedTopicUpgrades(runtime.topicDeps)) {
      if (upgrade.status === 'available') {
        log.info(`the shipped topic ${upgrade.name} has improved terms: kabar topics upgrade ${upgrade.name} --dry-run shows them`);
      }
    }
    if (options.seedFeeds !== false && (await runtime.feeds.list()).length === 0) {
      // Due at once (random 0): a new install should show its first polls right after it starts.
      const added = await seedDefaultFeeds(config.KABAR_POLL_INTERVAL, { feeds: runtime.feeds, clock, random: () => 0 });
      log.info('default feeds added to the empty feed list', { added });
    }
    await updateConsoleSubscription(runtime, chat.configured.length === 0);

    const workerConnection = runtime.redis.duplicate();
    reportOutages(workerConnection, log, 'the workers\' connection');
    opened.push({ name: 'worker connection', close: async () => workerConnection.disconnect() });
    const pipeline = createBullmqPipeline(workerConnection, config.KABAR_REDIS_PREFIX, { briefRetryMs: config.KABAR_TRANSLATION_RETRY });
    opened.push({ name: 'queues', close: () => pipeline.close() });
    // The queues share that connection, whose outages are logged once above; with no listener of
    // their own, BullMQ would print every failed reconnect of every queue to stderr.
    const refusals = watchWriteRefusals(workerConnection, log, {
      probeKey: `${runtime.keyPrefix}write-probe`,
      // A tick whose next run could not be written while Redis refused writes is gone: put it back.
      onWritable: () => (options.role === 'bot' ? Promise.resolve() : pipeline.scheduleTick(config.KABAR_SCHEDULER_TICK)),
    });
    opened.push({ name: 'write refusal watch', close: async () => refusals.stop() });
    for (const queue of pipeline.all) {
      queue.on('error', (error) => {
        if (refusals.noticed(error)) return;
        if (workerConnection.status === 'ready') log.warn('queue error', { queue: queue.name, error: describeError(error) });
      });
    }

    let metrics: Metrics = NO_METRICS;
    if (config.KABAR_HTTP_PORT !== undefined) {
      const endpoint = await startOpsEndpoint({
        host: config.KABAR_HTTP_HOST,
        port: config.KABAR_HTTP_PORT,
        stallAfterMs: config.KABAR_QUEUE_STALL_AFTER,
        redis: runtime.redis,
        queues: pipeline.all,
        log,
        writeRefusal: () => refusals.refusal(),
      });
      remember([endpoint]);
      metrics = endpoint.metrics;
    }

    let workers: PipelineWorkers | undefined;
    if (options.role !== 'bot') {
      logTranslator(translator, log);
      const senders: Partial<Record<Platform, ChatSender>> = {};
      if (chat.configured.length === 0) senders.console = createConsoleSender(options.writeBrief);
      const rest = await chat.openSenders(log);
      remember(rest.closables);
      Object.assign(senders, rest.senders);
      workers = startPipelineRole(runtime, pipeline, workerConnection, translator, senders, { ...options, metrics, refusals });
      const started = workers;
      opened.push({ name: 'workers', close: (deadlineMs) => started.close(deadlineMs) });
      await pipeline.scheduleTick(config.KABAR_SCHEDULER_TICK);
    }
    if (options.role !== 'worker' && chat.configured.length > 0) {
      const handler = createChatCommandHandler({
        subscriptions: runtime.subscriptions,
        topics: runtime.topicDeps,
        articles: runtime.articles,
        briefs: runtime.briefs,
        deliveries: runtime.deliveries,
        feeds: runtime.feeds,
        fetcher: options.fetcher ?? createFeedFetcher(config),
        pollIntervalMs: config.KABAR_POLL_INTERVAL,
        random: Math.random,
        clock,
        log,
        defaults: {
          language: config.KABAR_DEFAULT_LANGUAGE,
          style: configuredBriefStyle(config),
          onTranslationFailure: config.KABAR_TRANSLATION_FALLBACK,
        },
      });
      remember(await chat.startGateways(handler, log));
    }
    return {
      runtime,
      pipeline,
      workers,
      async stop(deadlineMs = 25_000) {
        const failures = await closeInReverse(opened, deadlineMs, log);
        if (failures.length > 0) throw failures[0];
      },
    };
  } catch (error) {
    await closeInReverse(opened, FAILED_START_DEADLINE_MS, log);
    throw error;
  }
}

function logTranslator(translator: Translator, log: Logger): void {
  if (translator.id === 'none') {
    log.info('translation is off (KABAR_TRANSLATOR=none): briefs stay in the language of their article');
  } else {
    log.info('translating briefs', { provider: translator.id });
  }
}

/** Closes `opened` from the last to the first; one that fails does not keep the rest open. */
async function closeInReverse(
  opened: ReadonlyArray<{ name: string; close: (deadlineMs: number) => Promise<void> }>,
  deadlineMs: number,
  log: Logger,
): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const { name, close } of [...opened].reverse()) {
    try {
      await close(deadlineMs);
    } catch (error) {
      log.warn(`closing the ${name} failed`, { error: describeError(error) });
      failures.push(error);
    }
  }
  return failures;
}

/**
 * With no chat platform configured, the console subscribes to every topic so briefs are seen.
 * Written from the configuration at every start, so that a changed KABAR_DEFAULT_LANGUAGE,
 * KABAR_BRIEF_GREETING, KABAR_BRIEF_CLOSING or KABAR_TRANSLATION_FALLBACK applies from the next
 * start on; only its creation time is kept. Once a chat platform is configured, the console
 * subscription is removed, so that no console deliveries pile up unsent.
 */
async function updateConsoleSubscription(runtime: Runtime, wanted: boolean): Promise<void> {
  const existing = await runtime.subscriptions.get('console');
  if (!wanted) {
    if (existing) await runtime.subscriptions.remove('console');
    return;
  }
  await runtime.subscriptions.save({
    id: 'console',
    platform: 'console',
    chatId: 'stdout',
    topics: [],
    language: runtime.config.KABAR_DEFAULT_LANGUAGE,
    style: configuredBriefStyle(runtime.config),
    onTranslationFailure: runtime.config.KABAR_TRANSLATION_FALLBACK,
    createdAt: existing?.createdAt ?? runtime.clock.now(),
  });
}
