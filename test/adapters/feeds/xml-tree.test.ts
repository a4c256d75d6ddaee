import { describe, expect, it } from 'vitest';
import { childNamed, parseXmlTree, textContent, XmlLimitError, type XmlElement } from '../../../src/adapters/feeds/xml-tree.js';

/** The tree without parent links, for comparing. */
function shape(element: XmlElement): unknown {
  return { name: element.name, uri: element.uri, children: element.children.map((child) => (typeof child === 'string' ? child : shape(child))) };
}

describe('parseXmlTree', () => {
  it('keeps text and elements in document order, entities and CDATA decoded', () => {
    const root = parseXmlTree('<title>Breaking: <b>Astana</b> summit &amp; <![CDATA[<i>x</i>]]> opens</title>');
    expect(shape(root)).toEqual({
      name: 'title',
      uri: '',
      children: ['Breaking: ', { name: 'b', uri: '', children: ['Astana'] }, ' summit & ', '<i>x</i>', ' opens'],
    });
    expect(textContent(root)).toBe('Breaking: Astana summit & <i>x</i> opens');
  });

  it('resolves namespaces by scope, and undeclared conventional prefixes by convention', () => {
    const root = parseXmlTree(
      '<r:rss xmlns:r="urn:r"><r:channel xmlns="urn:default"><item/><dc:date>d</dc:date><x:y/></r:channel></r:rss>',
    );
    expect(root).toMatchObject({ local: 'rss', uri: 'urn:r' });
    const channel = childNamed(root, ['urn:r'], 'channel');
    expect(channel?.children.map((child) => (typeof child === 'string' ? child : [child.local, child.uri]))).toEqual([
      ['item', 'urn:default'],
      ['date', 'http://purl.org/dc/elements/1.1/'],
      ['y', 'undeclared:x'],
    ]);
  });

  it('ignores junk after the root element, as xml2js does, and rejects broken XML before it', () => {
    expect(parseXmlTree('<rss><channel/></rss>\n<b>Warning</b>: PHP notice').local).toBe('rss');
    expect(() => parseXmlTree('<rss><channel></rss>')).toThrow(/close tag/i);
    expect(() => parseXmlTree('<rss>&undeclared;</rss>')).toThrow(/entity/i);
    expect(() => parseXmlTree('<rss><channel>')).toThrow();
  });

  it('stops at the depth and element bounds with an XmlLimitError', () => {
    const deep = `${'<d>'.repeat(20)}${'</d>'.repeat(20)}`;
    expect(() => parseXmlTree(deep, {}, { maxDepth: 10, maxElements: 100 })).toThrow(XmlLimitError);
    expect(parseXmlTree(deep, {}, { maxDepth: 20, maxElements: 100 }).local).toBe('d');
    const wide = `<r>${'<i/>'.repeat(50)}</r>`;
    expect(() => parseXmlTree(wide, {}, { maxDepth: 10, maxElements: 50 })).toThrow(/more than 50 elements/);
  });

  it('expands the entities it is given', () => {
    expect(textContent(parseXmlTree('<t>a&dash;b</t>', { dash: '—' }))).toBe('a—b');
  });
});
