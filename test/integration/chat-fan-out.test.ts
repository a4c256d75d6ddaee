/**
 * Fan-out at scale: one brief to 500 Telegram chats and 500 Discord channels, delivered by two
 * worker processes sharing one Redis, through loopback fakes that enforce the platforms' limits
 * with 429s. Each chat gets its brief exactly once, no 429 comes back, and translation runs once
 * per language. The rates reached are printed (the closing note and BENCHMARKS.md quote them);
 * `npm run bench` measures them properly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configuredChatPlatforms } from '../../src/composition/configured-chat-platforms.js';
import { rssDocument } from '../fakes/feed-server.js';
import { fanOutSubscriptions, sendRate, startFanOutScene, type FanOutScene } from './fan-out-setup.js';
import { accordsStory, addDueFeed, failedJobs, openKabarHarness, waitFor, waitForIdle, waitForPolls, type KabarHarness } from './support.js';

const CHATS_PER_PLATFORM = 500;

describe('fan-out to 1,000 chats', { timeout: 180_000 }, () => {
  let scene: FanOutScene;
  let harness: KabarHarness;

  beforeEach(async () => {
    scene = await startFanOutScene();
    harness = await openKabarHarness(scene.env);
  });
  afterEach(async () => {
    await harness.cleanup();
    await scene.close();
  });

  it('delivers each chat its brief once, within the limits, translating once per language', async () => {
    const chat = configuredChatPlatforms(harness.config());
    const { telegram, discord, feeds, libre } = scene;
    const first = await harness.start({}, { role: 'worker', chat });
    await harness.start({}, { role: 'worker', chat });

    const subscriptions = fanOutSubscriptions(telegram, CHATS_PER_PLATFORM);
    await Promise.all(subscriptions.map((subscription) => first.runtime.subscriptions.save(subscription)));

    const url = feeds.url('/fan-out.xml');
    feeds.setDocument('/fan-out.xml', rssDocument({ items: [] }));
    await addDueFeed(first.runtime, url);
    await waitForPolls(harness.log, url, 1, 20_000);
    const translationsBefore = libre.requests.length;
    const story = accordsStory('fan-out');
    feeds.setDocument('/fan-out.xml', rssDocument({ items: [story] }));
    const feed = await first.runtime.feeds.get(url);
    await first.runtime.feeds.save({ ...feed!, nextCheckAt: Date.now() });

    await waitFor(() => telegram.sent().length >= CHATS_PER_PLATFORM && discord.allMessages().length >= CHATS_PER_PLATFORM, 150_000, 'every chat served', 200);
    await waitForIdle(first.pipeline, 30_000);
    expect(await failedJobs(first.pipeline)).toEqual([]);

    // Exactly once per chat, nothing lost, nothing doubled.
    const telegramChats = telegram.sent().map((message) => message.chatId);
    const discordChannels = discord.allMessages().map((message) => message.channel_id);
    expect(new Set(telegramChats).size).toBe(CHATS_PER_PLATFORM);
    expect(telegramChats).toHaveLength(CHATS_PER_PLATFORM);
    expect(new Set(discordChannels).size).toBe(CHATS_PER_PLATFORM);
    expect(discordChannels).toHaveLength(CHATS_PER_PLATFORM);
    expect(telegram.stats().rateLimited).toBe(0);
    expect(discord.rateLimited()).toEqual({ channel: 0, global: 0, scripted: 0 });
    // id and es are translated (en is the article's own language), once each for 1,000 chats.
    expect(libre.requests.length - translationsBefore).toBe(2);
    for (const message of telegram.sent().slice(0, 30)) expect(message.text).toContain(story.link);

    const telegramRate = sendRate(telegram.sent().map((message) => message.at));
    const discordRate = sendRate(discord.allMessages().map((message) => message.at));
    console.log(
      `fan-out: telegram ${telegramRate.toFixed(1)} msg/s (${(telegramRate / 30).toFixed(2)} of 30/s), ` +
        `discord ${discordRate.toFixed(1)} msg/s (${(discordRate / 50).toFixed(2)} of 50/s), 0 429s, 2 translation calls for 1,000 chats`,
    );
    // Never above the limits; how close to them is npm run bench's question.
    expect(telegramRate).toBeLessThanOrEqual(30);
    expect(discordRate).toBeLessThanOrEqual(50);
  });
});
