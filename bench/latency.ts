/**
 * `latency`: from an item appearing in a loopback feed to its delivery at a fake Telegram chat,
 * with a 60 s poll interval, on the real scheduler, queues and pacer.
 *
 * Waiting for many real minutes does not fit the bench, so the feeds start in their steady state:
 * already seeded, with their next checks spread at random over one interval, as if kabar had been
 * running for a while. Items are then published to random feeds at random moments over
 * `PUBLISH_MS`, and each is timed until its brief reaches the chat. Two kabars run side by side on
 * their own feeds and chats: one with a 30 s scheduler tick (the old default), one with the 5 s default, since a
 * feed is polled at the first tick after it is due. The sample is small (tens of items per row);
 * BENCHMARKS.md says so next to the figures.
 */
import { addFeed } from '../src/app/feeds/manage-feeds.js';
import { configuredChatPlatforms } from '../src/composition/configured-chat-platforms.js';
import { DEFAULT_BRIEF_STYLE } from '../src/core/briefs/brief.js';
import { subscriptionIdFor } from '../src/core/chat/subscription-id.js';
import type { RunningKabar } from '../src/main.js';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram, type FakeTelegram } from '../test/fakes/telegram/fake-telegram.js';
import { accordsStory } from '../test/integration/stories.js';
import { waitFor } from '../test/support/wait-for.js';
import { benchConfig, startBenchKabar } from './support/bench-kabar.js';
import { startFeedFarm, type FeedFarm } from './support/feed-farm.js';
import { quantile, round, type BenchContext } from './support/report.js';

const INTERVAL_MS = 60_000;

interface Lane {
  tick: string;
  chatId: number;
  /** The farm feeds this lane's kabar polls. */
  feeds: number[];
  kabar: RunningKabar;
  /** Story slug -> when it was published (epoch ms). */
  published: Map<string, number>;
}

async function startLane(
  ctx: BenchContext,
  farm: FeedFarm,
  telegram: FakeTelegram,
  tick: string,
  chatId: number,
  feeds: number[],
  firstCheckAfterMs: number,
  phaseMs: number,
): Promise<Lane> {
  const config = await benchConfig(ctx, { KABAR_SCHEDULER_TICK: tick, TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.url, KABAR_DEFAULT_LANGUAGE: 'en' });
  const kabar = await startBenchKabar(config, { chat: configuredChatPlatforms(config) });
  const { runtime } = kabar;
  telegram.addChat({ id: chatId, type: 'private', first_name: `Reader ${chatId}` });
  await runtime.subscriptions.save({
    id: subscriptionIdFor({ platform: 'telegram', chatId: String(chatId) }),
    platform: 'telegram',
    chatId: String(chatId),
    topics: ['abraham-accords'],
    language: 'en',
    style: DEFAULT_BRIEF_STYLE,
    onTranslationFailure: 'deliver-with-note',
    createdAt: 0,
  });
  const now = Date.now();
  for (const feed of feeds) {
    const url = farm.url(feed);
    await addFeed(url, INTERVAL_MS, { feeds: runtime.feeds, clock: runtime.clock, random: () => 0 });
    const record = await runtime.feeds.get(url);
    if (record === undefined) throw new Error(`latency: feed ${feed} was not added`);
    await runtime.feeds.save({ ...record, seeded: true, validators: farm.validators(feed), nextCheckAt: now + firstCheckAfterMs + Math.random() * phaseMs });
  }
  return { tick, chatId, feeds, kabar, published: new Map() };
}

export default async function latency(ctx: BenchContext): Promise<void> {
  const feedsPerLane = ctx.quick ? 4 : 60;
  const itemsPerLane = ctx.quick ? 2 : 30;
  // --quick: items go out at once and every feed is first checked 2 to 5 s later, so the smoke run
  // takes seconds, and no item can land just after its feed's check and wait a whole interval.
  const publishMs = ctx.quick ? 0 : 75_000;
  const phaseMs = ctx.quick ? 3_000 : INTERVAL_MS;
  const firstCheckAfterMs = ctx.quick ? 2_000 : 0;
  const farm = await startFeedFarm(2 * feedsPerLane);
  const telegram = await startFakeTelegram();
  const lanes: Lane[] = [];
  try {
    const ticks = ctx.quick ? ['5s'] : ['30s', '5s'];
    for (const [i, tick] of ticks.entries()) {
      const feeds = Array.from({ length: feedsPerLane }, (_, n) => i * feedsPerLane + n);
      lanes.push(await startLane(ctx, farm, telegram, tick, 800_000 + i, feeds, firstCheckAfterMs, phaseMs));
    }
    // When each feed answered 200 (a new document), to split each latency into the wait for the
    // poll and the time from the poll to the chat.
    const fetchedAt = new Map<number, number[]>();
    farm.onRequest = (request) => {
      if (request.status === 200) fetchedAt.set(request.feed, [...(fetchedAt.get(request.feed) ?? []), request.at]);
    };
    const feedOf = new Map<string, number>();
    const started = Date.now();
    const timers: NodeJS.Timeout[] = [];
    for (const lane of lanes) {
      for (let n = 0; n < itemsPerLane; n++) {
        const slug = `latency-${lane.tick}-${n}`;
        const feed = lane.feeds[Math.floor(Math.random() * lane.feeds.length)] ?? 0;
        feedOf.set(slug, feed);
        timers.push(setTimeout(() => lane.published.set(slug, farm.publish(feed, accordsStory(slug))), Math.random() * publishMs));
      }
    }
    const deliveredAt = (lane: Lane): Map<string, number> => {
      const found = new Map<string, number>();
      for (const message of telegram.sent(lane.chatId)) {
        const slug = /news\.example\/world\/(latency-[\w-]+)/.exec(message.text)?.[1];
        if (slug !== undefined && !found.has(slug)) found.set(slug, message.at);
      }
      return found;
    };
    // Every item is due within an interval and a tick of its publication, plus delivery.
    const deadline = publishMs + phaseMs * 1.1 + 30_000 + 20_000;
    await waitFor(() => lanes.every((lane) => deliveredAt(lane).size >= itemsPerLane), deadline, 'every item delivered', 500).catch(() => undefined);
    timers.forEach(clearTimeout);
    for (const lane of lanes) {
      const delivered = deliveredAt(lane);
      const latencies = [...lane.published].map(([slug, at]) => ((delivered.get(slug) ?? Date.now()) - at) / 1000);
      const polledAt = (slug: string, at: number): number => (fetchedAt.get(feedOf.get(slug) ?? -1) ?? []).find((time) => time >= at) ?? Date.now();
      const pollWaits = [...lane.published].map(([slug, at]) => (polledAt(slug, at) - at) / 1000);
      const afterPoll = [...lane.published].map(([slug, at]) => ((delivered.get(slug) ?? Date.now()) - polledAt(slug, at)) / 1000);
      ctx.row({
        bench: 'latency',
        tick_s: Number.parseInt(lane.tick, 10),
        interval_s: INTERVAL_MS / 1000,
        feeds: lane.feeds.length,
        items: lane.published.size,
        delivered: [...lane.published.keys()].filter((slug) => delivered.has(slug)).length,
        p50_s: round(quantile(latencies, 0.5)),
        p95_s: round(quantile(latencies, 0.95)),
        max_s: round(Math.max(...latencies)),
        poll_wait_p95_s: round(quantile(pollWaits, 0.95)),
        poll_to_chat_p50_s: round(quantile(afterPoll, 0.5)),
        poll_to_chat_p95_s: round(quantile(afterPoll, 0.95)),
        target_p95_s: INTERVAL_MS / 1000 + 5,
      });
    }
    ctx.note(`latency: ${((Date.now() - started) / 1000).toFixed(0)} s of publishing and waiting; an undelivered item counts with its wait so far`);
  } finally {
    await Promise.allSettled(lanes.map((lane) => lane.kabar.stop(10_000)));
    await telegram.close();
    await farm.close();
  }
}
