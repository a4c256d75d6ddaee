import { describe, expect, it } from 'vitest';
import { decodeEntities, plainText } from '../../../src/adapters/feeds/html-text.js';

describe('plainText and decodeEntities', () => {
  it('strips tags, decodes entities once or twice, collapses whitespace', () => {
    expect(plainText('  <b>Breaking</b>:  AT&amp;amp;T  ')).toBe('Breaking: AT&T');
    expect(plainText('Tom &amp; Jerry &#8211; &hellip;')).toBe('Tom & Jerry – …');
    expect(plainText('a < b and c > d')).toBe('a < b and c > d');
    expect(decodeEntities('&#0; &#xD800; &unknown;')).toBe('&#0; &#xD800; &unknown;');
  });
});
