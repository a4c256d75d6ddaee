import { describe, expect, it } from 'vitest';
import { factWeight, isColour } from '../../../src/core/briefs/story-facts.js';

describe('factWeight', () => {
  it.each([
    'It foresees spending of 25.1 trillion tenge, up 11 per cent on this year.',
    'Anggaran pendidikan naik 12 persen menjadi Rp724 triliun.',
    'Экспорт вырос на 23% и достиг 8,1 млн тонн.',
    'El comercio superó los 2.500 millones de dólares.',
  ])('weighs an amount or a percentage most: %j', (sentence) => {
    expect(factWeight(sentence)).toBe(1);
  });

  it('weighs a bare number or year less, and colour not at all', () => {
    expect(factWeight('The road programme was first announced in 2019.')).toBe(0.6);
    expect(factWeight('The mood among officials was upbeat.')).toBe(0);
  });
});

describe('isColour', () => {
  it('finds sentences that name nobody and hold no figure', () => {
    expect(isColour('The debate in the chamber was long and at times heated.')).toBe(true);
    expect(isColour('На брифинге было многолюдно, журналисты задавали вопросы больше часа.')).toBe(true);
    expect(isColour('Farmers in the Turkestan region welcomed the news.')).toBe(false);
    expect(isColour('The protest drew about 200 people.')).toBe(false);
  });
});
