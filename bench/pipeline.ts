/**
 * Speed and memory of the pipeline, for humans: `node bin/run-ts.js bench/pipeline.ts`.
 *
 * 0. Parsing alone: 40 RSS 2.0 and 40 Atom (XHTML title and content) documents of 25 items.
 * 1. In process, no I/O: parse -> normalize -> match -> condense -> render -> split, per article.
 * 2. End to end on a throwaway redis-server with the real queues and workers: 40 loopback feeds of
 *    25 items each (titles from the labelled set, so some match), seeded in round 1, then 20 new
 *    items per feed in round 2. Reports the time from the second poll to the last delivery, and
 *    the process's peak RSS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFeedDocument } from '../src/adapters/feeds/index.js';
import { addFeed } from '../src/app/feeds/manage-feeds.js';
import { silentLogger } from '../src/adapters/log/create-logger.js';
import { normalizeFeed } from '../src/core/articles/normalize-feed.js';
import { condense } from '../src/core/briefs/condense.js';
import { renderBriefText } from '../src/core/briefs/render-brief-text.js';
import { splitForLimit } from '../src/core/briefs/split-for-limit.js';
import { compileMatcher } from '../src/core/matching/compile.js';
import { defaultTopics } from '../src/core/topics/default-topics.js';
import { loadConfig } from '../src/config.js';
import { openRuntime, startKabar } from '../src/main.js';
import { loadLabelled } from '../test/core/topics/labelled-set.js';

const labelled = loadLabelled('topics-labelled.jsonl');
const FEEDS = 40;
const ITEMS_PER_FEED = 25;
const SEEDED_ITEMS = 5;

function paragraphText(seed: number): string {
  const item = labelled[seed % labelled.length];
  return Array.from({ length: 8 }, (_, i) => `<p>${item?.summary ?? ''} Paragraph ${i + 1} of story ${seed}, with Mr. Smith of the U.S. saying “we agree,” officials said.</p>`).join('\n');
}

/** An RSS document of `count` items of feed `feed`, newest first. */
function rss(feed: number, count: number, now: number): string {
  const items: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const seed = feed * ITEMS_PER_FEED + i;
    const item = labelled[seed % labelled.length];
    items.push(`<item><guid>https://bench.example/${feed}/${i}</guid><title>${escapeXml(`${item?.title ?? 'Story'} (${feed}-${i})`)}</title>
<link>https://bench.example/${feed}/${i}?utm_source=rss</link><pubDate>${new Date(now - (count - i) * 60_000).toUTCString()}</pubDate>
<description>${escapeXml(item?.summary ?? '')}</description><content:encoded><![CDATA[${paragraphText(seed)}]]></content:encoded></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench ${feed}</title><link>https://bench.example/</link><language>en</language>${items.join('\n')}</channel></rss>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An Atom document of `count` entries whose titles and content are `type="xhtml"` mixed content. */
function atomXhtml(feed: number, count: number, now: number): string {
  const entries: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const seed = feed * ITEMS_PER_FEED + i;
    const item = labelled[seed % labelled.length];
    const xhtml = '<div xmlns="http://www.w3.org/1999/xhtml">';
    entries.push(`<entry><id>https://bench.example/${feed}/${i}</id><link href="/${feed}/${i}"/><updated>${new Date(now - (count - i) * 60_000).toISOString()}</updated>
<title type="xhtml">${xhtml}Breaking: <b>${escapeXml(item?.title ?? 'Story')}</b> (${feed}-${i})</div></title>
<content type="xhtml">${xhtml}${paragraphText(seed).replace(/Mr\. Smith/g, '<em>Mr. Smith</em>')}</div></content></entry>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://bench.example/"><title>Bench ${feed}</title>${entries.join('\n')}</feed>`;
}

/** Parsing alone (bytes to `ParsedFeed`), RSS 2.0 and XHTML Atom, a few rounds each: the cost of reading feeds. */
async function parseOnly(): Promise<void> {
  const now = Date.now();
  const kinds = [
    ['RSS 2.0', Array.from({ length: FEEDS }, (_, feed) => Buffer.from(rss(feed, ITEMS_PER_FEED, now)))],
    ['Atom xhtml', Array.from({ length: FEEDS }, (_, feed) => Buffer.from(atomXhtml(feed, ITEMS_PER_FEED, now)))],
  ] as const;
  const ROUNDS = 5;
  for (const [label, documents] of kinds) {
    for (const document of documents) await parseFeedDocument(document); // warm-up
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let round = 0; round < ROUNDS; round++) {
      for (const document of documents) await parseFeedDocument(document);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const parsed = ROUNDS * documents.length;
    // CPU time too: on a shared machine wall time mostly measures the neighbours.
    console.log(
      `parse only, ${label}: ${((seconds * 1000) / parsed).toFixed(2)} ms (${((cpu.user + cpu.system) / 1000 / parsed).toFixed(2)} ms CPU) ` +
        `per ${ITEMS_PER_FEED}-item document = ${Math.round((parsed * ITEMS_PER_FEED) / seconds)} items/s`,
    );
  }
}

async function inProcess(): Promise<void> {
  const now = Date.now();
  const documents = Array.from({ length: FEEDS }, (_, feed) => Buffer.from(rss(feed, ITEMS_PER_FEED, now)));
  const matcher = compileMatcher(defaultTopics());
  const started = performance.now();
  let articles = 0;
  let matched = 0;
  let chunks = 0;
  for (const document of documents) {
    const feed = await parseFeedDocument(document, 'application/rss+xml');
    for (const article of normalizeFeed(feed, 'https://bench.example/feed')) {
      articles++;
      if (matcher.match(article).length > 0) matched++;
      const { title, paragraphs } = condense(article);
      const text = renderBriefText({ articleId: article.id, topics: [], language: 'en', title, paragraphs, url: article.link });
      chunks += splitForLimit(text, 2000).length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `in process: ${articles} articles (${matched} matched, ${chunks} message chunks) parsed, matched, condensed, rendered and split ` +
      `in ${seconds.toFixed(2)} s = ${Math.round(articles / seconds)} articles/s`,
  );
}

async function endToEnd(): Promise<void> {
  let round = 1;
  const server: Server = createServer((request, response) => {
    const feed = Number(/\/feed-(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? -1);
    if (feed < 0 || feed >= FEEDS) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    response.end(rss(feed, round === 1 ? SEEDED_ITEMS : ITEMS_PER_FEED, Date.now()));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  const config = loadConfig({ KABAR_ALLOW_PRIVATE_FEEDS: 'true', KABAR_SCHEDULER_TICK: '1s', KABAR_LOG_LEVEL: 'error' });
  const runtime = await openRuntime(config, { log: silentLogger, throwawayRedis: true });
  let delivered = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  for (let feed = 0; feed < FEEDS; feed++) {
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
  round = 2;
  const pollsBefore = polls;
  const started = performance.now();
  await makeDue();
  await waitUntil(() => polls - pollsBefore >= FEEDS);
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
  console.log(
    `end to end: ${FEEDS} feeds x ${ITEMS_PER_FEED - SEEDED_ITEMS} new items polled, briefed and delivered (${delivered} briefs) ` +
      `in ${seconds.toFixed(2)} s (deliveries are paced at 25/s); peak RSS ${Math.round(peakRss / 1024 / 1024)} MiB`,
  );
  await running.stop(5_000);
  await new Promise<void>((closed) => server.close(() => closed()));
}

await parseOnly();
await inProcess();
await endToEnd();
