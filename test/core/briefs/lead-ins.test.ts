import { describe, expect, it } from 'vitest';
import { isLeadIn } from '../../../src/core/briefs/lead-ins.js';

const alone = { aloneInParagraph: true, hasNext: true };

describe('isLeadIn', () => {
  it.each([
    'Not everyone agreed.',
    'But the road ahead is long.',
    'Namun, tidak semua pihak setuju.',
    'Не все разделяют оптимизм министерства.',
    'Why does it matter?',
    'Что это значит для пассажиров?',
    '¿Por qué importa?',
    'Here is what the deal changes:',
    'Berikut rincian proyeknya:',
  ])('takes %j, alone in its paragraph, for a lead-in', (sentence) => {
    expect(isLeadIn(sentence, alone)).toBe(true);
  });

  it.each([
    'The parliament approved the budget by 87 votes to 9 on Wednesday.',
    'It will run for 15 years.',
    'The move is largely symbolic, as Kazakhstan has maintained diplomatic relations with Israel for decades.',
    '“We will sign,” he said.',
  ])('does not take %j for one', (sentence) => {
    expect(isLeadIn(sentence, alone)).toBe(false);
  });

  it('reads a set-up line as an ending when nothing follows, and a colon or question as dangling', () => {
    expect(isLeadIn('Not everyone agreed.', { aloneInParagraph: true, hasNext: false })).toBe(false);
    expect(isLeadIn('Lantas, apa selanjutnya?', { aloneInParagraph: true, hasNext: false })).toBe(true);
    expect(isLeadIn('The statement read:', { aloneInParagraph: false, hasNext: false })).toBe(true);
  });

  it('takes a short set-up line inside a paragraph only before a quotation', () => {
    const inside = { aloneInParagraph: false, hasNext: true };
    expect(isLeadIn('Environmental groups were cautious.', inside)).toBe(false);
    expect(isLeadIn('Environmental groups were cautious.', { ...inside, nextIsQuotation: true })).toBe(true);
  });
});
