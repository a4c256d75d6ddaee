import { describe, expect, it } from 'vitest';
import { analyzeQuotations, closingMarksFor, hasBalancedQuotations } from '../../../src/core/briefs/quotation-marks.js';

const segments = (...paragraphs: string[][]) =>
  paragraphs.flatMap((sentences, paragraph) => sentences.map((text) => ({ text, paragraph })));

describe('hasBalancedQuotations', () => {
  it.each([
    ['straight', 'He said: "We will sign." Then he left.'],
    ['curly', 'He said: “We will sign.”'],
    ['British single', 'She said: ‘We started with tourism,’ and smiled.'],
    ['guillemets', 'Он сказал: «Мы подпишем».'],
    ['German', 'Er sagte: „Wir unterschreiben.“'],
    ['reversed guillemets', 'Er sagte: »Wir unterschreiben.«'],
    ['corner brackets', '彼は「署名する」と述べた。'],
    ['nested', '«Он сказал „нет“ и ушёл», — сообщил источник.'],
    ['apostrophes', 'Kazakhstan’s and the leaders’ plans for the ’90s'],
  ])('accepts whole %s quotations', (_, text) => {
    expect(hasBalancedQuotations([text])).toBe(true);
  });

  it.each([
    ['straight', 'He said: "We will sign.'],
    ['curly', 'He said: “We will sign.'],
    ['curly closer alone', 'We will sign,” he said.'],
    ['British single', 'She said: ‘We started with tourism.'],
    ['guillemets', 'Он сказал: «Мы подпишем.'],
    ['German', 'Er sagte: „Wir unterschreiben.'],
    ['corner brackets', '彼は「署名する。'],
  ])('rejects an unclosed or unopened %s quotation', (_, text) => {
    expect(hasBalancedQuotations([text])).toBe(false);
  });

  it('accepts a quotation reopened in each paragraph, news style, and one running into the next paragraph', () => {
    expect(hasBalancedQuotations(['“This river fed our grandparents.', '“Today we stop arguing,” he said.'])).toBe(true);
    expect(hasBalancedQuotations(['«Kazajistán cree en el diálogo.', '»No cambia nada», declaró.'])).toBe(true);
    expect(hasBalancedQuotations(['«Мы собрали урожай.', 'Мы договорились о вагонах».'])).toBe(true);
  });

  it('rejects a quotation left open for a whole paragraph', () => {
    expect(hasBalancedQuotations(['«Мы собрали урожай.', 'Без кавычек.', 'Конец».'])).toBe(false);
    expect(hasBalancedQuotations(['“This river fed our grandparents.', 'Farmers welcomed the news.'])).toBe(false);
  });
});

describe('analyzeQuotations', () => {
  it('links the sentence that opens a quotation to the one that closes it, across paragraphs', () => {
    const result = analyzeQuotations(
      segments(['Lead.', 'He said: “One.', 'Two.'], ['“Three,” he added.', 'After.']),
    );
    expect(result.reach).toEqual([0, 3, 2, 3, 4]);
    expect(result.stray).toEqual([false, false, false, false, false]);
  });

  it('marks the segment of a mark that pairs with nothing, and pairs the rest', () => {
    const result = analyzeQuotations(segments(['He said “one.', 'She said “two.”', 'Done.']));
    expect(result.stray).toEqual([true, false, false]);
    expect(result.reach).toEqual([0, 1, 2]);
  });

  it('stays linear on hostile input', () => {
    const text = '“«„「'.repeat(50_000) + '」“»”'.repeat(50_000);
    const started = performance.now();
    expect(hasBalancedQuotations([text])).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('closingMarksFor', () => {
  it('closes what a cut left open, innermost first', () => {
    expect(closingMarksFor('He said: “We will')).toBe('”');
    expect(closingMarksFor('Он сказал: «Мы „будем')).toBe('“»');
    expect(closingMarksFor('He said: “We will.” And')).toBe('');
  });
});
