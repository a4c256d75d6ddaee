import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/core/briefs/brief.js';
import { briefFrame } from '../../../src/core/briefs/brief.js';
import { BRIEF_LOCALES } from '../../../src/core/briefs/locales.js';
import { renderBriefText } from '../../../src/core/briefs/render-brief-text.js';

const FULL_URL = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/';
const fixturePath = new URL('../../fixtures/articles/reference-brief-id.txt', import.meta.url);
const sharedPath = new URL('../../../../shared/examples/reference-brief-id.txt', import.meta.url);
const { greeting, closing } = BRIEF_LOCALES.id;

/** A Brief built from the reference's own title and paragraphs, with the id locale's fixed texts. */
function briefFromReference(lines: string[]): Brief {
  const [head = '', lead = '', ...rest] = lines;
  const body = rest.slice(0, -2);
  expect(head.endsWith(` - ${greeting}`)).toBe(true);
  expect(lead.startsWith(`${greeting} - `)).toBe(true);
  return {
    articleId: 'a-reference',
    topics: ['abraham-accords'],
    language: 'id',
    title: head.slice(0, -` - ${greeting}`.length),
    paragraphs: [lead.slice(`${greeting} - `.length), ...body],
    url: FULL_URL,
    ...briefFrame({ greeting: 'default', closing: 'default' }, 'id'),
  };
}

function expectReferenceShape(referenceText: string): void {
  const lines = referenceText.split('\n');
  const rendered = renderBriefText(briefFromReference(lines)).split('\n');
  expect(rendered.slice(0, -1)).toEqual(lines.slice(0, -1));
  expect(rendered.at(-1)).toBe(FULL_URL);
  // The reference's URL is the cut-off one; ours is whole and starts the same way.
  expect(FULL_URL.startsWith(lines.at(-1) ?? '')).toBe(true);
  expect(lines.at(-1)).not.toBe(FULL_URL);
}

describe('renderBriefText', () => {
  it('renders the reference brief line for line, with the full URL last (own fixture)', () => {
    expectReferenceShape(readFileSync(fixturePath, 'utf8'));
  });

  it.skipIf(!existsSync(sharedPath))('matches the shared reference brief too', () => {
    expectReferenceShape(readFileSync(sharedPath, 'utf8'));
  });

  const base: Brief = {
    articleId: 'a1',
    topics: [],
    language: 'en',
    title: 'Kazakhstan joins',
    paragraphs: ['First.', 'Second.'],
    url: 'https://example.com/a',
  };

  it('without a greeting, starts with the title and the bare first paragraph', () => {
    expect(renderBriefText({ ...base, closing: 'Close.' })).toBe('Kazakhstan joins\nFirst.\nSecond.\nClose.\nhttps://example.com/a');
  });

  it('without a closing, has no closing line; a note goes just before the URL', () => {
    expect(renderBriefText({ ...base, greeting: 'Hi', note: 'Translation unavailable.' })).toBe(
      'Kazakhstan joins - Hi\nHi - First.\nSecond.\nTranslation unavailable.\nhttps://example.com/a',
    );
  });

  it('keeps one paragraph per line even when fields contain line breaks', () => {
    const text = renderBriefText({ ...base, title: 'Two\nlines', paragraphs: ['a\n\nb', '  ', 'c'], closing: 'x\r\ny' });
    expect(text).toBe('Two lines\na b\nc\nx y\nhttps://example.com/a');
  });

  it('copes with an empty body, title or URL', () => {
    expect(renderBriefText({ ...base, paragraphs: [], greeting: 'Hi' })).toBe('Kazakhstan joins - Hi\nhttps://example.com/a');
    expect(renderBriefText({ ...base, title: '', url: '', greeting: 'Hi' })).toBe('Hi\nHi - First.\nSecond.');
  });

  it('writes the URL whole, however long', () => {
    const url = `${FULL_URL}?id=${'x'.repeat(3000)}`;
    expect(renderBriefText({ ...base, url }).endsWith(`\n${url}`)).toBe(true);
  });

  it('renders a brief in the fallback closing of its locale', () => {
    const text = renderBriefText({ ...base, ...briefFrame({ greeting: 'default', closing: 'default' }, 'en') });
    expect(text.split('\n').at(-2)).toBe(BRIEF_LOCALES.en.closing);
    expect(closing).not.toBe(BRIEF_LOCALES.en.closing);
  });
});
