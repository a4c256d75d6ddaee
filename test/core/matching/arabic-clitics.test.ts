import { describe, expect, it } from 'vitest';
import { canonicalTermWord, lookupForms } from '../../../src/core/matching/arabic-clitics.js';
import { normalizeWord } from '../../../src/core/matching/normalize-text.js';

const forms = (word: string): string[] => lookupForms(normalizeWord(word));
const canonical = (word: string): string => canonicalTermWord(normalizeWord(word));

describe('Arabic clitics', () => {
  it('stores term words without the article', () => {
    expect(canonical('الإمارات')).toBe('امارات');
    expect(canonical('إمارات')).toBe('امارات');
  });

  it('looks article words up with the article and attached و ف ب ك ل peeled off', () => {
    for (const word of ['الإمارات', 'والإمارات', 'بالإمارات', 'للإمارات', 'وللإمارات', 'إمارات']) {
      expect(forms(word)).toContain('امارات');
    }
  });

  it('always keeps the unpeeled reading, so a word starting with و or ل still matches itself', () => {
    expect(forms('وزير')).toContain('وزير');
    expect(forms('لبنان')).toContain('لبنان');
  });

  it('leaves other scripts alone', () => {
    expect(forms('Kazakhstan')).toEqual(['kazakhstan']);
    expect(canonical('Almaty')).toBe('almaty');
  });
});
