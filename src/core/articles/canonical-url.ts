/**
 * The one form of an article URL that kabar stores, compares and posts.
 */

/**
 * Query parameters that only track the click, never select the content. `utm_*` is matched as a
 * prefix. Anything not listed is kept, because some sites route articles by query string.
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid', 'twclid',
]);

function isTrackingParameter(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    // A malformed escape is not a tracking parameter we know; keep it as written.
  }
  name = name.toLowerCase();
  return name.startsWith('utm_') || TRACKING_PARAMETERS.has(name);
}

/**
 * Canonicalizes an article link: resolves it against `base` (the feed URL) when relative, lower-cases
 * the host, drops credentials, tracking parameters ({@link TRACKING_PARAMETERS}, `utm_*`) and the fragment, and
 * keeps everything else — path, other parameters, their order and encoding — as written.
 * A `#!` fragment is kept: on hash-bang sites it is the article's address.
 *
 * Returns undefined when the link is empty, unparseable, or not http(s).
 *
 * @example
 * ```ts
 * canonicalizeUrl('/news/us/2025/11/06/x/?utm_source=rss&id=7#top', 'https://WWW.Example.com/feed');
 * // "https://www.example.com/news/us/2025/11/06/x/?id=7"
 * ```
 */
export function canonicalizeUrl(link: string, base?: string): string | undefined {
  const trimmed = link.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Work on the serialized query rather than URLSearchParams, whose re-encoding would change
  // the parameters we keep (`%20` -> `+`, `a` -> `a=`).
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParameter(pair.split('=')[0] ?? ''));
  const search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  const fragment = url.hash.startsWith('#!') ? url.hash : '';
  // Credentials never belong in a link posted to a chat.
  return `${url.protocol}//${url.host}${url.pathname}${search}${fragment}`;
}
