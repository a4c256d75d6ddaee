/**
 * OPML 2.0, the feed list format every feed reader imports and exports: `kabar feeds export`
 * writes one, `kabar feeds import` reads the feed URLs out of one. Only `<outline xmlUrl=...>`
 * matters; folders (outlines without `xmlUrl`) are walked through.
 */
import { decodeHtmlEntities } from '../text/html-entities.js';

/** One feed of an OPML file. */
export interface OpmlFeed {
  url: string;
  title?: string;
}

/**
 * Renders `feeds` as an OPML 2.0 document.
 *
 * @example
 * ```ts
 * renderOpml([{ url: 'https://example.org/rss', title: 'Example' }], { title: 'kabar feeds', createdAt: 0 });
 * ```
 */
export function renderOpml(feeds: readonly OpmlFeed[], head: { title: string; createdAt: number }): string {
  const outlines = feeds.map((feed) => {
    const title = escapeAttribute(feed.title ?? feed.url);
    return `    <outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeAttribute(feed.url)}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttribute(head.title)}</title>`,
    `    <dateCreated>${new Date(head.createdAt).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/**
 * The feeds of an OPML document, in document order, each URL once. Returns undefined when the text
 * is not OPML (no `<opml` element), so the caller can say so instead of importing nothing.
 */
export function parseOpml(text: string): OpmlFeed[] | undefined {
  if (!/<opml[\s>]/i.test(text)) return undefined;
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  // Comments and CDATA cannot hold outlines; drop them so a commented-out feed is not imported.
  const body = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const [tag] of body.matchAll(/<outline\b[^>]*>/gi)) {
    const attributes = readAttributes(tag);
    const url = attributes.xmlurl?.trim();
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const title = (attributes.title ?? attributes.text)?.trim();
    feeds.push(title ? { url, title } : { url });
  }
  return feeds;
}

function readAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const [, name, double, single] = match;
    if (name !== undefined) attributes[name.toLowerCase()] = decodeHtmlEntities(double ?? single ?? '');
  }
  return attributes;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
