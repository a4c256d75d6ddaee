import { describe, expect, it } from 'vitest';
import { describeClause, splitContext } from '../../../src/core/matching/context-clause.js';
import { MAX_CONTEXT_CLAUSES, MAX_CONTEXT_WORDS } from '../../../src/core/matching/limits.js';
import { parseTerm } from '../../../src/core/matching/parse-term.js';

const fail = (problem: string): Error => new Error(problem);

describe('splitContext', () => {
  it('leaves a side without clauses alone', () => {
    expect(splitContext('Kazakh* government', fail)).toEqual({ base: 'Kazakh* government', clauses: [] });
    expect(splitContext('(Almaty|Astana)', fail)).toEqual({ base: '(Almaty|Astana)', clauses: [] });
  });

  it('reads near, notnear and in clauses, with groups or plain words as targets', () => {
    expect(splitContext('Kazakh* near(3) (government|president) notnear(2) Mongolia in(title)', fail)).toEqual({
      base: 'Kazakh*',
      clauses: [
        { kind: 'near', words: 3, target: '(government|president)' },
        { kind: 'notnear', words: 2, target: 'Mongolia' },
        { kind: 'in', field: 'title' },
      ],
    });
    expect(splitContext('Tashkent NotNear(2) (street|restaurant)', fail).clauses).toEqual([
      { kind: 'notnear', words: 2, target: '(street|restaurant)' },
    ]);
  });

  it('refuses malformed clauses with a message saying how to write them', () => {
    expect(() => splitContext('near(3) (a|b)', fail)).toThrow(/needs words before it/u);
    expect(() => splitContext('Kazakh* near(0) x', fail)).toThrow(/whole number of words from 1/u);
    expect(() => splitContext(`Kazakh* near(${MAX_CONTEXT_WORDS + 1}) x`, fail)).toThrow(/whole number/u);
    expect(() => splitContext('Kazakh* near(two) x', fail)).toThrow(/whole number/u);
    expect(() => splitContext('Kazakh* near(3)', fail)).toThrow(/needs the words to look for/u);
    expect(() => splitContext('Kazakh* in(body)', fail)).toThrow(/title, summary or content/u);
    const tooMany = `Kazakh*${' in(title)'.repeat(MAX_CONTEXT_CLAUSES + 1)}`;
    expect(() => splitContext(tooMany, fail)).toThrow(/at most 3 context clauses/u);
  });

  it('describes clauses as a moderator would write them', () => {
    expect(describeClause({ kind: 'near', words: 3, target: '(a|b)' })).toBe('near(3) (a|b)');
    expect(describeClause({ kind: 'in', field: 'title' })).toBe('in(title)');
  });
});

describe('parseTerm with context clauses', () => {
  it('parses the targets like any side, per side of a co-occurrence', () => {
    const term = parseTerm('!Uzbek* near(3) (president|Tashkent) + reform*');
    expect(term.strong).toBe(true);
    expect(term.sides).toEqual(parseTerm('Uzbek* + reform*').sides);
    expect(term.contexts).toEqual([
      [
        {
          kind: 'near',
          words: 3,
          alternatives: [[{ text: 'president', prefix: false }], [{ text: 'tashkent', prefix: false }]],
          raw: 'near(3) (president|Tashkent)',
        },
      ],
      [],
    ]);
  });

  it('holds targets to the same rules as sides', () => {
    expect(() => parseTerm('Kazakh* near(3) (a|(b|c))')).toThrow(/nested/u);
    expect(() => parseTerm('Kazakh* near(3) Ka*')).toThrow(/at least 3 letters/u);
    expect(() => parseTerm('Kazakh* near(3) a|b')).toThrow(/parentheses/u);
  });
});
