import { describe, expect, it } from 'vitest';
import { SNIPPET_CHARS, snippetAround } from '../../../src/core/matching/snippet.js';

describe('snippetAround', () => {
  it('returns short texts whole', () => {
    expect(snippetAround('Kazakhstan joins', 0, 10)).toBe('Kazakhstan joins');
  });

  it('centres a window on the hit, cuts at spaces and marks the cuts', () => {
    const text = `${'lorem ipsum '.repeat(20)}Abraham Accords${' dolor sit amet'.repeat(20)}`;
    const start = text.indexOf('Abraham');
    const snippet = snippetAround(text, start, start + 'Abraham Accords'.length);
    expect(snippet).toContain('Abraham Accords');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
    expect(snippet.length).toBeGreaterThan(SNIPPET_CHARS - 20);
    expect(snippet).toMatch(/^… ?(lorem|ipsum) /u);
    expect(snippet).toMatch(/ (dolor|sit|amet) ?…$/u);
  });

  it.each([
    ['a tab', '\t'],
    ['a no-break space', '\u00A0'],
    ['an ideographic space', '\u3000'],
  ])('cuts at %s as at a space, so no word is cut in half', (_label, space) => {
    const text = `${`lorem${space}ipsum${space}`.repeat(20)}Kazakhstan${`${space}dolor${space}sit`.repeat(20)}`;
    const start = text.indexOf('Kazakhstan');
    const words = snippetAround(text, start, start + 'Kazakhstan'.length).replace(/…/gu, '').trim().split(' ');
    expect(words.every((w) => ['lorem', 'ipsum', 'Kazakhstan', 'dolor', 'sit'].includes(w))).toBe(true);
  });

  it('collapses line breaks and runs of spaces', () => {
    expect(snippetAround('Abraham\n\n  Accords', 0, 18)).toBe('Abraham Accords');
  });

  it('keeps a hit longer than the window whole', () => {
    const hit = 'x'.repeat(120);
    const text = `before ${hit} after`;
    expect(snippetAround(text, 7, 127)).toBe(`…${hit}…`);
  });

  it('follows the documented example', () => {
    const text = 'Officials said on Monday that Kazakhstan would join the Abraham Accords soon.';
    expect(snippetAround(text, 56, 71, 40)).toBe('…would join the Abraham Accords soon.');
  });

  it('never splits a surrogate pair when there is no space to cut at', () => {
    const text = `${'😀'.repeat(60)}Kazakh${'😀'.repeat(60)}`;
    const start = text.indexOf('Kazakh');
    const snippet = snippetAround(text, start, start + 6);
    expect(snippet).toContain('Kazakh');
    expect(snippet).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
  });
});
