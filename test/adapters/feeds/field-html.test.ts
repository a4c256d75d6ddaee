import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/core/text/html-to-text.js';
import { atomConstructHtml, atomTitleText, looseTitleText, rssHtml, textAsHtml, titleAsHtml, titleText } from '../../../src/adapters/feeds/field-html.js';
import { titleText as coreTitleText } from '../../../src/core/text/html-to-text.js';
import { parseXmlTree } from '../../../src/adapters/feeds/xml-tree.js';

describe('textAsHtml', () => {
  it('escapes just enough that the core reads the same text back', () => {
    for (const text of ['<blink> & AT&T', 'a < b and c > d', 'literal &amp; and &#8211; and &copy', 'Q & A']) {
      expect(htmlToText(textAsHtml(text))).toBe(text);
    }
    expect(textAsHtml('Q & A <b>')).toBe('Q & A &lt;b&gt;');
  });
});

describe('atomConstructHtml', () => {
  const construct = (xml: string): string => atomConstructHtml(parseXmlTree(xml));

  it('escapes type="text" (the default), takes type="html" as is, serializes type="xhtml" in order', () => {
    expect(construct('<title>&lt;blink&gt; 5 &lt; 6</title>')).toBe('&lt;blink&gt; 5 &lt; 6');
    expect(construct('<title type="html">&lt;b&gt;Bold&lt;/b&gt; move</title>')).toBe('<b>Bold</b> move');
    expect(construct('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Breaking: <b>Astana</b> summit &amp; more</div></title>')).toBe(
      '<div>Breaking: <b>Astana</b> summit &amp; more</div>',
    );
  });

  it("reads Atom 0.3's MIME types and modes, base64 included", () => {
    const encoded = Buffer.from('<p>Hello <i>there</i></p>').toString('base64');
    expect(construct(`<content type="text/html" mode="base64">\n${encoded}\n</content>`)).toBe('<p>Hello <i>there</i></p>');
    expect(construct(`<content mode="base64">${Buffer.from('1 < 2').toString('base64')}</content>`)).toBe('1 &lt; 2');
    expect(construct('<content mode="base64">not base64!</content>')).toBe('');
    expect(construct('<content mode="escaped">&lt;p&gt;x&lt;/p&gt;</content>')).toBe('<p>x</p>');
  });

  it('keeps the words of markup inside a construct that claims to be text', () => {
    expect(htmlToText(construct('<title>Tenge <b>steady</b> as <i>oil</i> climbs</title>'))).toBe('Tenge steady as oil climbs');
  });
});

describe('rssHtml and looseTitleText', () => {
  it('takes escaped HTML as is and serializes unescaped markup in document order', () => {
    expect(rssHtml(parseXmlTree('<description>&lt;p&gt;One&lt;/p&gt;</description>'))).toBe('<p>One</p>');
    expect(rssHtml(parseXmlTree('<description>Lead <b>bold</b> tail<br/>next</description>'))).toBe('Lead <b>bold</b> tail<br>next');
  });

  it('reads a title as HTML only when it holds a real HTML element or a comment', () => {
    expect(looseTitleText('<b>Breaking</b>: AT&amp;T <script>x()</script><!-- c -->')).toBe('Breaking: AT&T');
    expect(looseTitleText('Why <blink> died &amp; what replaced it')).toBe('Why <blink> died & what replaced it');
    expect(looseTitleText('Tom &amp; Jerry &#8211; &hellip;')).toBe('Tom & Jerry – …');
    expect(looseTitleText('a < b and c > d')).toBe('a < b and c > d');
    expect(atomTitleText(parseXmlTree('<title>&lt;blink&gt; &amp;amp; more</title>'))).toBe('<blink> &amp; more');
  });
});

describe('titleText and titleAsHtml', () => {
  it('give one line of text, and that text escaped so the core reads it back exactly', () => {
    expect(titleText('<p>Two</p><p>paragraphs</p>  ')).toBe('Two paragraphs');
    expect(titleText('<script>only()</script>')).toBeUndefined();
    for (const text of ['<blink> & AT&T', 'Q & A', 'AT&amp;T literally', 'a > b', 'Kazakhstan’s record']) {
      expect(coreTitleText(titleAsHtml(text) ?? '')).toBe(text);
    }
  });

  it('drop terminal escapes and bidi overrides, typed or as references', () => {
    expect(titleText('Feed\u001b[2J title &#27;[31mred \u202Egnp.exe')).toBe('Feed[2J title [31mred gnp.exe');
  });
});
