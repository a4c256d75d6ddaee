import { describe, expect, it } from 'vitest';
import { parseXmlFeed } from '../../../src/adapters/feeds/xml-feed.js';
import {
  attributeOf,
  findRootElement,
  PROLOG_SCAN_LIMIT,
  repairXml,
  stripPrologJunk,
} from '../../../src/adapters/feeds/xml-repair.js';

// Each `[a]` doubled the work of the old DOCTYPE regex: 28 took 2.5 s, 40 would take hours.
const hostileDoctype = `<!DOCTYPE x ${'[a]'.repeat(40)}`;

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

  it('skips an internal subset holding ">", and any case of DOCTYPE', () => {
    expect(findRootElement('<!doctype feed [<!ENTITY a "x>y">]><feed>')?.name).toBe('feed');
  });

  it('reads a hostile DOCTYPE in linear time, finding no root element', () => {
    const started = performance.now();
    expect(findRootElement(hostileDoctype)).toBeUndefined();
    expect(findRootElement(`<!DOCTYPE x ${'[a]'.repeat(200_000)}>`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops looking for the root element after PROLOG_SCAN_LIMIT characters of prolog', () => {
    const comment = (length: number): string => `<!--${'x'.repeat(length - 7)}-->`;
    expect(findRootElement(`${comment(PROLOG_SCAN_LIMIT - 100)}<rss>`)?.name).toBe('rss');
    expect(findRootElement(`${comment(PROLOG_SCAN_LIMIT + 100)}<rss>`)).toBeUndefined();
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

  it('keeps comments and instructions around the DOCTYPE it drops', () => {
    expect(stripPrologJunk('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss/>')).toBe(
      '<?xml version="1.0"?>\n<!-- c -->\n\n<rss/>',
    );
  });

  it('passes a hostile DOCTYPE through untouched, in linear time', () => {
    const started = performance.now();
    expect(stripPrologJunk(hostileDoctype)).toBe(hostileDoctype);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseXmlFeed on a hostile prolog', () => {
  it('rejects it as not-a-feed at once instead of blocking the event loop', async () => {
    const started = performance.now();
    await expect(parseXmlFeed(hostileDoctype)).rejects.toMatchObject({ code: 'not-a-feed' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('repairXml', () => {
  it('escapes bare ampersands, maps HTML entities, keeps valid references and CDATA', () => {
    expect(repairXml('<a>x?a=1&b=2 & more &amp; &#38; &#x26; &nbsp;&hellip;&bogus; <![CDATA[a&b &nbsp;]]></a>')).toBe(
      '<a>x?a=1&amp;b=2 &amp; more &amp; &#38; &#x26; &#160;&#8230;&amp;bogus; <![CDATA[a&b &nbsp;]]></a>',
    );
  });

  it('maps an HTML name that stands for two characters to both', () => {
    expect(repairXml('<a>x &NotEqualTilde; y</a>')).toBe('<a>x &#8770;&#824; y</a>');
  });

  it('drops control characters XML forbids', () => {
    expect(repairXml('<a>x\u0001y\u000Bz\tw</a>')).toBe('<a>xyz\tw</a>');
  });
});
