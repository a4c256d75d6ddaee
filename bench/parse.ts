/**
 * `parse`: feed parsing alone (bytes to `ParsedFeed`), per document of 25 items, for RSS 2.0 and
 * XHTML Atom (issue 13 compares parsers on these figures); then the in-process pipeline with no
 * I/O: parse -> normalize -> match -> condense -> render -> split, per article.
 */
import { parseFeedDocument } from '../src/adapters/feeds/index.js';
import { normalizeFeed } from '../src/core/articles/normalize-feed.js';
import { condense } from '../src/core/briefs/condense.js';
import { renderBriefText } from '../src/core/briefs/render-brief-text.js';
import { splitForLimit } from '../src/core/briefs/split-for-limit.js';
import { compileMatcher } from '../src/core/matching/compile.js';
import { defaultTopics } from '../src/core/topics/default-topics.js';
import { atomXhtml, FEEDS, ITEMS_PER_FEED, rss } from './support/bench-feeds.js';
import { round, type BenchContext } from './support/report.js';

async function parseOnly(ctx: BenchContext): Promise<void> {
  const now = Date.now();
  const kinds = [
    ['rss2', Array.from({ length: FEEDS }, (_, feed) => Buffer.from(rss(feed, ITEMS_PER_FEED, now)))],
    ['atom-xhtml', Array.from({ length: FEEDS }, (_, feed) => Buffer.from(atomXhtml(feed, ITEMS_PER_FEED, now)))],
  ] as const;
  const rounds = ctx.quick ? 1 : 5;
  for (const [format, documents] of kinds) {
    for (const document of documents) await parseFeedDocument(document); // warm-up
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let round = 0; round < rounds; round++) {
      for (const document of documents) await parseFeedDocument(document);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const parsed = rounds * documents.length;
    // CPU time too: on a shared machine wall time mostly measures the neighbours.
    ctx.row({
      bench: 'parse',
      format,
      documents: parsed,
      items_per_document: ITEMS_PER_FEED,
      kb_per_document: round(documents.reduce((n, d) => n + d.length, 0) / documents.length / 1024),
      ms_per_document: round((seconds * 1000) / parsed),
      cpu_ms_per_document: round((cpu.user + cpu.system) / 1000 / parsed),
      items_per_s: round((parsed * ITEMS_PER_FEED) / seconds),
    });
  }
}

async function inProcess(ctx: BenchContext): Promise<void> {
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
  ctx.row({ bench: 'parse', stage: 'parse+match+condense+render+split', articles, matched, message_chunks: chunks, articles_per_s: round(articles / seconds) });
}

export default async function parse(ctx: BenchContext): Promise<void> {
  await parseOnly(ctx);
  await inProcess(ctx);
}
