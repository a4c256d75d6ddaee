import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/adapters/feeds/html-text.js';

describe('plainText', () => {
  it('strips tags, decodes entities once or twice, collapses whitespace', () => {
    expect(plainText('  <b>Breaking</b>:  AT&amp;amp;T  ')).toBe('Breaking: AT&T');
    expect(plainText('Tom &amp; Jerry &#8211; &hellip;')).toBe('Tom & Jerry – …');
    expect(plainText('a < b and c > d')).toBe('a < b and c > d');
  });

  it('keeps unknown names and never produces a lone surrogate', () => {
    expect(plainText('&unknown; &#xD800; x')).toBe('&unknown; \uFFFD x');
  });
});

describe('plainText on hostile titles', () => {
  it('drops terminal escapes and bidi overrides, typed or as references', () => {
    expect(plainText('Feed\u001b[2J title &#27;[31mred \u202Egnp.exe')).toBe('Feed[2J title [31mred gnp.exe');
  });
});
