/**
 * Quality of the shipped topics and the matcher's worst cases, for humans: `npm run bench -- --only topics`.
 *
 * Prints precision/recall of the shipped topics on the dev set, on the items written for kabar
 * (ids n…), on the whole labelled set, and on the held-out set (ids h…, written from the label
 * policy without looking at the rules), and on the context set (ids c…) with its two held-out
 * parts (ids x… and y…, written before the context rules); then compile time, throughput, and
 * worst-case timings.
 */
import { compileMatcher } from '../src/core/matching/compile.js';
import type { TopicMatcher } from '../src/core/matching/topic-matcher.js';
import { defaultTopics } from '../src/core/topics/default-topics.js';
import type { TopicDefinition } from '../src/core/topics/topic.js';
import { formatScores, loadLabelled, score } from '../test/core/topics/labelled-set.js';
import type { BenchContext } from './support/report.js';

const TOPICS = ['abraham-accords', 'central-asia'];

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

/** `count` synthetic terms in topics of 500, mixing phrases, prefixes and co-occurrences. */
function extraTopics(count: number): TopicDefinition[] {
  const topics: TopicDefinition[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(i / 500);
    const t = (topics[n] ??= { name: `extra-${n}`, include: [], exclude: [] });
    const word = `w${i.toString(36)}`;
    const kind = i % 4;
    if (kind === 0) t.include.push(`${word}alpha beta${i} gamma`);
    else if (kind === 1) t.include.push(`${word}pre*`);
    else if (kind === 2) t.include.push(`${word} + (one${i}|two${i}|three${i})`);
    else t.exclude.push(`${word}x delta`);
  }
  return topics;
}

function throughput(matcher: TopicMatcher, articles: readonly { title: string; summary: string }[], repeat: number): number {
  const [, ms] = time(() => {
    for (let r = 0; r < repeat; r++) for (const a of articles) matcher.match(a);
  });
  return (articles.length * repeat) / (ms / 1000);
}

export default async function topicQuality(ctx: BenchContext): Promise<void> {
  const items = loadLabelled('topics-labelled.jsonl');
  const [defaults, compileMs] = time(() => compileMatcher(defaultTopics()));

  ctx.note('Precision / recall of the shipped topics');
  ctx.note(formatScores('dev', score(defaults, items.filter((i) => i.id.startsWith('d')), TOPICS)));
  ctx.note(formatScores('new', score(defaults, items.filter((i) => i.id.startsWith('n')), TOPICS)));
  ctx.note(formatScores('all', score(defaults, items, TOPICS)));
  ctx.note(formatScores('holdout', score(defaults, loadLabelled('topics-holdout.jsonl'), TOPICS)));
  ctx.note(formatScores('context', score(defaults, loadLabelled('topics-context-labelled.jsonl'), TOPICS)));
  ctx.note(formatScores('ctx-hA', score(defaults, loadLabelled('topics-context-holdout.jsonl'), TOPICS)));
  ctx.note(formatScores('ctx-hB', score(defaults, loadLabelled('topics-context-holdout-b.jsonl'), TOPICS)));

  const termCount = defaultTopics().reduce((n, t) => n + t.include.length + t.exclude.length, 0);
  const extra = extraTopics(2000);
  const [big, bigCompileMs] = time(() => compileMatcher([...defaultTopics(), ...extra]));
  ctx.note('\nCompile');
  ctx.note(`${`defaults (${termCount} terms)`.padEnd(33)}${compileMs.toFixed(1)} ms`);
  ctx.note(`defaults + 2,000 extra terms     ${bigCompileMs.toFixed(1)} ms`);

  const articles = items.map((i) => ({ title: i.title, summary: i.summary }));
  // Warm up the JIT (and each matcher's word cache) so the first measurement is not penalised.
  throughput(defaults, articles, 20);
  throughput(big, articles, 20);
  ctx.note('\nThroughput (labelled set, title + summary, repeated 50x)');
  ctx.note(`defaults                         ${Math.round(throughput(defaults, articles, 50)).toLocaleString('en')} articles/s`);
  ctx.note(`defaults + 2,000 extra terms     ${Math.round(throughput(big, articles, 50)).toLocaleString('en')} articles/s`);

  const MB = 1_000_000;
  const nearMissWords = 'Abrahams Accordion Kazan Astan Uzbe Tajine Osher Negevite Emiratis-free Israelite Turkmenoid ';
  const worst = { title: 'Kazakhstan', summary: '', content: nearMissWords.repeat(Math.ceil(MB / nearMissWords.length)).slice(0, MB) };
  const hit = { title: '', summary: '', content: 'Kazakhstan Abraham Accords UAE Israel '.repeat(MB / 38) };
  ctx.note('\nWorst-case inputs (1 MB content)');
  ctx.note(`near-miss words, defaults         ${time(() => defaults.match(worst))[1].toFixed(0)} ms`);
  ctx.note(`near-miss words, + 2,000 terms    ${time(() => big.match(worst))[1].toFixed(0)} ms`);
  ctx.note(`every word a hit, defaults        ${time(() => defaults.match(hit))[1].toFixed(0)} ms`);
  const prefixBomb = compileMatcher([
    {
      name: 'prefix-bomb',
      include: Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? `${'k'.repeat(3 + (i % 98))}*` : `kkkk kkkk kkkk kkkk kkkk kkkk kkkk x${i}`)),
      exclude: [],
    },
  ]);
  const kWords = { title: '', content: `${'k'.repeat(100)} `.repeat(Math.ceil(MB / 101)).slice(0, MB) };
  const kShort = { title: '', content: 'kkkk '.repeat(MB / 5) };
  ctx.note(`500 prefixes k{3..100}*, 1 MB of 100-letter words   ${time(() => prefixBomb.match(kWords))[1].toFixed(0)} ms`);
  ctx.note(`same matcher, 1 MB of "kkkk " (deep phrase walks)    ${time(() => prefixBomb.match(kShort))[1].toFixed(0)} ms`);
}
