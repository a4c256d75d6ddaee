/**
 * The labelled articles used to measure the shipped topics, and the precision/recall arithmetic
 * shared by the tests and `bench/matching.ts`.
 */
import { readFileSync } from 'node:fs';
import type { TopicMatcher } from '../../../src/core/matching/topic-matcher.js';

/** One line of `test/fixtures/topics-*.jsonl`. */
export interface LabelledItem {
  id: string;
  lang: string;
  title: string;
  summary: string;
  /** The topics the item belongs to, by what it is about (see topics-dev.README.md). */
  topics: string[];
  note: string;
}

/** Precision and recall of one topic over a set of items, with the ids it got wrong. */
export interface TopicScore {
  topic: string;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
}

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** Reads a JSONL fixture from `test/fixtures/`. */
export function loadLabelled(file: string): LabelledItem[] {
  return readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as LabelledItem);
}

/** Runs `matcher` over `items` and scores each of `topics`. An empty denominator scores 1. */
export function score(matcher: TopicMatcher, items: readonly LabelledItem[], topics: readonly string[]): TopicScore[] {
  const predicted = items.map((item) => new Set(matcher.match({ title: item.title, summary: item.summary }).map((m) => m.topic)));
  return topics.map((topic) => {
    let truePositives = 0;
    const falsePositives: string[] = [];
    const falseNegatives: string[] = [];
    items.forEach((item, i) => {
      const gold = item.topics.includes(topic);
      const got = predicted[i]?.has(topic) ?? false;
      if (gold && got) truePositives++;
      else if (got) falsePositives.push(item.id);
      else if (gold) falseNegatives.push(item.id);
    });
    const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);
    return {
      topic,
      precision: ratio(truePositives, truePositives + falsePositives.length),
      recall: ratio(truePositives, truePositives + falseNegatives.length),
      truePositives,
      falsePositives,
      falseNegatives,
    };
  });
}

/** One line per topic: `central-asia  P 0.980  R 0.960  (FP: d012; FN: n031)`. */
export function formatScores(label: string, scores: readonly TopicScore[]): string {
  return scores
    .map((s) => {
      const misses = [
        s.falsePositives.length > 0 ? `FP: ${s.falsePositives.join(' ')}` : '',
        s.falseNegatives.length > 0 ? `FN: ${s.falseNegatives.join(' ')}` : '',
      ].filter(Boolean);
      return `${label.padEnd(8)} ${s.topic.padEnd(16)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}${misses.length > 0 ? `  (${misses.join('; ')})` : ''}`;
    })
    .join('\n');
}
