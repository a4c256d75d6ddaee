import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, entityAsNumericReferences, isKnownEntityName } from '../../../src/core/text/html-entities.js';
import { NUMERIC_CASES, POLICY_CASES } from '../../fixtures/text-comparison/reference-cases.js';
import { NAMED_REFERENCES } from '../../fixtures/text-comparison/sets.js';

// The WHATWG table: 2,125 names with their semicolon, and 106 legacy ones without.
const named = Object.entries(NAMED_REFERENCES).filter(([name]) => name.endsWith(';'));

describe('decodeHtmlEntities', () => {
  it('decodes named entities, including typographic ones', () => {
    expect(decodeHtmlEntities('Tokayev&rsquo;s &ldquo;deal&rdquo; &amp; more&hellip;')).toBe('Tokayev’s “deal” & more…');
    expect(decodeHtmlEntities('a&nbsp;b')).toBe('a\u00A0b');
    expect(decodeHtmlEntities('&eacute;t&eacute; &Eacute;t&eacute; &mdash; &euro;5')).toBe('été Été — €5');
  });

  it('decodes decimal and hexadecimal references', () => {
    expect(decodeHtmlEntities('&#8217; &#x2019; &#X2019; &#1602;')).toBe('’ ’ ’ ق');
    expect(decodeHtmlEntities('&#128512;')).toBe('😀');
  });

  it('maps the Windows-1252 range as browsers do', () => {
    expect(decodeHtmlEntities('it&#146;s &#147;fine&#148; &#150; ok')).toBe('it’s “fine” – ok');
  });

  it('replaces impossible code points instead of throwing', () => {
    expect(decodeHtmlEntities('&#0; &#xD800; &#x110000;')).toBe('\uFFFD \uFFFD \uFFFD');
  });

  it('decodes once, leaves unknown names and bare ampersands alone', () => {
    expect(decodeHtmlEntities('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    expect(decodeHtmlEntities('AT&T &notanentity; R&D &')).toBe('AT&T &notanentity; R&D &');
  });

  it('accepts the legacy semicolon-less forms only where browsers do', () => {
    expect(decodeHtmlEntities('fish &amp chips')).toBe('fish & chips');
    expect(decodeHtmlEntities('&copy 2025')).toBe('&copy 2025');
    expect(decodeHtmlEntities('&ampx')).toBe('&ampx');
  });

  it('repairs an entity broken by a hard line wrap, but not a made-up one', () => {
    expect(decodeHtmlEntities('Tokayev&rs\nquo;s')).toBe('Tokayev’s');
    expect(decodeHtmlEntities('it&#82\n17;s')).toBe('it’s');
    expect(decodeHtmlEntities('&foo\nbar;')).toBe('&foo\nbar;');
  });

  it('knows which names it decodes', () => {
    expect(isKnownEntityName('hellip')).toBe(true);
    expect(isKnownEntityName('Hellip')).toBe(false);
  });

  it('decodes every HTML 5 name of the WHATWG table, inside words', () => {
    expect(named).toHaveLength(2125);
    const wrong = named.filter(([name, text]) => decodeHtmlEntities(`x&${name}y`) !== `x${text}y`);
    expect(wrong).toEqual([]);
    expect(decodeHtmlEntities('&NotEqualTilde; &bigstar; &Hat; &DoubleLongLeftRightArrow;')).toBe('≂̸ ★ ^ ⟺');
  });

  it('knows every name of the table, and writes each as numeric references that decode to its text', () => {
    for (const [name, text] of named) {
      const bare = name.slice(0, -1);
      expect(isKnownEntityName(bare)).toBe(true);
      expect(decodeHtmlEntities(entityAsNumericReferences(bare) ?? '')).toBe(text);
    }
    expect(entityAsNumericReferences('NotEqualTilde')).toBe('&#8770;&#824;');
    expect(entityAsNumericReferences('notanentity')).toBeUndefined();
  });

  it.each(NUMERIC_CASES)('decodes the numeric reference $input as the spec says', ({ input, expected }) => {
    expect(decodeHtmlEntities(input)).toBe(expected);
  });

  it.each(POLICY_CASES)('leaves feed ampersands alone: $input', ({ input, expected }) => {
    expect(decodeHtmlEntities(input)).toBe(expected);
  });
});
