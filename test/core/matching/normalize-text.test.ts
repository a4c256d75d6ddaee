import { describe, expect, it } from 'vitest';
import { normalizeWord, tokenize } from '../../../src/core/matching/normalize-text.js';

describe('normalizeWord', () => {
  it('lower-cases and strips accents', () => {
    expect(normalizeWord('Kazajistán')).toBe('kazajistan');
    expect(normalizeWord('Israël')).toBe('israel');
    expect(normalizeWord('Özbekistan')).toBe('ozbekistan');
  });

  it('folds Turkish dotted İ (which toLowerCase turns into i + U+0307) and dotless ı to i', () => {
    expect('İbrahim'.toLowerCase()).not.toBe('ibrahim'); // the trap this guards against
    expect(normalizeWord('İbrahim')).toBe('ibrahim');
    expect(normalizeWord('İBRAHİM')).toBe('ibrahim');
    expect(normalizeWord('Kırgızistan')).toBe('kirgizistan');
  });

  it('folds Russian ё to е', () => {
    expect(normalizeWord('Мирзиёев')).toBe(normalizeWord('Мирзиеев'));
  });

  it('strips Arabic harakat, tatweel and hamza seats, and folds alef maqsura and teh marbuta', () => {
    expect(normalizeWord('إِبْرَاهِيم')).toBe('ابراهيم');
    expect(normalizeWord('أبراهام')).toBe('ابراهام');
    expect(normalizeWord('آسيا')).toBe('اسيا');
    expect(normalizeWord('الوسطى')).toBe('الوسطي');
    expect(normalizeWord('اتفاقية')).toBe('اتفاقيه');
    // Tatweel and the hamza seat on ئ go; both spellings of Israel meet.
    expect(normalizeWord('إســرائيل')).toBe(normalizeWord('اسرائيل'));
    expect(normalizeWord('إسرائيل')).toBe('اسراييل');
  });

  it('expands German ß and compatibility forms', () => {
    expect(normalizeWord('Straße')).toBe('strasse');
    expect(normalizeWord('ﬁnal')).toBe('final');
  });
});

describe('tokenize', () => {
  it('splits on spaces, line breaks, hyphens and punctuation, keeping original offsets', () => {
    const text = 'Abraham-Accords,\nsigned';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['abraham', 'accords', 'signed']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Abraham', 'Accords', 'signed']);
  });

  it("drops an English possessive 's but keeps other words after apostrophes", () => {
    expect(tokenize("Kazakhstan's oil").map((t) => t.norm)).toEqual(['kazakhstan', 'oil']);
    expect(tokenize('Kazakhstan’s oil').map((t) => t.norm)).toEqual(['kazakhstan', 'oil']);
    expect(tokenize("Accords' signatories").map((t) => t.norm)).toEqual(['accords', 'signatories']);
    expect(tokenize("accords d'Abraham").map((t) => t.norm)).toEqual(['accords', 'd', 'abraham']);
    expect(tokenize("Kazakistan'ın").map((t) => t.norm)).toEqual(['kazakistan', 'in']);
    expect(tokenize("a 's b").map((t) => t.norm)).toEqual(['a', 's', 'b']);
  });

  it('keeps offsets into the original string when normalization changes lengths', () => {
    const text = 'Sudan, İbrahim Anlaşmaları';
    const [, ibrahim] = tokenize(text);
    expect(ibrahim?.norm).toBe('ibrahim');
    expect(text.slice(ibrahim?.start, ibrahim?.end)).toBe('İbrahim');
  });
});
