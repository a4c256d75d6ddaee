/**
 * Redis restarted mid-run, append-only file on (issue 9): a `--role all` process (the Telegram and
 * Discord gateways plus workers) and a `--role worker` process reconnect by themselves; no queued
 * job, topic edit, subscription or sent record is lost, and nothing is posted twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscriptionIdFor } from '../../src/core/chat/subscription-id.js';
import { ledger, markedStory, receivedMessages, until } from './support/delivery-ledger.js';
import { openFaultScene, waitForSeeded, type FaultScene } from './support/fault-scene.js';
import { startOwnRedis, type OwnRedis } from './support/own-redis.js';
import { expectNoSecrets } from './support/no-secrets.js';

describe('Redis restarted mid-run', { timeout: 300_000 }, () => {
  let redis: OwnRedis;
  let scene: FaultScene;

  beforeEach(async () => {
    redis = await startOwnRedis();
    scene = await openFaultScene({ chatsPerPlatform: 2, feedCount: 2, redisUrl: redis.url });
  });
  afterEach(async () => {
    await scene.close();
    await redis.destroy();
  });

  it('reconnects workers and bot, and loses no job, topic edit, subscription or sent record', async () => {
    const all = scene.fleet.spawn('all', { args: ['start', '--role', 'all'] });
    const worker = scene.fleet.spawn('worker');
    await Promise.all([all, worker].map((one) => one.waitForLog('kabar is running', 90_000)));
    await waitForSeeded(scene);
    const runtime = await scene.fleet.runtime();
    const { telegram } = scene;

    // Before the restart: a chat subscribes and edits its topic through the bot.
    const reader = { id: 830_001, is_bot: false, first_name: 'Ada' };
    telegram.privateChat(reader);
    telegram.pushMessage({ chat: reader.id, from: reader, text: '/subscribe abraham-accords' });
    const early = subscriptionIdFor({ platform: 'telegram', chatId: String(reader.id) });
    await until(async () => (await runtime.subscriptions.get(early)) !== undefined, 60_000, 'subscribed through the bot');
    telegram.pushMessage({ chat: reader.id, from: reader, text: '/keywords add abraham-accords Zorblaxia' });
    await until(async () => JSON.stringify(await runtime.topics.list()).includes('Zorblaxia'), 60_000, 'topic edited through the bot');

    const before = [markedStory('r-before-1'), markedStory('r-before-2')];
    await scene.publish(0, before);
    const everyone = [...scene.subscriptions.map((subscription) => subscription.id), early];
    await until(() => ledger(receivedMessages(scene), everyone, before.map((story) => story.marker)).lost.length === 0, 90_000, 'delivered before the restart');

    // Work in flight when Redis goes away: two articles published, the restart a moment later.
    const inFlight = [markedStory('r-during-1'), markedStory('r-during-2')];
    await scene.publish(1, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const downAt = Date.now();
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await redis.start();
    const downMs = Date.now() - downAt;
    await Promise.all([all, worker].map((one) => one.waitForLog('reconnected to Redis', 60_000)));

    // After: the bot still answers (a new chat subscribes), and new articles flow.
    const late = { id: 830_002, is_bot: false, first_name: 'Grace' };
    telegram.privateChat(late);
    telegram.pushMessage({ chat: late.id, from: late, text: '/subscribe abraham-accords' });
    const lateId = subscriptionIdFor({ platform: 'telegram', chatId: String(late.id) });
    await until(async () => (await runtime.subscriptions.get(lateId)) !== undefined, 60_000, 'subscribed through the bot after the restart');
    const after = [markedStory('r-after-1')];
    await scene.publish(0, after);

    const earlier = [...before, ...inFlight, ...after].map((story) => story.marker);
    await until(() => {
      const received = receivedMessages(scene);
      return ledger(received, everyone, earlier).lost.length === 0 && ledger(received, [lateId], after.map((story) => story.marker)).lost.length === 0;
    }, 150_000, () => `all delivered after the restart; lost ${ledger(receivedMessages(scene), everyone, earlier).lost.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const received = receivedMessages(scene);
    const verdict = ledger(received, everyone, earlier);
    const lateVerdict = ledger(received, [lateId], after.map((story) => story.marker));
    // Everything kabar stored survived: the subscriptions, the chat's topic edit, every sent record.
    for (const id of [...everyone, lateId]) expect(await runtime.subscriptions.get(id), id).toBeDefined();
    expect(JSON.stringify(await runtime.topics.list())).toContain('Zorblaxia');
    const articles = await runtime.articles.recent(100);
    let sentRecords = 0;
    for (const story of [...before, ...inFlight, ...after]) {
      const article = articles.find((one) => one.title === story.title);
      expect(article, story.marker).toBeDefined();
      for (const id of everyone) if (await runtime.deliveries.wasSent(article?.id ?? '', id)) sentRecords++;
    }
    console.log(
      `redis restart: down ${(downMs / 1000).toFixed(1)} s (appendonly yes), 2 processes (role all + worker) reconnected, ` +
        `${earlier.length} articles, ${everyone.length + 1} subscriptions, ${verdict.expected + lateVerdict.expected} deliveries expected, ` +
        `lost ${verdict.lost.length + lateVerdict.lost.length}, doubled ${verdict.doubled.length + lateVerdict.doubled.length}, sent records ${sentRecords}/${verdict.expected}`,
    );
    expect(verdict.lost).toEqual([]);
    expect(verdict.doubled).toEqual([]);
    expect(lateVerdict.lost).toEqual([]);
    expect(lateVerdict.doubled).toEqual([]);
    expect(sentRecords).toBe(verdict.expected);
    expect(await scene.failedJobs()).toEqual([]);
    expect(all.alive() && worker.alive()).toBe(true);
    expectNoSecrets(scene.secrets, scene.fleet.captured());
  });
});
