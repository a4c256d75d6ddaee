/**
 * Exactly one post per (article, subscription) when workers restart, jobs are queued again, or
 * two workers share the queues — the real pipeline on real Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import {
  accordsStory,
  addDueFeed,
  articleIdOf,
  consoleSubscription,
  failedJobs,
  makeDue,
  openKabarHarness,
  waitFor,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
} from './support.js';

describe('exactly-once delivery', () => {
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

  it('does not re-post after a restart: not on a re-poll, nor when the brief and delivery jobs run again', async () => {
    const backlog = [accordsStory('before')];
    const fresh = accordsStory('restart');
    server.setDocument('/feed.xml', rssDocument({ language: 'en', items: backlog }));
    const url = server.url('/feed.xml');

    const first = await harness.start();
    await addDueFeed(first.runtime, url);
    await waitForPolls(harness.log, url, 1);
    server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [fresh, ...backlog] }));
    await makeDue(first.runtime, url);
    await waitForPolls(harness.log, url, 2);
    await waitForIdle(first.pipeline);
    expect(first.printed).toHaveLength(1);
    const articleId = await articleIdOf(first.runtime, fresh);
    await first.stop();

    const second = await harness.start();
    // The same items again, in full (the server ignores validators now): all seen already.
    server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [fresh, ...backlog] }), { validators: 'none' });
    await makeDue(second.runtime, url);
    expect(await waitForPolls(harness.log, url, 3)).toMatchObject({ status: 'polled', fresh: 0, queued: 0 });

    // The same brief job again: its id is taken (the finished job is kept), so it does not run.
    const article = await second.runtime.articles.get(articleId);
    if (article === undefined) throw new Error('the polled article is not archived');
    await second.pipeline.port.enqueueBrief({ article, topics: ['abraham-accords'] });
    await second.pipeline.port.enqueueDeliveries([{ articleId, subscriptionId: 'console', language: 'en' }]);
    await waitForIdle(second.pipeline);
    expect(await second.pipeline.brief.getJobCounts('completed')).toEqual({ completed: 1 });
    expect(await second.pipeline.deliver.getJobCounts('completed')).toEqual({ completed: 1 });

    // Once the finished jobs are gone (removeOnComplete), the same jobs do run again: the brief is
    // rebuilt and fans out, and the durable "sent" record stops the delivery.
    await (await second.pipeline.brief.getJob(articleId))?.remove();
    await (await second.pipeline.deliver.getJob(`${articleId}-console`))?.remove();
    await second.pipeline.port.enqueueBrief({ article, topics: ['abraham-accords'] });
    const rerun = await waitFor(async () => {
      const job = await second.pipeline.deliver.getJob(`${articleId}-console`);
      return (await job?.isCompleted()) ? job : undefined;
    });
    expect(rerun.returnvalue).toBe('already-sent');
    await waitForIdle(second.pipeline);
    expect(await failedJobs(second.pipeline)).toEqual([]);
    expect([...first.printed, ...second.printed]).toHaveLength(1);
    expect(second.printed).toEqual([]);
  });

  it('delivers each brief once when two workers run on the same queues', async () => {
    const subscriberIds = ['console', 'sub-1', 'sub-2', 'sub-3', 'sub-4', 'sub-5'];
    const stories = ['one', 'two', 'three', 'four', 'five', 'six'].map((slug) => accordsStory(`pair-${slug}`));
    server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [accordsStory('pair-backlog')] }));
    const url = server.url('/feed.xml');

    const [left, right] = await Promise.all([harness.start(), harness.start()]);
    if (left === undefined || right === undefined) throw new Error('two kabars expected');
    // Each subscription signs its briefs with its id, so the printed text says who it was for.
    for (const id of subscriberIds) {
      await left.runtime.subscriptions.save(
        consoleSubscription(id, 'en', { style: { greeting: { custom: `for-${id}` }, closing: 'off' } }),
      );
    }
    await addDueFeed(left.runtime, url);
    await waitForPolls(harness.log, url, 1);
    server.setDocument('/feed.xml', rssDocument({ language: 'en', items: [...stories, accordsStory('pair-backlog')] }));
    await makeDue(right.runtime, url);
    expect(await waitForPolls(harness.log, url, 2)).toMatchObject({ queued: stories.length });
    await waitForIdle(left.pipeline);
    expect(await failedJobs(left.pipeline)).toEqual([]);

    const printed = [...left.printed, ...right.printed];
    const pairs = printed.map((text) => {
      const [first = ''] = text.split('\n', 1);
      return `${/pair-(\w+)/.exec(first)?.[1] ?? '?'} -> ${/ - for-([\w-]+)$/.exec(first)?.[1] ?? '?'}`;
    });
    const expected = stories.flatMap((story) => subscriberIds.map((id) => `${/pair-(\w+)/.exec(story.title)?.[1] ?? ''} -> ${id}`));
    expect(pairs.sort()).toEqual(expected.sort());
    // Both processes really worked the shared queue (36 jobs, 4 at a time each).
    expect(left.printed.length).toBeGreaterThan(0);
    expect(right.printed.length).toBeGreaterThan(0);
  });
});
