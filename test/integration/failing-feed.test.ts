/**
 * Failing feeds in the running pipeline: a poll job records the failure on the feed and
 * reschedules it (backoff, Retry-After) instead of failing, and the next success clears it. The
 * exact schedule over many failures is in test/app/feeds/poll-feed.test.ts, with a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_BACKOFF_MS } from '../../src/core/feeds/next-check-time.js';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import { accordsStory, addDueFeed, failedJobs, makeDue, openKabarHarness, waitForPolls, type KabarHarness } from './support.js';

describe('a failing feed in the running pipeline', () => {
  let harness: KabarHarness;
  let server: FeedServer;

  beforeEach(async () => {
    harness = await openKabarHarness({ KABAR_FEED_DEADLINE: '1s' });
    server = await startFeedServer();
  });
  afterEach(async () => {
    await harness.cleanup();
    await server.close();
  });

  it('records 500s, timeouts and Retry-After on the feed, backs off, and recovers', async () => {
    const document = rssDocument({ language: 'en', items: [accordsStory('failing')] });
    for (const path of ['/broken.xml', '/slow.xml', '/busy.xml']) server.setDocument(path, document);
    server.fail('/broken.xml', 500);
    server.hang('/slow.xml');
    server.fail('/busy.xml', 503, { 'Retry-After': '7200' });
    const [broken, slow, busy] = ['/broken.xml', '/slow.xml', '/busy.xml'].map((path) => server.url(path));
    if (broken === undefined || slow === undefined || busy === undefined) throw new Error('three feeds expected');

    const kabar = await harness.start();
    const from = Date.now();
    for (const url of [broken, slow, busy]) await addDueFeed(kabar.runtime, url);
    for (const url of [broken, slow, busy]) expect(await waitForPolls(harness.log, url, 1)).toMatchObject({ status: 'failed' });
    const to = Date.now();

    const expectations = [
      { url: broken, code: 'http-status', delay: FIRST_BACKOFF_MS },
      { url: slow, code: 'timeout', delay: FIRST_BACKOFF_MS },
      { url: busy, code: 'http-status', delay: 2 * 3_600_000 },
    ];
    for (const { url, code, delay } of expectations) {
      const record = await kabar.runtime.feeds.get(url);
      expect(record).toMatchObject({ consecutiveFailures: 1, failing: false, seeded: false, lastErrorCode: code });
      expect(record?.nextCheckAt).toBeGreaterThanOrEqual(from + 0.9 * delay);
      expect(record?.nextCheckAt).toBeLessThanOrEqual(to + 1.1 * delay);
    }
    // Not polled again before its time, however many ticks pass.
    expect(server.stats('/broken.xml').requests).toBe(1);
    // A failed fetch is the feed's business, not a failed job.
    expect(await failedJobs(kabar.pipeline)).toEqual([]);

    server.serve('/broken.xml');
    await makeDue(kabar.runtime, broken);
    expect(await waitForPolls(harness.log, broken, 2)).toMatchObject({ status: 'seeded' });
    const recovered = await kabar.runtime.feeds.get(broken);
    expect(recovered).toMatchObject({ consecutiveFailures: 0, failing: false, seeded: true });
    expect(recovered?.lastError).toBeUndefined();
  });
});
