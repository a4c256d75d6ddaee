/**
 * The scene most fault tests share: a feed server, the Telegram and Discord fakes, a fleet of kabar
 * processes sending to both, N chats per platform subscribed to the shipped `abraham-accords`
 * topic, and feeds that are seeded (their backlog remembered) before the test publishes anything.
 */
import { createBullmqPipeline, type BullmqPipeline } from '../../../src/adapters/queue/pipeline-queues.js';
import { addFeed } from '../../../src/app/feeds/manage-feeds.js';
import type { Subscription } from '../../../src/core/ports.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { rssDocument, startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/fake-telegram.js';
import type { Story } from '../../integration/support.js';
import { chatSubscription, ledger, receivedMessages, until, type Ledger } from './delivery-ledger.js';
import { openFaultFleet, type FaultFleet } from './kabar-processes.js';

/** An API key configured (unused: translation is off) so the secrets grep has one to look for. */
export const FAULT_API_KEY = 'sk-fault-suite-0123456789abcdef';

/** A running scene. */
export interface FaultScene {
  feeds: FeedServer;
  telegram: FakeTelegram;
  discord: FakeDiscord;
  fleet: FaultFleet;
  /** The configured secrets, for `expectNoSecrets`. */
  secrets: string[];
  subscriptions: Subscription[];
  feedUrls: string[];
  /** Queues on the fleet's prefix, for the test to look at (counts, failed jobs). */
  pipeline(): Promise<BullmqPipeline>;
  /** Adds `stories` on top of a feed's document and makes the feed due now. */
  publish(feedIndex: number, stories: readonly Story[]): Promise<void>;
  /** What the chats received, judged against every subscription x `markers`. */
  ledger(markers: readonly string[]): Ledger;
  /** Waits until every subscription got every marker at least once. */
  waitForAll(markers: readonly string[], timeoutMs: number): Promise<void>;
  /** Failed jobs of every queue (`queue/id: reason`). */
  failedJobs(): Promise<string[]>;
  close(): Promise<void>;
}

/** Options of {@link openFaultScene}. */
export interface SceneOptions {
  chatsPerPlatform: number;
  feedCount: number;
  env?: Record<string, string>;
  redisUrl?: string;
  /** Each feed's poll interval (default 1 h: the test decides when a feed is due). */
  feedIntervalMs?: number;
}

/**
 * Starts the fakes and the fleet's environment (no process yet), subscribes the chats and adds the
 * feeds, due at once. Call {@link waitForSeeded} once a worker runs.
 */
export async function openFaultScene(options: SceneOptions): Promise<FaultScene> {
  const [feeds, telegram, discord] = await Promise.all([startFeedServer(), startFakeTelegram(), startFakeDiscord()]);
  const fleet = await openFaultFleet(
    {
      TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_BASE: discord.api,
      OPENAI_API_KEY: FAULT_API_KEY,
      ...options.env,
    },
    options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl },
  );
  const runtime = await fleet.runtime();
  const subscriptions: Subscription[] = [];
  for (let n = 0; n < options.chatsPerPlatform; n++) {
    const chat = telegram.addChat({ id: 810_000 + n, type: 'private', first_name: `Reader ${n}` });
    subscriptions.push(chatSubscription('telegram', String(chat.id)), chatSubscription('discord', String(920_000_000_000 + n)));
  }
  for (const subscription of subscriptions) await runtime.subscriptions.save(subscription);
  const documents = new Map<number, Story[]>();
  const feedUrls: string[] = [];
  for (let n = 0; n < options.feedCount; n++) {
    const path = `/fault-${n}.xml`;
    feeds.setDocument(path, rssDocument({ language: 'en', items: [] }));
    documents.set(n, []);
    feedUrls.push(feeds.url(path));
    await addFeed(feeds.url(path), options.feedIntervalMs ?? 3_600_000, { feeds: runtime.feeds, clock: runtime.clock, random: () => 0 });
  }
  let pipeline: BullmqPipeline | undefined;
  const openPipeline = (): BullmqPipeline => (pipeline ??= createBullmqPipeline(runtime.redis.duplicate(), fleet.prefix));
  const ids = subscriptions.map((subscription) => subscription.id);
  return {
    feeds,
    telegram,
    discord,
    fleet,
    secrets: [FAKE_TELEGRAM_TOKEN, discord.token, FAULT_API_KEY],
    subscriptions,
    feedUrls,
    pipeline: async () => openPipeline(),
    async publish(feedIndex, stories) {
      const items = [...stories, ...(documents.get(feedIndex) ?? [])];
      documents.set(feedIndex, items);
      feeds.setDocument(`/fault-${feedIndex}.xml`, rssDocument({ language: 'en', items }));
      const url = feedUrls[feedIndex] ?? '';
      const record = await runtime.feeds.get(url);
      if (record !== undefined) await runtime.feeds.save({ ...record, nextCheckAt: Date.now() });
    },
    ledger: (markers) => ledger(receivedMessages({ telegram, discord }), ids, markers),
    async waitForAll(markers, timeoutMs) {
      try {
        await until(() => ledger(receivedMessages({ telegram, discord }), ids, markers).lost.length === 0, timeoutMs, 'every chat served');
      } catch (error) {
        const lost = ledger(receivedMessages({ telegram, discord }), ids, markers).lost;
        const queues = openPipeline();
        const failed = (await Promise.all(queues.all.map((queue) => queue.getFailed()))).flat();
        const counts = await Promise.all(queues.all.map(async (queue) => `${queue.name} ${JSON.stringify(await queue.getJobCounts())}`));
        throw new Error(
          `${String(error)}\nstill lost (${lost.length}): ${lost.slice(0, 12).join(', ')}\n` +
            `failed jobs: ${failed.map((job) => `${job.queueName}/${job.id} (${JSON.stringify(job.data).slice(0, 120)}): ${job.failedReason}`).join('; ')}\n` +
            `queues: ${counts.join('; ')}`,
        );
      }
    },
    async failedJobs() {
      const queues = openPipeline();
      const lists = await Promise.all(queues.all.map((queue) => queue.getFailed()));
      return lists.flat().map((job) => `${job.queueName}/${job.id}: ${job.failedReason}`);
    },
    async close() {
      await pipeline?.close().catch(() => undefined);
      await fleet.cleanup();
      await Promise.all([feeds.close(), telegram.close(), discord.close()]);
    },
  };
}

/** Waits until every feed of the scene had its first (seeding) fetch. */
export async function waitForSeeded(scene: FaultScene, timeoutMs = 60_000): Promise<void> {
  const runtime = await scene.fleet.runtime();
  await until(async () => {
    for (const url of scene.feedUrls) if ((await runtime.feeds.get(url))?.seeded !== true) return false;
    return true;
  }, timeoutMs, 'every feed seeded');
}
