import { feedUrlProblem } from '../../core/feeds/feed-url.js';
import { feedError } from './feed-errors.js';

/**
 * Parses and vets a feed URL: http or https only, no `user:pass@` credentials (they would be
 * sent to every redirect target and end up in logs), and a host.
 *
 * @throws KabarError `bad-url` (permanent) otherwise.
 * @example
 * ```ts
 * parseFeedUrl('https://example.com/rss').href; // 'https://example.com/rss'
 * parseFeedUrl('ftp://example.com/rss'); // throws bad-url
 * ```
 */
export function parseFeedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (cause) {
    throw feedError('bad-url', `"${clip(raw)}" is not a valid URL; give the full address, e.g. https://example.com/feed.xml`, {
      cause,
    });
  }
  return vetUrl(url);
}

/**
 * Decides where a redirect may go: resolves `location` against the URL that answered, then applies
 * the same rules as {@link parseFeedUrl}, and refuses https -> http (a downgrade would let anyone
 * on the path rewrite the feed).
 *
 * @param from - the URL whose response carried the redirect
 * @param location - the raw `Location` header, if any
 * @throws KabarError `bad-url` when the redirect may not be followed.
 * @example
 * ```ts
 * resolveRedirect(new URL('https://a.example/feed'), '/rss').href; // 'https://a.example/rss'
 * resolveRedirect(new URL('https://a.example/feed'), 'http://a.example/rss'); // throws bad-url
 * ```
 */
export function resolveRedirect(from: URL, location: string | undefined): URL {
  if (location === undefined || location.trim() === '') {
    throw feedError('bad-url', `${from.host} answered with a redirect but no Location header`);
  }
  let next: URL;
  try {
    next = new URL(location.trim(), from);
  } catch (cause) {
    throw feedError('bad-url', `${from.host} redirected to an invalid URL "${clip(location)}"`, { cause });
  }
  vetUrl(next, 'redirect to ');
  if (from.protocol === 'https:' && next.protocol === 'http:') {
    throw feedError(
      'bad-url',
      `${from.host} redirected from https to plain http (${next.host}); refusing the downgrade — use the http URL directly if you trust it`,
    );
  }
  return next;
}

function vetUrl(url: URL, prefix = ''): URL {
  const problem = feedUrlProblem(url);
  if (problem !== undefined) throw feedError('bad-url', `${prefix}${problem}`);
  return url;
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
