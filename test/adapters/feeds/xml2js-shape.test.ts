import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toXml2js } from '../../../src/adapters/feeds/xml2js-shape.js';
import { parseXmlTree } from '../../../src/adapters/feeds/xml-tree.js';
import { stripPrologJunk } from '../../../src/adapters/feeds/xml-repair.js';
import { readFixture } from './loopback-server.js';

// The parser rss-parser would otherwise run, with the options it gives it (none).
const xml2js = createRequire(import.meta.url)('xml2js') as { parseStringPromise(xml: string): Promise<unknown> };

/**
 * xml2js's output as the projection means to differ from it: items without their text bodies, and
 * an empty item an object (it must lead back to its element), not xml2js's empty string.
 */
function withoutItemBodies(node: unknown, inItem = false): unknown {
  if (Array.isArray(node)) return node.map((child) => withoutItemBodies(child, inItem));
  if (typeof node === 'string' && inItem && node.trim() === '') return {};
  if (typeof node !== 'object' || node === null) return node;
  const kept = Object.entries(node).filter(([name]) => !(inItem && ['description', 'content:encoded', 'summary', 'content'].includes(name)));
  return Object.fromEntries(kept.map(([name, value]) => [name, withoutItemBodies(value, name === 'item' || name === 'entry')]));
}

describe('toXml2js', () => {
  it.each(['rss2.xml', 'rss1.rdf', 'windows-1251.xml'])('gives what xml2js gives for %s, items without their text bodies', async (name) => {
    const xml = stripPrologJunk((await readFixture(name)).toString('utf8'));
    const projected = toXml2js(parseXmlTree(xml)).document;
    expect(projected).toEqual(withoutItemBodies(await xml2js.parseStringPromise(xml)));
  });

  it('projects names by namespace: a prefixed root and RSS 1.0 elements lose their prefix, known ones get theirs', () => {
    const tree = parseXmlTree(
      '<R:RDF xmlns:R="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:d="http://purl.org/dc/elements/1.1/">' +
        '<rss:channel><rss:title>T</rss:title></rss:channel><rss:item><d:date>2026</d:date></rss:item></R:RDF>',
    );
    expect(toXml2js(tree).document).toEqual({ 'rdf:RDF': { $: expect.any(Object) as unknown, channel: [{ title: ['T'] }], item: [{ 'dc:date': ['2026'] }] } });
  });

  it('projects XHTML as its text, gives Atom links a $, and remembers the element of each item', () => {
    const tree = parseXmlTree(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link>https://x.example/</link>' +
        '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>b</b> c</div></title></entry></feed>',
    );
    const { document, items } = toXml2js(tree);
    const projected = document as { feed: { entry: Array<Record<string, unknown>> } };
    const entry = projected.feed.entry[0];
    expect(entry).toEqual({ link: [{ $: {}, _: 'https://x.example/' }], title: [{ $: { type: 'xhtml' }, 'xhtml:div': ['A b c'] }] });
    expect(items.get(entry)?.local).toBe('entry');
    expect(items.get(projected.feed)).toBeUndefined();
  });
});
