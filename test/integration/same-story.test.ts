/**
 * One story carried by two feeds is briefed once, whether the feeds share its canonical URL or
 * only a near-identical headline — through the running pipeline on real Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import {
  accordsStory,
  addDueFeed,
  failedJobs,
  makeDue,
  openKabarHarness,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
} from './support.js';

describe('one story in two feeds', () => {
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

  it('is briefed once when the feeds share its canonical URL or a near-identical title', async () => {
    const kabar = await harness.start();
    const [wire, paper] = ['/wire.xml', '/paper.xml'];
    const old = accordsStory('old');
    server.setDocument(wire, rssDocument({ language: 'en', items: [old] }));
    server.setDocument(paper, rssDocument({ language: 'en', items: [{ ...old, guid: 'tag:paper.example,2025:old' }] }));
    for (const path of [wire, paper]) await addDueFeed(kabar.runtime, server.url(path));
    for (const path of [wire, paper]) expect(await waitForPolls(harness.log, server.url(path), 1)).toMatchObject({ status: 'seeded' });

    // Story A: different guids, the same article link (one copy carries tracking parameters).
    const byUrl = accordsStory('shared-link', { link: 'https://news.example/world/shared-link?id=7' });
    const byUrlCopy = {
      ...byUrl,
      guid: 'tag:paper.example,2025:a-17',
      title: 'Astana signs up to the Abraham Accords, in a surprise for Washington',
      link: 'https://news.example/world/shared-link?utm_source=paper&id=7#comments',
    };
    // Story B: different guids and links, the headline differs only by outlet suffix, case and punctuation.
    const byTitle = accordsStory('title-1', { title: 'Morocco and Israel sign a new trade pact under the Abraham Accords - Wire' });
    const byTitleCopy = {
      ...accordsStory('title-2'),
      guid: 'tag:paper.example,2025:b-3',
      title: 'MOROCCO AND ISRAEL SIGN A NEW TRADE PACT, UNDER THE ABRAHAM ACCORDS | The Paper',
      link: 'https://paper.example/2025/morocco-israel-trade',
    };
    // Story C: only in one feed, to show the second feed's own news still gets through.
    const own = { ...accordsStory('paper-only'), guid: 'tag:paper.example,2025:c-1' };
    server.setDocument(wire, rssDocument({ language: 'en', items: [byUrl, byTitle, old] }));
    server.setDocument(paper, rssDocument({ language: 'en', items: [byUrlCopy, byTitleCopy, own] }));
    await makeDue(kabar.runtime, server.url(wire));
    await makeDue(kabar.runtime, server.url(paper));

    const outcomes = [
      await waitForPolls(harness.log, server.url(wire), 2),
      await waitForPolls(harness.log, server.url(paper), 2),
    ];
    await waitForIdle(kabar.pipeline);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);

    // Whichever feed was first, each shared story was queued once and recognised once as a duplicate.
    const total = (field: string): number => outcomes.reduce((sum, outcome) => sum + Number(outcome[field]), 0);
    expect(total('matched')).toBe(5);
    expect(total('duplicates')).toBe(2);
    expect(total('queued')).toBe(3);
    expect(kabar.printed).toHaveLength(3);
    const headlines = kabar.printed.map((text) => text.split('\n', 1)[0] ?? '');
    expect(headlines.filter((line) => /shared-link|Astana signs up/.test(line))).toHaveLength(1);
    expect(headlines.filter((line) => /trade pact/i.test(line))).toHaveLength(1);
    expect(headlines.filter((line) => line.includes('paper-only'))).toHaveLength(1);
  });
});
