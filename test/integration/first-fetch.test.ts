/**
 * The real pipeline (scheduler tick -> poll -> brief -> deliver, BullMQ on real Redis) against a
 * loopback feed server: a new feed's backlog is not posted, a later item is posted once in the
 * reference shape, and polls are conditional GETs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIEF_LOCALES } from '../../src/core/briefs/locales.js';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import {
  accordsStory,
  addDueFeed,
  failedJobs,
  makeDue,
  openKabarHarness,
  unrelatedStory,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
} from './support.js';

const HOUR = 3_600_000;

describe('a new feed through the running pipeline', () => {
  let harness: KabarHarness;
  let server: FeedServer;

  beforeEach(async () => {
    harness = await openKabarHarness();
    server = await startFeedServer();
  });
  afterEach(async () => {
    await harness.cleanup();
    await server.close();
  });

  it('seeds the backlog without posting, then posts a later item once, in the reference shape', async () => {
    const backlog = [accordsStory('backlog-1'), accordsStory('backlog-2'), unrelatedStory('backlog-3')];
    server.setDocument('/world.xml', rssDocument({ language: 'en', items: backlog }));
    const url = server.url('/world.xml');
    const kabar = await harness.start();
    await addDueFeed(kabar.runtime, url);

    const seeding = await waitForPolls(harness.log, url, 1);
    expect(seeding).toMatchObject({ status: 'seeded', items: 3 });
    await waitForIdle(kabar.pipeline);
    expect(kabar.printed).toEqual([]);
    expect(await kabar.runtime.feeds.get(url)).toMatchObject({ seeded: true, consecutiveFailures: 0 });

    // A long link (longer than the reference's, which was cut mid-domain) with a tracking
    // parameter, which is dropped, and a content parameter, which is kept.
    const canonical =
      'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-to-join-abraham-accords-in-boost-for-trumps-middle-east-peace-push/' +
      '?outputType=amp&section=world-news-and-analysis-from-the-gulf-region-and-beyond-2025-edition';
    const fresh = accordsStory('fresh', {
      title: "Kazakhstan to join Abraham Accords in boost for Trump's Middle East peace push",
      link: `${canonical}&utm_source=rss&utm_medium=feed`,
    });
    server.setDocument('/world.xml', rssDocument({ language: 'en', items: [fresh, ...backlog] }));
    await makeDue(kabar.runtime, url);

    expect(await waitForPolls(harness.log, url, 2)).toMatchObject({ status: 'polled', items: 4, fresh: 1, matched: 1, queued: 1 });
    await waitForIdle(kabar.pipeline);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);
    expect(kabar.printed).toHaveLength(1);

    const lines = (kabar.printed[0] ?? '').split('\n');
    const { greeting, closing } = BRIEF_LOCALES.en;
    expect(lines[0]).toBe(`${fresh.title} - ${greeting}`);
    expect(lines[1]).toBe(`${greeting} - ${fresh.paragraphs[0]}`);
    expect(lines.slice(2, -2)).toEqual(fresh.paragraphs.slice(1));
    expect(lines.at(-2)).toBe(closing);
    expect(lines.at(-1)).toBe(canonical);
    expect(canonical.length).toBeGreaterThan(200);

    // Polled again, unchanged: a 304 this time, and nothing new.
    await makeDue(kabar.runtime, url);
    expect(await waitForPolls(harness.log, url, 3)).toMatchObject({ status: 'not-modified' });
    // A server that ignores the validators sends the same items again: they are seen, not re-posted.
    server.setDocument('/world.xml', rssDocument({ language: 'en', items: [fresh, ...backlog] }), { validators: 'none' });
    await makeDue(kabar.runtime, url);
    expect(await waitForPolls(harness.log, url, 4)).toMatchObject({ status: 'polled', items: 4, fresh: 0, queued: 0 });
    await waitForIdle(kabar.pipeline);
    expect(kabar.printed).toHaveLength(1);
  });

  it('re-polls with If-None-Match / If-Modified-Since, takes the 304, posts nothing and reschedules the feed', async () => {
    const items = [accordsStory('cond-1')];
    // One feed per validator the server offers; one honours a long Cache-Control on its 304.
    server.setDocument('/both.xml', rssDocument({ language: 'en', items }), { validators: 'both' });
    server.setDocument('/etag.xml', rssDocument({ language: 'en', items }), { validators: 'etag' });
    server.setDocument('/dated.xml', rssDocument({ language: 'en', items }), {
      validators: 'last-modified',
      headers: { 'Cache-Control': 'max-age=3600' },
    });
    const paths = ['/both.xml', '/etag.xml', '/dated.xml'];
    const kabar = await harness.start();
    for (const path of paths) await addDueFeed(kabar.runtime, server.url(path), 5 * 60_000);
    for (const path of paths) await waitForPolls(harness.log, server.url(path), 1);

    const before = await Promise.all(paths.map((path) => kabar.runtime.feeds.get(server.url(path))));
    const repolledFrom = Date.now();
    for (const path of paths) await makeDue(kabar.runtime, server.url(path));
    for (const path of paths) expect(await waitForPolls(harness.log, server.url(path), 2)).toMatchObject({ status: 'not-modified' });
    const repolledTo = Date.now();
    await waitForIdle(kabar.pipeline);
    expect(kabar.printed).toEqual([]);

    const [both, etag, dated] = paths.map((path) => server.requests(path)[1]?.headers);
    expect(both?.['if-none-match']).toMatch(/^"[\w-]+"$/);
    expect(both?.['if-modified-since']).toMatch(/GMT$/);
    expect(etag?.['if-none-match']).toMatch(/^"[\w-]+"$/);
    expect(etag?.['if-modified-since']).toBeUndefined();
    expect(dated?.['if-none-match']).toBeUndefined();
    expect(dated?.['if-modified-since']).toMatch(/GMT$/);
    for (const path of paths) expect(server.stats(path)).toEqual({ requests: 2, notModified: 1, failed: 0 });

    for (const [index, path] of paths.entries()) {
      const after = await kabar.runtime.feeds.get(server.url(path));
      expect(after?.validators).toEqual(before[index]?.validators);
      expect(after?.lastCheckAt).toBeGreaterThanOrEqual(repolledFrom);
      // The next check follows the interval (5 min), or the server's max-age when longer; ±10% jitter.
      const delay = path === '/dated.xml' ? HOUR : 5 * 60_000;
      expect(after?.nextCheckAt).toBeGreaterThanOrEqual(repolledFrom + 0.9 * delay);
      expect(after?.nextCheckAt).toBeLessThanOrEqual(repolledTo + 1.1 * delay);
      // The scheduler's to-do list agrees with the record.
      const score = await kabar.runtime.redis.zscore(`${kabar.runtime.keyPrefix}feeds:due`, server.url(path));
      expect(Number(score)).toBe(after?.nextCheckAt);
    }
  });
});
