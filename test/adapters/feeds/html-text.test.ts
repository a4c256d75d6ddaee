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
