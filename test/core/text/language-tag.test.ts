import { describe, expect, it } from 'vitest';
import { normalizeLanguageTag } from '../../../src/core/text/language-tag.js';

describe('normalizeLanguageTag', () => {
  it.each([
    ['en-US', 'en'],
    ['EN_gb', 'en'],
    ['id-ID', 'id'],
    ['in', 'id'],
    ['iw', 'he'],
    ['ru-RU', 'ru'],
    ['zh-Hant-TW', 'zh'],
    ['eng', 'en'],
    ['kaz', 'kk'],
    [' English ', 'en'],
    ['Bahasa Indonesia', 'id'],
    ['ast', 'ast'],
  ])('%s -> %s', (tag, expected) => {
    expect(normalizeLanguageTag(tag)).toBe(expected);
  });

  it.each([[undefined], [''], ['  '], ['und'], ['x-klingon'], ['12'], ['english-ish?']])('%s -> undefined', (tag) => {
    expect(normalizeLanguageTag(tag)).toBeUndefined();
  });
});
