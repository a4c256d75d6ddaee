import { resolveHttpLink } from './feed-item.js';
import { decodeHtmlEntities } from '../../core/text/html-entities.js';

const feedTypes = /^application\/(?:rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/i;

/**
 * Finds the feed an HTML page advertises (`<link rel="alternate" type="application/rss+xml"
 * href="...">`), so a "not a feed" error can name the URL the user probably meant.
 *
 * @example
 * ```ts
 * findAlternateFeedLink('<link rel="alternate" type="application/rss+xml" href="/rss">', 'https://example.com/');
 * // 'https://example.com/rss'
 * ```
 */
export function findAlternateFeedLink(html: string, baseUrl: string | undefined): string | undefined {
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const type = attribute(tag, 'type')?.trim() ?? '';
    const href = attribute(tag, 'href');
    if (!rel.includes('alternate') || !feedTypes.test(type) || href === undefined) continue;
    const link = resolveHttpLink(decodeHtmlEntities(href), baseUrl);
    if (link !== undefined) return link;
  }
  return undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  return match?.[1] ?? match?.[2] ?? match?.[3];
}
