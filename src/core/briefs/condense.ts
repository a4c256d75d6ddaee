/**
 * Extractive, lead-biased condensing of an article into the body of a brief that a reader can trust.
 */
import type { Article } from '../article.js';
import { KabarError } from '../errors.js';
import { titleText } from '../text/html-to-text.js';
import { isStopword } from '../text/stopwords.js';
import { isBoilerplate, isHeadlineLine, isRelatedLinksLabel, withoutSignOff } from './boilerplate.js';
import { isLeadIn } from './lead-ins.js';
import { analyzeQuotations, closingMarksFor } from './quotation-marks.js';
import { splitSentences } from './split-sentences.js';
import { factWeight, isColour } from './story-facts.js';

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
// A sentence with an amount or a percentage outranks one that only shares words with the title
// halfway, and one a few paragraphs earlier.
const FACT_BONUS = 1;
// Colour (nobody named, no figure) gives way to the rest.
const COLOUR_PENALTY = 0.3;
// A sentence that opens with a quotation mark.
const QUOTATION_OPENER = /^["“„«»‹「『‘]/u;
// Headlines listed under a "Baca juga:" label are skipped up to this many.
const MAX_RELATED_HEADLINES = 5;

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
 * score best, as long as they fit: sentences holding the figures that carry the story (amounts,
 * percentages, years, counts) and words of the title, earlier ones and paragraph openers, before
 * colour that names nobody and holds no figure.
 *
 * What a reader would stumble on is never kept: boilerplate ("Read more", "Baca juga", "Читайте
 * также", newsletter and social prompts, bylines, photo credits, sign-offs such as `(ant/rdp)`, "The
 * post … appeared first on …"), the headlines listed under a "Baca juga:" label, and repeats of the
 * title. A quotation is kept whole, over as many sentences and paragraphs as it runs, or left out;
 * a sentence holding a quotation mark that pairs with nothing is left out (see
 * {@link analyzeQuotations}). A lead-in that only announces what follows ("Not everyone agreed.")
 * is kept only with the sentence after it (see {@link isLeadIn}). The title is shown as plain text
 * (see {@link titleText}). The content is used, or the summary when the content is empty or all
 * boilerplate.
 *
 * Only when nothing fits the budget is the first sentence cut: at a word boundary, marked with `…`
 * and followed by the marks that close the quotations it leaves open, so that a brief is never
 * empty.
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
  const title = titleText(article.title);
  let sentences = sentencesOf(article.content, title, article.language);
  if (sentences.length === 0) sentences = sentencesOf(article.summary, title, article.language);
  return { title, paragraphs: select(sentences, title, budget, article.language) };
}

/** The article's sentences, boilerplate, related headlines, title repeats and duplicates left out. */
function sentencesOf(text: string, title: string, language: string | undefined): Sentence[] {
  const titleKey = comparable(title);
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  const paragraphs = text.split(/\n\s*\n|\n/).map((paragraph) => withoutSignOff(paragraph.trim()));
  let relatedHeadlines = 0;
  paragraphs.forEach((paragraph, index) => {
    if (relatedHeadlines > 0 && isHeadlineLine(paragraph)) {
      relatedHeadlines--;
      return;
    }
    relatedHeadlines = 0;
    if (isBoilerplate(paragraph)) {
      if (isRelatedLinksLabel(paragraph)) relatedHeadlines = MAX_RELATED_HEADLINES;
      return;
    }
    if (titleKey !== '' && comparable(paragraph) === titleKey) return;
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

/**
 * Sentences that go in or out together: a quotation with every sentence it runs over, a lead-in
 * with the sentence it announces. Units holding a mark that pairs with nothing are left out.
 */
interface Unit {
  sentences: Sentence[];
  /** Characters of its sentences and the separators between them. */
  cost: number;
}

function unitsOf(sentences: readonly Sentence[]): Unit[] {
  const { reach, stray } = analyzeQuotations(sentences);
  const count = sentences.length;
  sentences.forEach((sentence, i) => {
    const next = sentences[i + 1];
    const aloneInParagraph = sentence.firstInParagraph && next?.paragraph !== sentence.paragraph;
    const nextIsQuotation = next !== undefined && QUOTATION_OPENER.test(next.text);
    if (i > 0 && isLeadIn(sentence.text, { aloneInParagraph, hasNext: next !== undefined, nextIsQuotation })) {
      reach[i] = Math.max(reach[i] ?? i, i + 1);
    }
  });
  const units: Unit[] = [];
  for (let start = 0; start < count; ) {
    let end = reach[start] ?? start;
    let printable = true;
    let next = start;
    for (; next <= end && next < count; next++) {
      end = Math.max(end, reach[next] ?? next);
      if (stray[next] === true) printable = false;
    }
    // A lead-in at the very end announces nothing that is there.
    if (printable && end < count) {
      const members = sentences.slice(start, next);
      const cost = members.reduce((total, sentence) => total + sentence.text.length, 0) + members.length - 1;
      units.push({ sentences: members, cost });
    }
    start = next;
  }
  return units;
}

function select(sentences: readonly Sentence[], title: string, budget: number, language?: string): string[] {
  const units = unitsOf(sentences);
  const chosen = new Set<Unit>();
  let used = 0;
  const take = (unit: Unit): void => {
    // Each unit after the first costs one separator: a space, or the newline between paragraphs.
    const cost = unit.cost + (chosen.size === 0 ? 0 : 1);
    if (used + cost > budget) return;
    chosen.add(unit);
    used += cost;
  };

  const leadParagraph = sentences[0]?.paragraph;
  const lead = new Set(sentences.slice(0, LEAD_SENTENCES).filter((sentence) => sentence.paragraph === leadParagraph));
  const isLead = (unit: Unit): boolean => unit.sentences.some((sentence) => lead.has(sentence));
  units.filter(isLead).forEach(take);
  const titleWords = contentWords(title, language);
  const ranked = units
    .filter((unit) => !isLead(unit))
    .map((unit) => ({ unit, score: unitScore(unit, titleWords, language) }))
    .sort((a, b) => b.score - a.score || orderOf(a.unit) - orderOf(b.unit));
  for (const { unit } of ranked) take(unit);

  const first = units[0]?.sentences[0] ?? sentences[0];
  if (chosen.size === 0 && first !== undefined) return [cutToWords(first.text, budget)];
  const kept = new Set([...chosen].flatMap((unit) => unit.sentences));
  return paragraphsOf(sentences.filter((sentence) => kept.has(sentence)));
}

/** A unit is worth its best sentence: a quotation's figures, the sentence a lead-in announces. */
function unitScore(unit: Unit, titleWords: ReadonlySet<string>, language?: string): number {
  return unit.sentences.reduce((best, sentence) => Math.max(best, score(sentence, titleWords, language)), -Infinity);
}

function orderOf(unit: Unit): number {
  return unit.sentences[0]?.order ?? 0;
}

function score(sentence: Sentence, titleWords: ReadonlySet<string>, language?: string): number {
  const words = contentWords(sentence.text, language);
  let shared = 0;
  for (const word of titleWords) if (words.has(word)) shared++;
  const overlap = titleWords.size === 0 ? 0 : shared / titleWords.size;
  const position = 1 / (1 + sentence.order * 0.15);
  const opening = sentence.firstInParagraph ? 0.3 : 0;
  const fragment = sentence.text.length < SHORT_SENTENCE_CHARS ? -0.5 : 0;
  const colour = isColour(sentence.text) ? -COLOUR_PENALTY : 0;
  return 2 * overlap + position + opening + fragment + FACT_BONUS * factWeight(sentence.text) + colour;
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

/**
 * `text` cut at the last word boundary that leaves room for `…` within `budget`, followed by the
 * marks closing the quotations the cut leaves open (`“We will…”`).
 */
function cutToWords(text: string, budget: number): string {
  let cut = cutAt(text, budget);
  const closers = closingMarksFor(cut);
  if (closers !== '') cut = cutAt(text, budget - closers.length);
  return `${cut}${closingMarksFor(cut)}`;
}

function cutAt(text: string, budget: number): string {
  if (budget < 2) return '…';
  const room = budget - 1;
  let cut = text.lastIndexOf(' ', room);
  if (cut <= 0) cut = room;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
