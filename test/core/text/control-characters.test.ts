import { describe, expect, it } from 'vitest';
import { stripControlCharacters } from '../../../src/core/text/control-characters.js';

describe('stripControlCharacters', () => {
  it('removes ESC sequences\' introducer, other C0 controls, DEL and C1 controls', () => {
    expect(stripControlCharacters('\u001b[2J\u001b]0;pwned\u0007Title\u0000\u007f\u009b31m\u0081')).toBe('[2J]0;pwnedTitle31m');
  });

  it('removes bidi embeddings, overrides and isolates, keeps LRM, RLM and ALM', () => {
    expect(stripControlCharacters('a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j')).toBe('abcdefghij');
    expect(stripControlCharacters('\u05E9\u200E\u200F\u061C')).toBe('\u05E9\u200E\u200F\u061C');
  });

  it('keeps tab and line feed, turns other line and word separators into them', () => {
    expect(stripControlCharacters('a\tb\nc\r\nd\re\u0085f\u000Bg\u000Ch')).toBe('a\tb\nc\nd\ne\nf g h');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Kazakhstan’s “yes” — 哈萨克斯坦 قزاقستان 👍🏽';
    expect(stripControlCharacters(text)).toBe(text);
  });
});
