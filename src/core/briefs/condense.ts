/**
 * Extractive, lead-biased condensing of an article into the body of a brief.
 */
import type { Article } from '../article.js';
import { KabarError } from '../errors.js';
import { isStopword } from '../text/stopwords.js';
import { isBoilerplate } from './boilerplate.js';
import { splitSentences } from './split-sentences.js';

/** Options for {@link condense}. */
export interface CondenseOptions {
  /** Most characters in the body: the paragraphs joined with `\n`. Default 1800. */
  budgetChars?: number;
}

/** What {@link condense} returns: the title and the kept paragraphs, in the article's order. */
export interface CondensedArticle {
  title: string;
  paragraphs: string[];
}

/** The body budget {@link condense} uses when none is given: about a phone screen and a half. */
export const DEFAULT_BUDGET_CHARS = 1800;

// News puts the essentials first: the opening sentences of the first paragraph are taken before
// any scoring.
const LEAD_SENTENCES = 2;
// Sentences this short are usually fragments ("Photo: X", "Updated.") and score lower.
const SHORT_SENTENCE_CHARS = 30;

interface Sentence {
  paragraph: number;
  order: number;
  text: string;
  firstInParagraph: boolean;
}

/**
 * Condenses an article to at most `budgetChars` characters of body (paragraphs joined with `\n`).
 *
 * Extractive and faithful: every sentence in the result is verbatim from the article, and the
 * article's order is kept. Lead-biased: the opening sentences go in first, then the others that
 * score best (words shared with the title, earlier position, opening a paragraph), as long as
 * they fit. Boilerplate ("Read more", "Subscribe", bylines, photo credits, "The post … appeared
 * first on …") and repeats of the title are dropped. The content is used, or the summary when the
 * content is empty or all boilerplate.
 *
 * Only when even the first sentence is longer than the whole budget is a sentence cut: at a word
 * boundary, marked with `…`, so that a brief is never empty.
 *
 * @example
 * ```ts
 * const { title, paragraphs } = condense(article, { budgetChars: 1200 });
 * ```
 */
export function condense(article: Article, options: CondenseOptions = {}): CondensedArticle {
  const budget = options.budgetChars ?? DEFAULT_BUDGET_CHARS;
  if (!Number.isFinite(budget) || budget < 1) {
    throw new KabarError('permanent', `condense: budgetChars must be a positive number, got ${budget}`, {
      code: 'invalid-argument',
    });
  }
  const title = article.title.trim();
  let sentences = sentencesOf(article.content, title, article.language);
  if (sentences.length === 0) sentences = sentencesOf(article.summary, title, article.language);
  return { title, paragraphs: select(sentences, title, budget, article.language) };
}

/** The article's sentences, boilerplate, title repeats and duplicates left out. */
function sentencesOf(text: string, title: string, language: string | undefined): Sentence[] {
  const titleKey = comparable(title);
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  const paragraphs = text.split(/\n\s*\n|\n/).map((paragraph) => paragraph.trim());
  paragraphs.forEach((paragraph, index) => {
    if (isBoilerplate(paragraph) || (titleKey !== '' && comparable(paragraph) === titleKey)) return;
    let first = true;
    for (const sentence of splitSentences(paragraph, language)) {
      const key = comparable(sentence);
      if (isBoilerplate(sentence) || seen.has(key)) continue;
      seen.add(key);
      sentences.push({ paragraph: index, order: sentences.length, text: sentence, firstInParagraph: first });
      first = false;
    }
  });
  return sentences;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function select(sentences: readonly Sentence[], title: string, budget: number, language?: string): string[] {
  const chosen = new Set<Sentence>();
  let used = 0;
  const take = (sentence: Sentence): void => {
    // Each sentence after the first costs one separator: a space, or the newline between paragraphs.
    const cost = sentence.text.length + (chosen.size === 0 ? 0 : 1);
    if (used + cost > budget) return;
    chosen.add(sentence);
    used += cost;
  };

  const leadParagraph = sentences[0]?.paragraph;
  const lead = sentences.slice(0, LEAD_SENTENCES).filter((sentence) => sentence.paragraph === leadParagraph);
  lead.forEach(take);
  const titleWords = contentWords(title, language);
  const ranked = sentences
    .slice(lead.length)
    .map((sentence) => ({ sentence, score: score(sentence, titleWords, language) }))
    .sort((a, b) => b.score - a.score || a.sentence.order - b.sentence.order);
  for (const { sentence } of ranked) take(sentence);

  const first = sentences[0];
  if (chosen.size === 0 && first !== undefined) return [cutToWords(first.text, budget)];
  return paragraphsOf(sentences.filter((sentence) => chosen.has(sentence)));
}

function score(sentence: Sentence, titleWords: ReadonlySet<string>, language?: string): number {
  const words = contentWords(sentence.text, language);
  let shared = 0;
  for (const word of titleWords) if (words.has(word)) shared++;
  const overlap = titleWords.size === 0 ? 0 : shared / titleWords.size;
  const position = 1 / (1 + sentence.order * 0.15);
  const opening = sentence.firstInParagraph ? 0.3 : 0;
  const fragment = sentence.text.length < SHORT_SENTENCE_CHARS ? -0.5 : 0;
  return 2 * overlap + position + opening + fragment;
}

function contentWords(text: string, language?: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length > 2 && !isStopword(word, language)));
}

/** Sentences of the same source paragraph are joined with a space, in order. */
function paragraphsOf(sentences: readonly Sentence[]): string[] {
  const paragraphs: string[] = [];
  let current: number | undefined;
  for (const sentence of sentences) {
    if (sentence.paragraph === current) paragraphs[paragraphs.length - 1] += ` ${sentence.text}`;
    else paragraphs.push(sentence.text);
    current = sentence.paragraph;
  }
  return paragraphs;
}

/** `text` cut at the last word boundary that leaves room for `…` within `budget`. */
function cutToWords(text: string, budget: number): string {
  if (budget < 2) return '…';
  const room = budget - 1;
  let cut = text.lastIndexOf(' ', room);
  if (cut <= 0) cut = room;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
