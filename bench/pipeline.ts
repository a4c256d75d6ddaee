/**
 * `pipeline`: end to end on the bench's redis-server with the real queues and workers: 40 loopback
 * feeds of 25 items each (titles from the labelled set, so some match), seeded in round 1, then 20
 * new items per feed in round 2. Reports the time from the second poll to the last delivery (to
 * the console sender), and the process's peak RSS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addFeed } from '../src/app/feeds/manage-feeds.js';
import { silentLogger } from '../src/adapters/log/create-logger.js';
import { openRuntime, startKabar } from '../src/main.js';
import { FEEDS, ITEMS_PER_FEED, rss, SEEDED_ITEMS } from './support/bench-feeds.js';
import { benchConfig } from './support/bench-kabar.js';
import { round, type BenchContext } from './support/report.js';

export default async function pipeline(ctx: BenchContext): Promise<void> {
  const feeds = ctx.quick ? 4 : FEEDS;
  let phase = 1;
  const server: Server = createServer((request, response) => {
    const feed = Number(/\/feed-(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? -1);
    if (feed < 0 || feed >= feeds) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    response.end(rss(feed, phase === 1 ? SEEDED_ITEMS : ITEMS_PER_FEED, Date.now()));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  // Per-host politeness lifted (every feed is on 127.0.0.1): the figure is the pipeline's speed.
  const config = await benchConfig(ctx, { KABAR_SCHEDULER_TICK: '1s' });
  const runtime = await openRuntime(config, { log: silentLogger, throwawayRedis: true });
  let delivered = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  for (let feed = 0; feed < feeds; feed++) {
    await addFeed(`http://127.0.0.1:${port}/feed-${feed}.xml`, 60_000, { feeds: runtime.feeds, clock: runtime.clock, random: Math.random });
  }
  const makeDue = async (): Promise<void> => {
    for (const feed of await runtime.feeds.list()) await runtime.feeds.save({ ...feed, nextCheckAt: Date.now() });
  };
  await makeDue();
  let polls = 0;
  const running = await startKabar(runtime, {
    role: 'all',
    seedFeeds: false,
    onPolled: () => polls++,
    writeBrief: () => delivered++,
  });
  const waitUntil = async (condition: () => Promise<boolean> | boolean): Promise<void> => {
    while (!(await condition())) await new Promise((later) => setTimeout(later, 50));
  };
  await waitUntil(async () => (await runtime.feeds.list()).every((feed) => feed.seeded));
  phase = 2;
  const pollsBefore = polls;
  const started = performance.now();
  await makeDue();
  await waitUntil(() => polls - pollsBefore >= feeds);
  await waitUntil(async () => {
    const counts = await Promise.all([
      running.pipeline.poll.getJobCounts('waiting', 'active'),
      running.pipeline.brief.getJobCounts('waiting', 'active', 'delayed'),
      running.pipeline.deliver.getJobCounts('waiting', 'active', 'delayed'),
    ]);
    return counts.every((count) => Object.values(count).every((n) => n === 0));
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  ctx.row({
    bench: 'pipeline',
    feeds,
    new_items: feeds * (ITEMS_PER_FEED - SEEDED_ITEMS),
    briefs_delivered: delivered,
    seconds: round(seconds),
    peak_rss_mb: Math.round(peakRss / 1024 / 1024),
  });
  await running.stop(5_000);
  await new Promise<void>((closed) => server.close(() => closed()));
}
