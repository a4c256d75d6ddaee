import { describe, expect, it } from 'vitest';
import { KabarError } from '../../../src/core/errors.js';
import {
  MAX_ALTERNATIVES,
  MAX_COOCCURRENCE_SIDES,
  MAX_PHRASE_CHARS,
  MAX_PHRASE_WORDS,
  MAX_TERMS_PER_TOPIC,
  MAX_TERM_CHARS,
  MIN_PREFIX_CHARS,
} from '../../../src/core/matching/limits.js';
import { parseTerm, parseTopic, validateTopic } from '../../../src/core/matching/parse-term.js';

/** The KabarError `fn` throws (fails the test when it throws nothing or something else). */
function thrown(fn: () => unknown): KabarError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KabarError) return error;
    throw error;
  }
  throw new Error('expected a KabarError');
}

describe('parseTerm: syntax forms', () => {
  it('reads a phrase as normalized whole words', () => {
    expect(parseTerm('  Abraham  Accords ')).toEqual({
      raw: 'Abraham  Accords',
      role: 'include',
      strong: false,
      sides: [[[{ text: 'abraham', prefix: false }, { text: 'accords', prefix: false }]]],
      contexts: [[]],
    });
  });

  it('treats hyphens and punctuation inside a phrase as word breaks', () => {
    expect(parseTerm('Nur-Sultan').sides).toEqual(parseTerm('Nur Sultan').sides);
    expect(parseTerm("accords d'Abraham").sides[0]?.[0]?.map((w) => w.text)).toEqual(['accords', 'd', 'abraham']);
  });

  it('reads a trailing * as a prefix, on any word of a phrase', () => {
    expect(parseTerm('Kazakh*').sides).toEqual([[[{ text: 'kazakh', prefix: true }]]]);
    expect(parseTerm('Kazakh* government').sides[0]?.[0]).toEqual([
      { text: 'kazakh', prefix: true },
      { text: 'government', prefix: false },
    ]);
  });

  it('reads ! as strong and - as exclusion', () => {
    expect(parseTerm('!Abraham Accords')).toMatchObject({ role: 'include', strong: true, raw: '!Abraham Accords' });
    expect(parseTerm('-Lincoln')).toMatchObject({ role: 'exclude', strong: false, raw: '-Lincoln' });
    expect(parseTerm('- Abraham Lincoln').sides[0]?.[0]?.map((w) => w.text)).toEqual(['abraham', 'lincoln']);
  });

  it('reads co-occurrence sides and groups of alternatives', () => {
    const term = parseTerm('Astana + (summit|president|Kazakh* government)');
    expect(term.sides).toHaveLength(2);
    expect(term.sides[0]).toEqual([[{ text: 'astana', prefix: false }]]);
    expect(term.sides[1]?.map((alt) => alt.map((w) => `${w.text}${w.prefix ? '*' : ''}`).join(' '))).toEqual([
      'summit',
      'president',
      'kazakh* government',
    ]);
    expect(parseTerm('(Kazakh*|Uzbek*)').sides).toHaveLength(1);
    expect(parseTerm('!UAE + Israel* + (embassy|flights)')).toMatchObject({ strong: true });
  });

  it('normalizes non-Latin terms and strips the Arabic article', () => {
    expect(parseTerm('Казахстан').sides[0]?.[0]).toEqual([{ text: 'казахстан', prefix: false }]);
    expect(parseTerm('İbrahim Anlaşmaları').sides[0]?.[0]?.map((w) => w.text)).toEqual(['ibrahim', 'anlasmalari']);
    expect(parseTerm('اتفاقيات أبراهام').sides[0]?.[0]?.map((w) => w.text)).toEqual(['اتفاقيات', 'ابراهام']);
    expect(parseTerm('الإمارات').sides[0]?.[0]).toEqual([{ text: 'امارات', prefix: false }]);
  });
});

describe('parseTerm: errors say what is wrong and how to fix it', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '   ', /empty/u],
    ['marker alone', '!', /nothing after the marker/u],
    ['regex syntax', 'Kazakh.*stan?', /not regular expressions/u],
    ['backslash', 'Kazakh\\w+', /not regular expressions/u],
    ['* inside a word', 'Ka*zakh', /may only end a word/u],
    ['* on its own', 'Kazakh *', /must directly follow a word/u],
    ['double *', 'Kazakh**', /must directly follow a word/u],
    ['short prefix', 'Ka*', new RegExp(`at least ${MIN_PREFIX_CHARS} letters before \\*`, 'u')],
    ['both markers', '!-Lincoln', /one marker at most/u],
    ['doubled marker', '--Lincoln', /one marker at most/u],
    ['! in the middle', 'Abraham !Accords', /only at the very start/u],
    ['unclosed group', 'Astana + (summit|president', /without a matching \)/u],
    ['stray )', 'Astana + summit)', /without a matching \(/u],
    ['nested group', 'Astana + (summit|(president|pm))', /cannot be nested/u],
    ['+ in a group', 'Astana + (summit|a + b)', /\+ cannot be used inside/u],
    ['group inside a side', 'Astana (summit|president)', /must make up a whole side/u],
    ['bare alternatives', 'summit|president', /put alternatives in parentheses: \(summit\|president\)/u],
    ['empty side', 'Astana +', /side of \+ is empty/u],
    ['empty alternative', 'Astana + (summit||president)', /no words in it/u],
    ['punctuation only', '...', /no words in it/u],
  ];
  it.each(cases)('%s: %s', (_label, raw, message) => {
    const error = thrown(() => parseTerm(raw));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('invalid-term');
    expect(error.message).toMatch(message);
  });
});

describe('parseTerm: caps', () => {
  it(`accepts up to ${MAX_PHRASE_WORDS} words in a phrase and refuses more`, () => {
    const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    expect(() => parseTerm(words(MAX_PHRASE_WORDS))).not.toThrow();
    expect(thrown(() => parseTerm(words(MAX_PHRASE_WORDS + 1))).message).toMatch(`at most ${MAX_PHRASE_WORDS} words`);
  });

  it(`accepts up to ${MAX_PHRASE_CHARS} characters in a phrase and ${MAX_TERM_CHARS} in a term`, () => {
    expect(() => parseTerm('a'.repeat(MAX_PHRASE_CHARS))).not.toThrow();
    expect(thrown(() => parseTerm('a'.repeat(MAX_PHRASE_CHARS + 1))).message).toMatch(`at most ${MAX_PHRASE_CHARS} characters`);
    const side = `(${Array.from({ length: 10 }, () => 'b'.repeat(20)).join('|')})`;
    const long = `${side} + ${side} + ${side}`;
    expect(long.length).toBeGreaterThan(MAX_TERM_CHARS);
    expect(thrown(() => parseTerm(long)).message).toMatch(`the limit is ${MAX_TERM_CHARS}`);
  });

  it(`accepts up to ${MAX_ALTERNATIVES} alternatives per group and refuses more`, () => {
    const group = (n: number): string => `Astana + (${Array.from({ length: n }, (_, i) => `w${i}`).join('|')})`;
    expect(parseTerm(group(MAX_ALTERNATIVES)).sides[1]).toHaveLength(MAX_ALTERNATIVES);
    expect(thrown(() => parseTerm(group(MAX_ALTERNATIVES + 1))).message).toMatch(`at most ${MAX_ALTERNATIVES} alternatives`);
  });

  it(`accepts up to ${MAX_COOCCURRENCE_SIDES} sides and refuses more`, () => {
    const sides = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}`).join(' + ');
    expect(parseTerm(sides(MAX_COOCCURRENCE_SIDES)).sides).toHaveLength(MAX_COOCCURRENCE_SIDES);
    expect(thrown(() => parseTerm(sides(MAX_COOCCURRENCE_SIDES + 1))).message).toMatch(`at most ${MAX_COOCCURRENCE_SIDES} sides`);
  });
});

describe('validateTopic / parseTopic', () => {
  it('accepts a valid topic', () => {
    expect(() => validateTopic({ name: 'central-asia', include: ['Kazakh*', '!Astana + summit'], exclude: ['Astana Qazaqstan'] })).not.toThrow();
  });

  it('sorts -terms in include into the exclusions', () => {
    const topic = parseTopic({ name: 't', include: ['Abraham Accords', '-Abraham Lincoln'], exclude: ['-Honda Accord', 'Oslo'] });
    expect(topic.include.map((t) => t.raw)).toEqual(['Abraham Accords']);
    expect(topic.exclude.map((t) => t.raw)).toEqual(['-Abraham Lincoln', '-Honda Accord', 'Oslo']);
    expect(topic.exclude.every((t) => t.role === 'exclude')).toBe(true);
  });

  it('names the topic and the list in errors', () => {
    const error = thrown(() => validateTopic({ name: 'central-asia', include: ['Kazakh*'], exclude: ['Ka*'] }));
    expect(error.code).toBe('invalid-term');
    expect(error.message).toMatch(/^Topic "central-asia", exclude list: Term "Ka\*": write at least/u);
  });

  it('refuses a strong term in the exclude list', () => {
    expect(thrown(() => validateTopic({ name: 't', include: [], exclude: ['!Lincoln'] })).message).toMatch(/belongs in the include list/u);
  });

  it(`refuses more than ${MAX_TERMS_PER_TOPIC} terms`, () => {
    const terms = (n: number): string[] => Array.from({ length: n }, (_, i) => `term${i}`);
    expect(() => validateTopic({ name: 't', include: terms(MAX_TERMS_PER_TOPIC - 1), exclude: ['x'] })).not.toThrow();
    const error = thrown(() => validateTopic({ name: 't', include: terms(MAX_TERMS_PER_TOPIC), exclude: ['x'] }));
    expect(error.code).toBe('invalid-term');
    expect(error.message).toMatch(`the limit is ${MAX_TERMS_PER_TOPIC}`);
  });
});
