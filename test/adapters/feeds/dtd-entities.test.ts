import { describe, expect, it } from 'vitest';
import { declaredEntities, MAX_EXPANDED_CHARS } from '../../../src/adapters/feeds/dtd-entities.js';
import { parseXmlTree, textContent, XmlLimitError } from '../../../src/adapters/feeds/xml-tree.js';

const doctype = (subset: string): string[] => [`<!DOCTYPE rss [${subset}]>`];

describe('declaredEntities', () => {
  it('reads internal general entities, expanding character references and earlier entities', () => {
    const entities = declaredEntities(doctype(`<!ENTITY a "A&#8212;"><!ENTITY b 'B &a; &amp;'><!ENTITY a "second wins not">`));
    expect({ ...entities }).toEqual({ a: 'A—', b: 'B A— &' });
  });

  it('ignores parameter and external entities, and leaves self-reference and unknown references undeclared', () => {
    const entities = declaredEntities(
      doctype(`<!ENTITY % p "x"><!ENTITY ext SYSTEM "https://x.example/e"><!ENTITY loop "&loop;"><!ENTITY x "&y;"><!ENTITY y "&x;"><!ENTITY u "&nope;">`),
    );
    expect(Object.keys(entities)).toEqual([]);
  });

  it('leaves an entity undeclared when it would expand past its bound (billion laughs)', () => {
    const levels = Array.from({ length: 9 }, (_, level) => `<!ENTITY l${level + 1} "${`&l${level};`.repeat(10)}">`).join('');
    const entities = declaredEntities(doctype(`<!ENTITY l0 "lol">${levels}`));
    expect(entities.l3).toBe('lol'.repeat(1000));
    expect(entities.l4).toBeUndefined();
    expect(entities.l9).toBeUndefined();
  });

  it('stops a document whose references together expand past the budget', () => {
    const entities = declaredEntities(doctype(`<!ENTITY k "${'k'.repeat(8000)}">`));
    const uses = Math.ceil(MAX_EXPANDED_CHARS / 8000);
    expect(() => parseXmlTree(`<t>${'&k;'.repeat(uses)}</t>`, entities)).toThrow(XmlLimitError);
    expect(textContent(parseXmlTree('<t>&k;</t>', declaredEntities(doctype(`<!ENTITY k "${'k'.repeat(8000)}">`))))).toHaveLength(8000);
  });
});
