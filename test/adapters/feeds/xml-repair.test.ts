import { describe, expect, it } from 'vitest';
import { attributeOf, findRootElement, repairXml, stripPrologJunk } from '../../../src/adapters/feeds/xml-repair.js';

describe('findRootElement', () => {
  it('skips declaration, processing instructions, comments and DOCTYPE', () => {
    const text =
      '<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?><!-- c --><!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0" xml:lang="ru">';
    const root = findRootElement(text);
    expect(root?.name).toBe('rss');
    expect(attributeOf(root?.startTag ?? '', 'xml:lang')).toBe('ru');
    expect(findRootElement('<rdf:RDF xmlns:rdf="x">')?.name).toBe('rdf:RDF');
    expect(findRootElement('just text')).toBeUndefined();
  });
});

describe('stripPrologJunk', () => {
  it('drops text before the first tag and the DOCTYPE', () => {
    expect(stripPrologJunk('Warning: PHP junk\n<?xml version="1.0"?><!DOCTYPE html PUBLIC "a" "b"><rss/>')).toBe(
      '<?xml version="1.0"?><rss/>',
    );
  });

  it('leaves a DOCTYPE inside the document (quoted HTML) alone', () => {
    const text = '<rss><item><description><![CDATA[<!DOCTYPE html><p>x</p>]]></description></item></rss>';
    expect(stripPrologJunk(text)).toBe(text);
  });
});

describe('repairXml', () => {
  it('escapes bare ampersands, maps HTML entities, keeps valid references and CDATA', () => {
    expect(repairXml('<a>x?a=1&b=2 & more &amp; &#38; &#x26; &nbsp;&hellip;&bogus; <![CDATA[a&b &nbsp;]]></a>')).toBe(
      '<a>x?a=1&amp;b=2 &amp; more &amp; &#38; &#x26; &#160;&#8230;&amp;bogus; <![CDATA[a&b &nbsp;]]></a>',
    );
  });

  it('drops control characters XML forbids', () => {
    expect(repairXml('<a>x\u0001y\u000Bz\tw</a>')).toBe('<a>xyz\tw</a>');
  });
});
