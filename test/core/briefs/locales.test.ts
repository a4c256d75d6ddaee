import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIEF_LOCALES, briefLocale, hasBriefLocale } from '../../../src/core/briefs/locales.js';

const reference = readFileSync(new URL('../../fixtures/articles/reference-brief-id.txt', import.meta.url), 'utf8').split('\n');

describe('brief locales', () => {
  it('has the reference brief’s greeting and closing for Indonesian', () => {
    expect(reference[0]?.endsWith(` - ${BRIEF_LOCALES.id.greeting}`)).toBe(true);
    expect(reference[1]?.startsWith(`${BRIEF_LOCALES.id.greeting} - `)).toBe(true);
    expect(reference.at(-2)).toBe(BRIEF_LOCALES.id.closing);
    expect(BRIEF_LOCALES.id.translationUnavailable).toBe('Terjemahan tidak tersedia; ringkasan ini dalam bahasa aslinya.');
  });

  it('has every text, on one line, for id, en and es', () => {
    for (const language of ['id', 'en', 'es']) {
      expect(hasBriefLocale(language)).toBe(true);
      const locale = briefLocale(language);
      for (const text of [locale.greeting, locale.closing, locale.translationUnavailable]) {
        expect(text.trim()).toBe(text);
        expect(text).not.toBe('');
        expect(text).not.toContain('\n');
      }
    }
    expect(new Set(['id', 'en', 'es'].map((language) => briefLocale(language).closing)).size).toBe(3);
  });

  it('falls back to English for other languages, without inherited keys', () => {
    expect(briefLocale('kk')).toBe(BRIEF_LOCALES.en);
    expect(hasBriefLocale('toString')).toBe(false);
    expect(briefLocale('toString')).toBe(BRIEF_LOCALES.en);
  });
});
