/**
 * What makes a URL acceptable as a feed address, in one place for the two moments it is checked:
 * when a moderator adds a feed, and on every fetch and redirect.
 */

/**
 * Why `url` cannot be a feed address, or undefined when it can: http or https only, no
 * `user:pass@` credentials (they would be sent to every redirect target and end up in logs), and
 * a host.
 *
 * @example
 * ```ts
 * feedUrlProblem(new URL('ftp://example.com/rss')); // 'ftp URL refused; feeds must be http or https'
 * feedUrlProblem(new URL('https://example.com/rss')); // undefined
 * ```
 */
export function feedUrlProblem(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${url.protocol.replace(/:$/, '')} URL refused; feeds must be http or https`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'URL with credentials (user:password@) refused; use a URL without them';
  }
  if (url.hostname === '') return 'URL has no host';
  return undefined;
}
