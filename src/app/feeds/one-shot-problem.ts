/**
 * Failure messages are written for the poller, which retries on a schedule and polls feeds that
 * were added ("will retry", "remove the feed"). A one-shot command (`kabar fetch`, `kabar feeds
 * add`, `kabar brief`, `/feeds add` in a chat) retries nothing and may be trying a URL that was
 * never added: this rewrites such a message for it.
 */

// "; will retry", "; will retry (Retry-After 30 s)", " — will retry": advice the poller follows.
const WILL_RETRY = /(?:;|\s—)\s*will retry(?:\s*\([^)]*\))?/g;

/**
 * `message` without the poller's promises and advice: no "will retry" (nothing will), and a 404
 * or 410 says what happened without telling the user to remove a feed they may never have added.
 *
 * @example
 * ```ts
 * oneShotProblem('http-status: 503 Service Unavailable from news.example: the server is having trouble; will retry');
 * // 'http-status: 503 Service Unavailable from news.example: the server is having trouble; try again later'
 * ```
 */
export function oneShotProblem(message: string): string {
  return message
    .replace(WILL_RETRY, '; try again later')
    .replace('there is no feed at this URL — check it, or remove the feed', 'there is no feed at this URL — check it')
    .replace('the publisher removed this feed — remove it', 'the publisher removed this feed');
}
