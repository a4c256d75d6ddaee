import { describe, expect, it } from 'vitest';
import { truncateText } from '../../../src/core/text/truncate-text.js';

describe('truncateText', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateText('Short.', 6)).toBe('Short.');
    expect(truncateText('', 10)).toBe('');
  });

  it('cuts at the last paragraph break that fits', () => {
    const text = `${'a'.repeat(30)}.\n\n${'b '.repeat(10)}\n\n${'c'.repeat(50)}`;
    expect(truncateText(text, 60)).toBe(`${'a'.repeat(30)}.\n\n${'b '.repeat(10)}`.trimEnd());
  });

  it('else at the last sentence end, closing quotes included, CJK full stops too', () => {
    expect(truncateText('He said “Go home.” Then nothing happened at all', 30)).toBe('He said “Go home.”');
    expect(truncateText('One two. Three four five.', 14)).toBe('One two.');
    expect(truncateText('今天天气很好。我们去公园散步吧好不好呢', 12)).toBe('今天天气很好。');
  });

  it('else after the last whole word, with an ellipsis, never longer than the limit', () => {
    const cut = truncateText('Alpha beta gamma delta', 16);
    expect(cut).toBe('Alpha beta…');
    expect(cut.length).toBeLessThanOrEqual(16);
    expect(truncateText('Alpha beta gamma', 11)).toBe('Alpha beta…');
    expect(truncateText('Alpha beta gamma', 10)).toBe('Alpha…');
  });

  it('does not give up more than half the limit for a nicer boundary', () => {
    const text = `Intro. ${'word '.repeat(40)}`;
    const cut = truncateText(text, 100);
    expect(cut.length).toBeGreaterThan(90);
    expect(cut).toMatch(/word…$/);
  });

  it('finds word boundaries in text without spaces', () => {
    const thai = 'ภาษาไทยเป็นภาษาที่มีความซับซ้อนมากสำหรับคนต่างชาติที่เรียน';
    const cut = truncateText(thai, 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    const kept = cut.slice(0, -1);
    const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(thai)].map((s) => s.index);
    expect(words).toContain(kept.length);
  });

  it('cuts one endless run at the limit without splitting a surrogate pair', () => {
    expect(truncateText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    const emoji = '😀'.repeat(10);
    const cut = truncateText(emoji, 6);
    expect(cut).toBe('😀😀…');
    expect(cut.length).toBeLessThanOrEqual(6);
  });
});
