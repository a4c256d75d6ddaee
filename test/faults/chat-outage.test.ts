/**
 * Telegram and Discord down for a long stretch (issue 9): answering 5xx, then not answering at all
 * (kabar's sends time out), while new articles keep coming. Deliveries wait, and once the
 * platforms are back every chat gets every brief exactly once.
 *
 * The order they arrive in is measured and printed, not asserted: kabar does not keep a chat's
 * briefs in publication order (concurrent delivery jobs, and per-chat pacing that delays a job
 * and lets another of the same chat go first, can swap neighbours). See the README, "Reliability".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_FAILURES } from '../fakes/discord/fake-discord.js';
import { markedStory, receivedMessages, until } from './support/delivery-ledger.js';
import { openFaultScene, waitForSeeded, type FaultScene } from './support/fault-scene.js';
import { expectNoSecrets } from './support/no-secrets.js';

/** 5xx for the first part of the outage, timeouts for the rest. */
const FIVE_XX_MS = 40_000;
const HANG_MS = 35_000;
const DURING = 6;

describe('chat platforms down for minutes', { timeout: 330_000 }, () => {
  let scene: FaultScene;

  beforeEach(async () => {
    scene = await openFaultScene({ chatsPerPlatform: 2, feedCount: 1 });
  });
  afterEach(async () => {
    await scene.close();
  });

  it('holds the deliveries through a 5xx and timeout outage and sends each once when it ends', async () => {
    const worker = scene.fleet.spawn('worker');
    await worker.waitForLog('kabar is running', 90_000);
    await waitForSeeded(scene);
    const runtime = await scene.fleet.runtime();
    const markers: string[] = [];
    const publishOne = async (tag: string): Promise<void> => {
      const story = markedStory(tag);
      markers.push(story.marker);
      const dueAt = Date.now();
      await scene.publish(0, [story]);
      await until(async () => ((await runtime.feeds.get(scene.feedUrls[0] ?? ''))?.lastCheckAt ?? 0) >= dueAt, 60_000, `${tag} polled`);
    };

    await publishOne('before');
    await scene.waitForAll(markers, 60_000);

    const outageStart = Date.now();
    scene.telegram.outage('server-error');
    scene.discord.outage(DISCORD_FAILURES.badGateway);
    // New articles keep coming during the outage, one poll each, a few seconds apart.
    for (let n = 1; n <= DURING; n++) {
      await publishOne(`during-${n}`);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    const fiveXxLeft = FIVE_XX_MS - (Date.now() - outageStart);
    if (fiveXxLeft > 0) await new Promise((resolve) => setTimeout(resolve, fiveXxLeft));
    scene.telegram.outage('hang');
    scene.discord.outage({ kind: 'hang' });
    await new Promise((resolve) => setTimeout(resolve, HANG_MS));
    const outageMs = Date.now() - outageStart;
    const failedCalls = { telegram: scene.telegram.outageCalls(), discord: scene.discord.outageAnswers() };
    // Nothing went out while the platforms were down.
    expect(scene.ledger(markers.slice(1)).lost).toHaveLength(scene.subscriptions.length * DURING);
    scene.telegram.outage(undefined);
    scene.discord.outage(undefined);
    const backAt = Date.now();

    await scene.waitForAll(markers, 150_000);
    const caughtUpMs = Date.now() - backAt;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const verdict = scene.ledger(markers);
    // Pairs of briefs a chat got in the opposite order to their publication.
    const inversions = scene.subscriptions.map((subscription) => {
      const order = receivedMessages({ telegram: scene.telegram, discord: scene.discord })
        .filter((message) => message.subscriptionId === subscription.id)
        .flatMap((message) => message.markers)
        .map((marker) => markers.indexOf(marker));
      let swapped = 0;
      for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) if ((order[i] ?? 0) > (order[j] ?? 0)) swapped++;
      return swapped;
    });
    console.log(
      `chat outage: ${(outageMs / 1000).toFixed(0)} s down (${FIVE_XX_MS / 1000} s of 5xx, then ${HANG_MS / 1000} s of no answer), ` +
        `failed sends during it telegram ${failedCalls.telegram} discord ${failedCalls.discord}, ${markers.length} articles, ` +
        `${scene.subscriptions.length} subscriptions, caught up ${(caughtUpMs / 1000).toFixed(0)} s after, lost ${verdict.lost.length}, ` +
        `doubled ${verdict.doubled.length}, pairs out of publication order per chat ${JSON.stringify(inversions)}`,
    );
    expect(failedCalls.telegram).toBeGreaterThan(0);
    expect(failedCalls.discord).toBeGreaterThan(0);
    expect(verdict.lost).toEqual([]);
    expect(verdict.doubled).toEqual([]);
    expect(await scene.failedJobs()).toEqual([]);
    expectNoSecrets(scene.secrets, scene.fleet.captured());
  });
});
