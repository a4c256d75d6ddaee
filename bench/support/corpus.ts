/**
 * Seeded, realistic bench input: multilingual news articles built from the labelled headlines and
 * summaries in test/fixtures (14 languages), and topic terms drawn from the same words, so that
 * some terms hit and most do not, as with real topics.
 */
import { tokenize } from '../../src/core/matching/normalize-text.js';
import { parseTerm } from '../../src/core/matching/parse-term.js';
import type { TopicDefinition } from '../../src/core/topics/topic.js';
import { loadLabelled, type LabelledItem } from '../../test/core/topics/labelled-set.js';
import { seededRandom } from '../../test/support/seeded-random.js';

/** One generated article. */
export interface BenchArticle {
  title: string;
  summary: string;
  content: string;
  language: string;
}

const SOURCES = [
  'topics-labelled.jsonl',
  'topics-holdout.jsonl',
  'topics-context-labelled.jsonl',
  'topics-context-holdout.jsonl',
  'topics-context-holdout-b.jsonl',
];

/** Every labelled item, grouped by language. */
export function labelledByLanguage(): Map<string, LabelledItem[]> {
  const byLanguage = new Map<string, LabelledItem[]>();
  for (const item of SOURCES.flatMap((file) => loadLabelled(file))) {
    byLanguage.set(item.lang, [...(byLanguage.get(item.lang) ?? []), item]);
  }
  return byLanguage;
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * `count` articles: the language is drawn in proportion to the labelled set (mostly English, then
 * Russian, Indonesian, Uzbek, Kazakh…), the title and summary are one labelled item's, and the
 * body is 6 to 14 paragraphs of summaries of other items in that language (about 2 to 5 KB).
 */
export function generateArticles(count: number, seed = 1): BenchArticle[] {
  const random = seededRandom(seed);
  const byLanguage = labelledByLanguage();
  const all = [...byLanguage.values()].flat();
  const articles: BenchArticle[] = [];
  for (let n = 0; n < count; n++) {
    const lead = pick(all, random);
    const sameLanguage = byLanguage.get(lead.lang) ?? [lead];
    const paragraphs = Array.from({ length: 6 + Math.floor(random() * 9) }, () => {
      const other = pick(sameLanguage, random);
      return random() < 0.5 ? other.summary : `${other.title}. ${other.summary}`;
    });
    articles.push({ title: lead.title, summary: lead.summary, content: paragraphs.join('\n\n'), language: lead.lang });
  }
  return articles;
}

/** What a generated term is, so the naive baseline can turn it into the equivalent RegExp. */
export type TermShape = 'word' | 'phrase' | 'prefix';

/**
 * `total` terms over `topics` topics (include only): single words (half), two- or three-word
 * phrases taken from consecutive words of the articles (three in ten), and prefixes `word*` of 4
 * to 6 letters (two in ten), drawn from the articles' words, so they hit now and then (the 300 most
 * frequent words are never used); and, for most (85 %), made-up names that never hit, since a
 * real topic's terms are specific and most articles belong to no topic.
 */
export function generateTopics(articles: readonly BenchArticle[], total: number, topics: number, seed = 2): TopicDefinition[] {
  const random = seededRandom(seed);
  // Words of a sample of the articles, in order, so that phrases are real consecutive words.
  const runs = articles.slice(0, 500).map((article) => tokenize(`${article.title}\n${article.summary}`).map((token) => token.norm));
  // The 300 most frequent words ("said", "the", "и") are left out: no topic is made of them.
  const frequency = new Map<string, number>();
  for (const run of runs) for (const word of run) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const common = new Set([...frequency.entries()].sort((a, b) => b[1] - a[1]).slice(0, 300).map(([word]) => word));
  const seen = new Set<string>();
  const definitions: TopicDefinition[] = Array.from({ length: topics }, (_, i) => ({ name: `bench-${i}`, include: [], exclude: [] }));
  let made = 0;
  while (made < total) {
    const run = pick(runs, random);
    const at = Math.floor(random() * run.length);
    const word = run[at] ?? '';
    const shape = random();
    let term: string;
    if (random() < 0.85) term = madeUpName(random);
    else if (shape < 0.5) term = word;
    else if (shape < 0.8) term = run.slice(at, at + 2 + Math.floor(random() * 2)).join(' ');
    else term = `${word.slice(0, 4 + Math.floor(random() * 3))}*`;
    // Short words and digits are stopword-like noise; a real moderator would not type them.
    if (!/^\p{L}{4,}/u.test(term) || common.has(word) || seen.has(term) || !isValidTerm(term)) continue;
    seen.add(term);
    definitions[made % topics]?.include.push(term);
    made++;
  }
  return definitions;
}

/** Whether kabar accepts `term` (e.g. an Arabic prefix whose article `ال` leaves too few letters is refused). */
function isValidTerm(term: string): boolean {
  try {
    parseTerm(term);
    return true;
  } catch {
    return false;
  }
}

const SYLLABLES = ['ka', 'zan', 'tor', 'mi', 'rel', 'os', 'dun', 'be', 'shi', 'vo', 'lek', 'ar', 'qu', 'nim', 'ta', 'gor'];

/** A pronounceable made-up name ("zantorbe"), or two of them as a phrase. */
function madeUpName(random: () => number): string {
  const name = (): string => Array.from({ length: 3 + Math.floor(random() * 2) }, () => pick(SYLLABLES, random)).join('');
  return random() < 0.7 ? name() : `${name()} ${name()}`;
}
