/**
 * The generated feed documents of the `parse` and `pipeline` benchmarks: RSS 2.0 with
 * `content:encoded`, and Atom whose titles and content are `type="xhtml"` mixed content, both built
 * from the labelled headlines so that some items match the shipped topics.
 */
import { loadLabelled } from '../../test/core/topics/labelled-set.js';

const labelled = loadLabelled('topics-labelled.jsonl');
/** Feeds per run, items per feed, and how many of them the first poll of `pipeline` sees. */
export const FEEDS = 40;
export const ITEMS_PER_FEED = 25;
export const SEEDED_ITEMS = 5;

function paragraphText(seed: number): string {
  const item = labelled[seed % labelled.length];
  return Array.from({ length: 8 }, (_, i) => `<p>${item?.summary ?? ''} Paragraph ${i + 1} of story ${seed}, with Mr. Smith of the U.S. saying “we agree,” officials said.</p>`).join('\n');
}

/** An RSS document of `count` items of feed `feed`, newest first. */
export function rss(feed: number, count: number, now: number): string {
  const items: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const seed = feed * ITEMS_PER_FEED + i;
    const item = labelled[seed % labelled.length];
    items.push(`<item><guid>https://bench.example/${feed}/${i}</guid><title>${escapeXml(`${item?.title ?? 'Story'} (${feed}-${i})`)}</title>
<link>https://bench.example/${feed}/${i}?utm_source=rss</link><pubDate>${new Date(now - (count - i) * 60_000).toUTCString()}</pubDate>
<description>${escapeXml(item?.summary ?? '')}</description><content:encoded><![CDATA[${paragraphText(seed)}]]></content:encoded></item>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench ${feed}</title><link>https://bench.example/</link><language>en</language>${items.join('\n')}</channel></rss>`;
}

/** Escapes text for an XML text node. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An Atom document of `count` entries whose titles and content are `type="xhtml"` mixed content. */
export function atomXhtml(feed: number, count: number, now: number): string {
  const entries: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const seed = feed * ITEMS_PER_FEED + i;
    const item = labelled[seed % labelled.length];
    const xhtml = '<div xmlns="http://www.w3.org/1999/xhtml">';
    entries.push(`<entry><id>https://bench.example/${feed}/${i}</id><link href="/${feed}/${i}"/><updated>${new Date(now - (count - i) * 60_000).toISOString()}</updated>
<title type="xhtml">${xhtml}Breaking: <b>${escapeXml(item?.title ?? 'Story')}</b> (${feed}-${i})</div></title>
<content type="xhtml">${xhtml}${paragraphText(seed).replace(/Mr\. Smith/g, '<em>Mr. Smith</em>')}</div></content></entry>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://bench.example/"><title>Bench ${feed}</title>${entries.join('\n')}</feed>`;
}

