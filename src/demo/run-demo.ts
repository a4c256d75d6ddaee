/**
 * `kabar demo`: the whole bot, offline. Sample feeds are served from 127.0.0.1; the real fetcher,
 * queues, workers, matcher, condenser and console sender do the rest on a throwaway
 * redis-server. Exits 0 with a one-line summary once the briefs are printed.
 *
 * It runs in two rounds, because a new feed's first fetch only remembers what is there: round 1
 * seeds the feeds, round 2 publishes new stories, which become briefs.
 */
import type { PollOutcome } from '../app/feeds/poll-feed.js';
import { addFeed } from '../app/feeds/manage-feeds.js';
import { createLogger } from '../adapters/log/create-logger.js';
import type { FeedStore } from '../core/ports.js';
import { loadConfigWith } from '../config.js';
import { openRuntime, startKabar, type RunningKabar } from '../main.js';
import { startSampleFeedServer } from './sample-feed-server.js';

/** The demo gives up (exit 1) when the pipeline has not finished by then. */
const DEMO_DEADLINE_MS = 90_000;

/** Runs the demo; resolves when done, with the process exit code set. */
export async function demoCommand(print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  const config = loadConfigWith({ KABAR_ALLOW_PRIVATE_FEEDS: 'true', KABAR_SCHEDULER_TICK: '1s' });
  const log = createLogger({ level: 'warn', format: config.KABAR_LOG_FORMAT });
  const startedAt = Date.now();
  const progress = (line: string): void => print(`[demo ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}`);

  const server = await startSampleFeedServer();
  const runtime = await openRuntime(config, { log, throwawayRedis: true });
  progress(`Redis: ${runtime.redisSource}; sample feeds on ${new URL(server.urls[0] ?? 'http://127.0.0.1').host}`);
  const outcomes: PollOutcome[] = [];
  let briefsPrinted = 0;
  let running: RunningKabar | undefined;
  const deadline = setTimeout(() => {
    progress('the pipeline did not finish in time; giving up');
    process.exit(1);
  }, DEMO_DEADLINE_MS);
  deadline.unref();

  try {
    for (const url of server.urls) {
      await addFeed(url, 60_000, { feeds: runtime.feeds, clock: runtime.clock, random: Math.random });
    }
    await makeDue(runtime.feeds);
    running = await startKabar(runtime, {
      role: 'all',
      seedFeeds: false,
      onPolled: (outcome) => outcomes.push(outcome),
      writeBrief: (text) => {
        briefsPrinted++;
        print(text);
      },
    });

    progress(`round 1: polling ${server.urls.length} feeds for the first time`);
    await waitUntil(async () => (await runtime.feeds.list()).every((feed) => feed.seeded));
    const seeded = outcomes.filter((outcome) => outcome.status === 'seeded');
    progress(
      `round 1: ${seeded.length} feeds seeded, their ${sum(seeded, 'items')} existing items remembered and not posted (a new feed's backlog is history)`,
    );

    server.nextRound();
    const roundTwo = outcomes.length;
    progress('round 2: the feeds publish new stories; polling again');
    await makeDue(runtime.feeds);
    await waitUntil(async () => outcomes.length - roundTwo >= server.urls.length);
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
      `done: ${server.urls.length} feeds, ${sum(polled, 'fresh')} new articles, ${sum(polled, 'matched')} matched a topic, ` +
        `${sum(polled, 'duplicates')} duplicate ${sum(polled, 'duplicates') === 1 ? 'story' : 'stories'} merged, ${briefsPrinted} briefs printed`,
    );
  } finally {
    clearTimeout(deadline);
    await (running ? running.stop(5_000) : runtime.close());
    await server.close();
  }
}

async function makeDue(feeds: FeedStore): Promise<void> {
  const now = Date.now();
  for (const feed of await feeds.list()) await feeds.save({ ...feed, nextCheckAt: now });
}

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolveLater) => setTimeout(resolveLater, 200));
}

function sum(outcomes: readonly PollOutcome[], field: 'items' | 'fresh' | 'matched' | 'duplicates'): number {
  return outcomes.reduce((total, outcome) => total + outcome[field], 0);
}
