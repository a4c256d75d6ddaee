/**
 * Three worker processes on one Redis (issue 9): every feed is fetched once per due time (counted
 * at the feed server), every brief is built once (the processes' own /metrics, summed), and every
 * delivery is made once (counted at the fake chats).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markedStory, until } from './support/delivery-ledger.js';
import { openFaultScene, waitForSeeded, type FaultScene } from './support/fault-scene.js';
import { findFreePort } from '../../src/adapters/redis/embedded-redis.js';
import type { KabarProcess } from './support/kabar-processes.js';
import { expectNoSecrets, scrapeMetrics } from './support/no-secrets.js';

const WORKERS = 3;
const ROUNDS = 6;

describe('three workers on one Redis', { timeout: 300_000 }, () => {
  let scene: FaultScene;

  beforeEach(async () => {
    scene = await openFaultScene({ chatsPerPlatform: 3, feedCount: 4 });
  });
  afterEach(async () => {
    await scene.close();
  });

  it('polls each feed once per due time, builds each brief once and makes each delivery once', async () => {
    const ports: number[] = [];
    const workers: KabarProcess[] = [];
    for (let n = 1; n <= WORKERS; n++) {
      const port = await findFreePort();
      ports.push(port);
      workers.push(scene.fleet.spawn(`worker-${n}`, { env: { KABAR_HTTP_PORT: String(port) } }));
    }
    await Promise.all(workers.map((worker) => worker.waitForLog('kabar is running', 90_000)));
    await waitForSeeded(scene);
    const runtime = await scene.fleet.runtime();

    // Each round makes every feed due once (with a new article each), and waits until each feed's
    // poll has finished before the next round, so no two due times fold into one.
    const markers: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const dueAt = Date.now();
      for (let feed = 0; feed < scene.feedUrls.length; feed++) {
        const story = markedStory(`w${round}-${feed}`);
        markers.push(story.marker);
        await scene.publish(feed, [story]);
      }
      await until(async () => {
        const records = await Promise.all(scene.feedUrls.map((url) => runtime.feeds.get(url)));
        return records.every((record) => (record?.lastCheckAt ?? 0) >= dueAt);
      }, 60_000, `round ${round} polled`);
    }
    await scene.waitForAll(markers, 120_000);
    // Time for a second poll, brief or delivery to show, were any queued twice.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const requests = scene.feedUrls.map((url) => scene.feeds.stats(new URL(url).pathname).requests);
    const metrics = await Promise.all(ports.map((port) => scrapeMetrics(port)));
    const briefsBuilt = sum(metrics, /^kabar_briefs_built_total (\d+)/m);
    const deliveriesSent = sum(metrics, /^kabar_deliveries_total\{platform="(?:telegram|discord)",result="sent"\} (\d+)/gm);
    const verdict = scene.ledger(markers);
    const pollsByWorker = metrics.map((text) => sum([text], /^kabar_feed_polls_total\{result="(?:polled|seeded|not-modified)"\} (\d+)/gm));
    console.log(
      `three workers: ${scene.feedUrls.length} feeds x ${ROUNDS + 1} due times, fetches per feed ${JSON.stringify(requests)}, ` +
        `polls by worker ${JSON.stringify(pollsByWorker)}, ${markers.length} articles, briefs built ${briefsBuilt}, ` +
        `${verdict.expected} deliveries expected, sent ${deliveriesSent}, lost ${verdict.lost.length}, doubled ${verdict.doubled.length}`,
    );
    // The seeding fetch, then one per round.
    expect(requests).toEqual(scene.feedUrls.map(() => ROUNDS + 1));
    expect(briefsBuilt).toBe(markers.length);
    expect(deliveriesSent).toBe(verdict.expected);
    expect(verdict.lost).toEqual([]);
    expect(verdict.doubled).toEqual([]);
    expect(await scene.failedJobs()).toEqual([]);
    // The work was shared, not done by one process while the others idled.
    expect(pollsByWorker.filter((polls) => polls > 0).length).toBeGreaterThan(1);
    expectNoSecrets(scene.secrets, { ...scene.fleet.captured(), ...Object.fromEntries(metrics.map((text, n) => [`worker-${n + 1} /metrics`, text])) });
  });
});

/** The sum of every number the pattern's first group captures, over all texts. */
function sum(texts: readonly string[], pattern: RegExp): number {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return texts.reduce((total, text) => total + [...text.matchAll(global)].reduce((acc, match) => acc + Number(match[1]), 0), 0);
}
