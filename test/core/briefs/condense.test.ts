import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/core/article.js';
import { condense, DEFAULT_BUDGET_CHARS } from '../../../src/core/briefs/condense.js';
import { splitSentences } from '../../../src/core/briefs/split-sentences.js';
import { isKabarError } from '../../../src/core/errors.js';
import { htmlToText } from '../../../src/core/text/html-to-text.js';

const html = readFileSync(new URL('../../fixtures/articles/national-kazakhstan.html', import.meta.url), 'utf8');

function article(content: string, extra: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    title: 'Kazakhstan set to join Abraham Accords, White House says',
    link: 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/',
    summary: '',
    content,
    language: 'en',
    ...extra,
  };
}

const bodyLength = (paragraphs: string[]): number => paragraphs.join('\n').length;

/** Every output sentence is a sentence of the source, and they come in the source's order. */
function expectFaithful(source: string, paragraphs: string[]): void {
  const sourceSentences = source.split('\n\n').flatMap((paragraph) => splitSentences(paragraph, 'en'));
  let cursor = -1;
  for (const paragraph of paragraphs) {
    for (const sentence of splitSentences(paragraph, 'en')) {
      const index = sourceSentences.indexOf(sentence, cursor + 1);
      expect(index, `"${sentence}" is not a later sentence of the source`).toBeGreaterThan(cursor);
      cursor = index;
    }
  }
}

describe('condense', () => {
  const content = htmlToText(html);

  it('keeps everything but boilerplate when the article fits', () => {
    const { title, paragraphs } = condense(article(content), { budgetChars: 10_000 });
    expect(title).toBe('Kazakhstan set to join Abraham Accords, White House says');
    expect(paragraphs[0]).toMatch(/^Kazakhstan is expected to announce on Thursday/);
    expect(paragraphs).toHaveLength(11);
    const body = paragraphs.join('\n');
    for (const junk of ['By Thomas Watkins', 'Read more', 'Subscribe', 'appeared first on', 'AFP']) {
      expect(body).not.toContain(junk);
    }
    expectFaithful(content, paragraphs);
  });

  it('fits the budget, keeps the lead, and stays faithful and in order', () => {
    for (const budget of [1800, 1000, 600, 300]) {
      const { paragraphs } = condense(article(content), { budgetChars: budget });
      expect(bodyLength(paragraphs)).toBeLessThanOrEqual(budget);
      expect(paragraphs[0]).toMatch(/^Kazakhstan is expected to announce/);
      expectFaithful(content, paragraphs);
    }
  });

  it('uses the default budget of 1800', () => {
    const long = `${content}\n\n${content.replace(/Kazakhstan/g, 'Uzbekistan')}`;
    const { paragraphs } = condense(article(long));
    expect(DEFAULT_BUDGET_CHARS).toBe(1800);
    expect(bodyLength(paragraphs)).toBeLessThanOrEqual(1800);
    expect(bodyLength(paragraphs)).toBeGreaterThan(1500);
  });

  it('prefers sentences about the title over unrelated ones', () => {
    const text = [
      'Kazakhstan will join the Abraham Accords, officials said on Thursday.',
      'The weather in Washington was mild with light winds from the west all afternoon.',
      'Traffic around the venue was heavy and several roads were closed for the motorcade.',
      'The Abraham Accords would gain Kazakhstan as their fifth member state, the White House says.',
    ].join('\n\n');
    const { paragraphs } = condense(article(text), { budgetChars: 170 });
    expect(paragraphs).toEqual([
      'Kazakhstan will join the Abraham Accords, officials said on Thursday.',
      'The Abraham Accords would gain Kazakhstan as their fifth member state, the White House says.',
    ]);
  });

  it('uses the summary when the content is empty or only boilerplate', () => {
    const summary = 'Kazakhstan is expected to join the Abraham Accords. The move is symbolic.';
    expect(condense(article('', { summary })).paragraphs).toEqual([summary]);
    expect(condense(article(htmlToText('<p>Read more</p><p>Subscribe now</p>'), { summary })).paragraphs).toEqual([summary]);
    expect(condense(article('', { summary: '' })).paragraphs).toEqual([]);
  });

  it('drops a paragraph repeating the title and repeated sentences', () => {
    const text = 'Kazakhstan set to join Abraham Accords, White House says\n\nIt will sign. It will sign.\n\nIt will sign.';
    expect(condense(article(text)).paragraphs).toEqual(['It will sign.']);
  });

  it('drops boilerplate sentences inside a paragraph', () => {
    const text = 'Kazakhstan will sign on Thursday. Read more: the accords at five';
    expect(condense(article(text)).paragraphs).toEqual(['Kazakhstan will sign on Thursday.']);
  });

  it('cuts the first sentence at a word only when nothing else can fit', () => {
    const sentence = `Kazakhstan ${'and its partners '.repeat(40)}will sign.`;
    const { paragraphs } = condense(article(sentence), { budgetChars: 100 });
    expect(paragraphs).toHaveLength(1);
    const [cut] = paragraphs as [string];
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('…')).toBe(true);
    expect(sentence.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('condenses a 100 KB article within budget, quickly', () => {
    const big = Array.from({ length: 700 }, (_, i) => `Paragraph ${i} says the U.S. and Kazakhstan signed deal No. ${i}. It covers 3.5 tonnes of minerals.`).join('\n\n');
    expect(big.length).toBeGreaterThan(60_000);
    const started = performance.now();
    const { paragraphs } = condense(article(big + '\n\n' + big.slice(0, 40_000)));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(bodyLength(paragraphs)).toBeLessThanOrEqual(1800);
    expect(paragraphs[0]).toBe('Paragraph 0 says the U.S. and Kazakhstan signed deal No. 0. It covers 3.5 tonnes of minerals.');
  });

  it('rejects a budget that is not positive', () => {
    expect(() => condense(article('x'), { budgetChars: 0 })).toThrow(/budgetChars/);
    try {
      condense(article('x'), { budgetChars: Number.NaN });
    } catch (error) {
      expect(isKabarError(error, 'permanent')).toBe(true);
    }
  });
});
