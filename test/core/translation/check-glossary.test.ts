import { describe, expect, it } from 'vitest';
import { checkGlossary } from '../../../src/core/translation/check-glossary.js';
import { defaultGlossaries, glossaryFor, relevantGlossary } from '../../../src/core/translation/glossary.js';

describe('checkGlossary', () => {
  const id = glossaryFor('id');

  it('reports a source term whose wanted rendering is missing from its translation', () => {
    const violations = checkGlossary(
      ['The White House said the UAE agreed.', 'Talks continue.'],
      ['Rumah Putih mengatakan UEA setuju.', 'Pembicaraan berlanjut.'],
      id,
    );
    expect(violations).toEqual([{ index: 0, term: 'White House', expected: 'Gedung Putih' }]);
  });

  it('accepts the mapping regardless of case and diacritics, but wants acronyms in capitals', () => {
    expect(checkGlossary(['At the White House'], ['di gedung putih'], id)).toEqual([]);
    expect(checkGlossary(['The UAE agreed.'], ['uea setuju.'], id)).toEqual([
      { index: 0, term: 'UAE', expected: 'UEA' },
    ]);
    expect(checkGlossary(['Saudi Arabia and Turkey'], ['Arabia Saudí y Turquia'], glossaryFor('es'))).toEqual([]);
  });

  it('checks only the longest term at each place', () => {
    // "West Bank" claims its words, so "West" -> "Barat" is not demanded separately.
    expect(checkGlossary(['Settlers in the West Bank'], ['Pemukim di Tepi Barat'], id)).toEqual([]);
    expect(checkGlossary(['Western nations and the West Bank'], ['Negara Barat dan Tepi Barat'], id)).toEqual([]);
  });

  it('matches capitalised keys only as written, and lower-case keys in any case', () => {
    expect(checkGlossary(['Tell us what you think.'], ['Beri tahu kami.'], id)).toEqual([]);
    expect(checkGlossary(['The Summit opens.'], ['Pertemuan dibuka.'], id)).toEqual([
      { index: 0, term: 'summit', expected: 'KTT' },
    ]);
  });

  it('does not take a key for the country or month inside a personal name', () => {
    expect(checkGlossary(['Michael Jordan met Theresa May.'], ['Michael Jordan bertemu Theresa May.'], id)).toEqual([]);
    expect(checkGlossary(['Jordan and Israel met in May.'], ['Yordania dan Israel bertemu pada Mei.'], id)).toEqual([]);
  });

  it('refuses lists of different lengths', () => {
    expect(() => checkGlossary(['a', 'b'], ['a'], id)).toThrow(RangeError);
  });
});

describe('glossaries', () => {
  it('ship Indonesian and Spanish defaults that overrides can extend', () => {
    expect(defaultGlossaries.id?.['White House']).toBe('Gedung Putih');
    expect(defaultGlossaries.es?.['White House']).toBe('Casa Blanca');
    const custom = glossaryFor('id-ID', { 'Board of Peace': 'Dewan Perdamaian', UAE: 'Uni Emirat Arab' });
    expect(custom).toMatchObject({ 'Board of Peace': 'Dewan Perdamaian', UAE: 'Uni Emirat Arab', 'Central Asia': 'Asia Tengah' });
    expect(glossaryFor('xx')).toEqual({});
  });

  it('are frozen', () => {
    expect(Object.isFrozen(defaultGlossaries.id)).toBe(true);
  });

  it('can be cut down to the entries a text needs', () => {
    expect(relevantGlossary(['The White House and the West Bank', 'on Thursday'], glossaryFor('id'))).toEqual({
      'White House': 'Gedung Putih',
      'West Bank': 'Tepi Barat',
      Thursday: 'Kamis',
    });
  });
});
