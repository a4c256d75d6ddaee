/**
 * `kabar demo`: the whole bot, offline. Sample feeds are served from 127.0.0.1; the real fetcher,
 * queues, workers, matcher, condenser and console sender do the rest, on REDIS_URL under a fresh
 * key prefix deleted at the end (so the demo runs in the Docker image, which has no redis-server),
 * or without REDIS_URL on a throwaway redis-server. Exits 0 with a one-line summary once the
 * briefs are printed.
 *
 * It runs in two rounds, because a new feed's first fetch only remembers what is there: round 1
 * seeds the feeds, round 2 publishes new stories, which become briefs.
 */
import type { PollOutcome } from '../app/feeds/poll-feed.js';
import { addFeed } from '../app/feeds/manage-feeds.js';
import { createLogger } from '../adapters/log/create-logger.js';
import type { FeedStore } from '../core/ports.js';
import { loadConfigWith, secretValues } from '../config.js';
import { KabarError } from '../core/errors.js';
import { createConfiguredTranslator, openRuntime, startKabar, type RunningKabar, type Runtime } from '../main.js';
import { exitOnSignals } from '../cli/cli-support.js';
import { startSampleFeedServer, type SampleFeedServer } from './sample-feed-server.js';

/** The demo gives up (exit 1) when the pipeline has not finished by then. */
const DEMO_DEADLINE_MS = 90_000;
/** After the deadline, how long closing may take before the process just exits. */
const CLOSE_GRACE_MS = 15_000;

/** Options of {@link demoCommand}. */
export interface DemoOptions {
  /** When to give up; default 90 s. */
  deadlineMs?: number;
}

/**
 * Runs the demo; resolves when done. Everything it opened is closed again however it ends.
 *
 * @throws KabarError (code `timeout`) when the pipeline has not finished by the deadline.
 */
export async function demoCommand(
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  { deadlineMs = DEMO_DEADLINE_MS }: DemoOptions = {},
): Promise<void> {
  const config = loadConfigWith({ KABAR_ALLOW_PRIVATE_FEEDS: 'true', KABAR_SCHEDULER_TICK: '1s' });
  const log = createLogger({ level: 'warn', format: config.KABAR_LOG_FORMAT, secrets: secretValues(config) });
  const startedAt = Date.now();
  const progress = (line: string): void => print(`[demo ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}`);
  // Before anything starts: a translator that cannot work (KABAR_TRANSLATOR=deepl, no key) fails here.
  const translator = createConfiguredTranslator(config);

  const outcomes: PollOutcome[] = [];
  let briefsPrinted = 0;
  let server: SampleFeedServer | undefined;
  let runtime: Runtime | undefined;
  let running: RunningKabar | undefined;
  const deadline = new AbortController();
  const timedOut = `the demo's pipeline did not finish within ${deadlineMs / 1000} s`;
  let lastResort: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    deadline.abort();
    // Should something hang on the way out (a Redis that stopped answering), exit anyway: the
    // 'exit' hook still stops a throwaway redis-server.
    lastResort = setTimeout(() => {
      process.stderr.write(`kabar: ${timedOut}, and closing took over ${CLOSE_GRACE_MS / 1000} s\n`);
      process.exit(1);
    }, CLOSE_GRACE_MS);
    lastResort.unref();
  }, deadlineMs);
  timer.unref();
  const waitUntil = (condition: () => Promise<boolean>): Promise<void> => waitFor(condition, deadline.signal, timedOut);

  const stopExitingOnSignals = exitOnSignals();
  try {
    server = await startSampleFeedServer();
    runtime = await openRuntime(config, { log, throwawayRedis: true });
    const { feeds, clock } = runtime;
    progress(`Redis: ${runtime.redisSource}; sample feeds on ${new URL(server.urls[0] ?? 'http://127.0.0.1').host}`);
    for (const url of server.urls) await addFeed(url, 60_000, { feeds, clock, random: Math.random });
    await makeDue(feeds);
    running = await startKabar(runtime, {
      role: 'all',
      seedFeeds: false,
      translator,
      onPolled: (outcome) => outcomes.push(outcome),
      writeBrief: (text) => {
        briefsPrinted++;
        print(text);
      },
    });

    progress(`round 1: polling ${server.urls.length} feeds for the first time`);
    await waitUntil(async () => (await feeds.list()).every((feed) => feed.seeded));
    const seeded = outcomes.filter((outcome) => outcome.status === 'seeded');
    progress(
      `round 1: ${seeded.length} feeds seeded, their ${sum(seeded, 'items')} existing items remembered and not posted (a new feed's backlog is history)`,
    );

    server.nextRound();
    const roundTwo = outcomes.length;
    const feedCount = server.urls.length;
    progress('round 2: the feeds publish new stories; polling again');
    await makeDue(feeds);
    await waitUntil(async () => outcomes.length - roundTwo >= feedCount);
    const pipeline = running.pipeline;
    // The poll queue always holds the scheduler's next tick as a delayed job: only its running
    // and waiting polls count. Briefs and deliveries count in every state short of done.
    await waitUntil(async () => {
      const counts = await Promise.all([
        pipeline.poll.getJobCounts('waiting', 'active'),
        pipeline.brief.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
        pipeline.deliver.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      ]);
      return counts.every((count) => Object.values(count).every((n) => n === 0));
    });
    const polled = outcomes.slice(roundTwo);
    print('-'.repeat(72));
    progress(
      `done: ${feedCount} feeds, ${sum(polled, 'fresh')} new articles, ${sum(polled, 'matched')} matched a topic, ` +
        `${sum(polled, 'duplicates')} duplicate ${sum(polled, 'duplicates') === 1 ? 'story' : 'stories'} merged, ${briefsPrinted} briefs printed`,
    );
  } finally {
    clearTimeout(timer);
    stopExitingOnSignals();
    // startKabar owns the runtime once it is called (it closes it itself when it fails).
    await (running ? running.stop(5_000) : runtime?.close());
    await server?.close();
    clearTimeout(lastResort);
  }
}

async function makeDue(feeds: FeedStore): Promise<void> {
  const now = Date.now();
  for (const feed of await feeds.list()) await feeds.save({ ...feed, nextCheckAt: now });
}

/** Polls `condition` every 200 ms; once `deadline` is aborted, gives up with `timedOut`. */
async function waitFor(condition: () => Promise<boolean>, deadline: AbortSignal, timedOut: string): Promise<void> {
  while (!(await condition())) {
    if (deadline.aborted) throw new KabarError('retryable', `${timedOut}; giving up`, { code: 'timeout' });
    await new Promise((resolveLater) => setTimeout(resolveLater, 200));
  }
}

function sum(outcomes: readonly PollOutcome[], field: 'items' | 'fresh' | 'matched' | 'duplicates'): number {
  return outcomes.reduce((total, outcome) => total + outcome[field], 0);
}
