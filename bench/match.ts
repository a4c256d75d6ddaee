/**
 * `match`: the compiled matcher against the naive way, in the same run.
 *
 * 10,000 generated articles (title, summary, body; 14 languages) against 10 topics of 100 terms
 * (1,000 in all). The naive baseline normalizes the article with the same tokenizer, then tests one
 * case-insensitive RegExp per term, topic by topic, stopping at a topic's first hit; it is timed on
 * a slice of the articles (it is slow) and both are reported per CPU second, so the ratio does not
 * depend on how busy the machine is. Last, one topic at the maximum number of terms
 * (MAX_TERMS_PER_TOPIC) built to hurt the matcher, against the largest article text a feed item may
 * carry (MAX_TEXT_CHARS): it must stay within MAX_TOPIC_BUDGET_MS (issue 9: nothing a moderator
 * types can slow matching).
 */
import { MAX_TEXT_CHARS } from '../src/core/articles/limits.js';
import { compileMatcher } from '../src/core/matching/compile.js';
import { MAX_TERMS_PER_TOPIC } from '../src/core/matching/limits.js';
import { tokenize } from '../src/core/matching/normalize-text.js';
import type { TopicDefinition } from '../src/core/topics/topic.js';
import { generateArticles, generateTopics, type BenchArticle } from './support/corpus.js';
import { round, type BenchContext } from './support/report.js';

/** The most one maximum-size hostile article may take against a maximum-size topic. */
export const MAX_TOPIC_BUDGET_MS = 50;

/** CPU milliseconds spent in `fn` (user + system), which a busy neighbour does not inflate. */
function cpuMs(fn: () => void): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** One RegExp per term, over the article's normalized words joined by single spaces. */
function naiveMatcher(topics: readonly TopicDefinition[]): (article: BenchArticle) => string[] {
  const compiled = topics.map((topic) => ({
    name: topic.name,
    patterns: topic.include.map((term) => {
      const prefix = term.endsWith('*');
      const words = tokenize(prefix ? term.slice(0, -1) : term).map((token) => token.norm).join(' ');
      const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`(?:^| )${escaped}${prefix ? '' : '(?= |$)'}`, 'iu');
    }),
  }));
  return (article) => {
    const fields = [article.title, article.summary, article.content].map((text) =>
      tokenize(text)
        .map((token) => token.norm)
        .join(' '),
    );
    return compiled.filter((topic) => topic.patterns.some((pattern) => fields.some((field) => pattern.test(field)))).map((topic) => topic.name);
  };
}

/** A topic of MAX_TERMS_PER_TOPIC terms made to be slow: many prefix lengths and long shared phrases. */
function hostileTopic(): TopicDefinition {
  const include = Array.from({ length: MAX_TERMS_PER_TOPIC }, (_, i) =>
    i % 2 === 0 ? `${'k'.repeat(3 + (i % 98))}*` : `kkkk kkkk kkkk kkkk kkkk kkkk kkkk x${i}`,
  );
  return { name: 'hostile', include, exclude: [] };
}

export default async function match(ctx: BenchContext): Promise<void> {
  const articles = generateArticles(ctx.quick ? 500 : 10_000);
  const topics = generateTopics(articles, 1_000, 10);
  const terms = topics.reduce((n, topic) => n + topic.include.length, 0);
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.title) + Buffer.byteLength(a.summary) + Buffer.byteLength(a.content), 0);
  const kabar = compileMatcher(topics);
  const naive = naiveMatcher(topics);
  const baselineSlice = articles.slice(0, ctx.quick ? 50 : 500);

  // Warm-up, so that neither side pays for the JIT in its timing.
  for (const article of articles.slice(0, 200)) kabar.match(article);
  for (const article of baselineSlice.slice(0, 20)) naive(article);

  let kabarHits = 0;
  const kabarMs = cpuMs(() => {
    for (const article of articles) kabarHits += kabar.match(article).length;
  });
  let agree = 0;
  const naiveMs = cpuMs(() => {
    for (const article of baselineSlice) naive(article);
  });
  // Outside the timing: how often the two agree on the topic list (Arabic clitics and
  // possessives are where kabar finds more than a RegExp on words).
  for (const article of baselineSlice) {
    if (kabar.match(article).map((m) => m.topic).join() === naive(article).join()) agree++;
  }
  const baselineBytes = baselineSlice.reduce((n, a) => n + Buffer.byteLength(a.title) + Buffer.byteLength(a.summary) + Buffer.byteLength(a.content), 0);

  const maxTopic = compileMatcher([hostileTopic()]);
  const unit = `${'k'.repeat(100)} kkkk kkkk kkkk kkkk kkkk kkkk kkkk `;
  const hostileArticle = { title: 'k', summary: '', content: unit.repeat(Math.ceil(MAX_TEXT_CHARS / unit.length)).slice(0, MAX_TEXT_CHARS) };
  maxTopic.match(hostileArticle);
  const worstMs = Math.max(...Array.from({ length: 3 }, () => cpuMs(() => maxTopic.match(hostileArticle))));
  const realisticMaxTopic = compileMatcher([{ name: 'big', include: topics.flatMap((t) => t.include).slice(0, MAX_TERMS_PER_TOPIC), exclude: [] }]);
  const maxTopicMs = cpuMs(() => {
    for (const article of articles) realisticMaxTopic.match(article);
  });

  const articlesPerS = articles.length / (kabarMs / 1000);
  const baselinePerS = baselineSlice.length / (naiveMs / 1000);
  ctx.row({
    bench: 'match',
    articles: articles.length,
    terms,
    articles_per_s: round(articlesPerS),
    mb_per_s: round(bytes / 1e6 / (kabarMs / 1000)),
    baseline_articles: baselineSlice.length,
    baseline_articles_per_s: round(baselinePerS),
    baseline_mb_per_s: round(baselineBytes / 1e6 / (naiveMs / 1000)),
    speedup: round(articlesPerS / baselinePerS),
    agreement: round(agree / baselineSlice.length),
    topic_hits: kabarHits,
    max_topic_terms: MAX_TERMS_PER_TOPIC,
    max_topic_articles_per_s: round(articles.length / (maxTopicMs / 1000)),
    max_topic_worst_ms: round(worstMs),
    max_topic_budget_ms: MAX_TOPIC_BUDGET_MS,
    max_topic_within_budget: worstMs <= MAX_TOPIC_BUDGET_MS,
  });
  ctx.note(
    `match: per CPU second on one core; ${Math.round(bytes / articles.length)} bytes per article; the worst case is a ` +
      `${MAX_TEXT_CHARS}-character hostile body against a ${MAX_TERMS_PER_TOPIC}-term topic (slowest of 3)`,
  );
}
