import { describe, expect, it } from 'vitest';
import { createClosingTagFinder } from '../../../src/core/text/closing-tags.js';

describe('createClosingTagFinder', () => {
  it('finds the end of the matching closing tag, counting nested ones', () => {
    const html = '<figure><figure>a</figure>b</figure>c';
    const closing = createClosingTagFinder(html);
    expect(closing('figure', 8)).toBe(html.indexOf('c'));
    expect(closing('figure', 16)).toBe(html.indexOf('b'));
  });

  it('matches any case, ignores self-closing tags and longer names', () => {
    const html = '<NAV><nav/><navigation></navigation></Nav >';
    expect(createClosingTagFinder(html)('nav', 5)).toBe(html.length);
  });

  it('answers -1 for an unclosed element, though a later one of the same name closes', () => {
    const html = '<form>a<form>b</form>';
    const closing = createClosingTagFinder(html);
    expect(closing('form', 6)).toBe(-1);
    expect(closing('form', 13)).toBe(html.length);
    expect(closing('aside', 0)).toBe(-1);
  });

  it('reads a tag to its first ">", and none when no ">" follows', () => {
    expect(createClosingTagFinder('<svg>a</svg title="x>y">')('svg', 5)).toBe('<svg>a</svg title="x>'.length);
    expect(createClosingTagFinder('<svg>a</svg')('svg', 5)).toBe(-1);
  });

  it('answers many questions on 1 MB of unclosed tags in linear time', () => {
    const html = '<figure>'.repeat(125_000);
    const closing = createClosingTagFinder(html);
    const started = performance.now();
    let found = 0;
    for (let from = 8; from <= html.length; from += 8) if (closing('figure', from) !== -1) found++;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found).toBe(0);
  });
});
