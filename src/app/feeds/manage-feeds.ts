/**
 * Adding, removing and listing feeds: what `kabar feeds` and the moderator commands call.
 */
import defaultFeedList from '../../core/feeds/default-feeds.json' with { type: 'json' };
import { formatDuration } from '../../core/duration.js';
import { KabarError } from '../../core/errors.js';
import { feedUrlProblem } from '../../core/feeds/feed-url.js';
import { firstCheck } from '../../core/feeds/next-check-time.js';
import type { Clock, FeedRecord, FeedStore } from '../../core/ports.js';

/** Everything the feed commands need. */
export interface ManageFeedsDeps {
  feeds: FeedStore;
  clock: Clock;
  random: () => number;
}

/** The shortest interval a moderator may set: politeness towards the outlets. */
export const MIN_INTERVAL_MS = 60_000;

/**
 * Adds a feed, first checked within a minute. The first successful fetch only marks its items
 * seen (nothing is posted), so adding a feed never floods the chats with its backlog.
 *
 * `addedBy` names the chat scope whose moderators added it (only they may remove it from chat).
 *
 * @throws KabarError (`permanent`) for a URL that is not http(s), carries credentials, or is already
 *   added (also when it differs only by a trailing slash, the host's case or a default port).
 */
export async function addFeed(url: string, intervalMs: number, deps: ManageFeedsDeps, addedBy?: string): Promise<FeedRecord> {
  const checked = checkFeedUrl(url);
  if (intervalMs < MIN_INTERVAL_MS) {
    throw new KabarError('permanent', `interval ${formatDuration(intervalMs)} is too short: use at least 1m`, {
      code: 'usage',
    });
  }
  await assertNewFeed(checked, deps.feeds);
  const now = deps.clock.now();
  const record: FeedRecord = {
    url: checked,
    intervalMs,
    addedAt: now,
    seeded: false,
    validators: {},
    consecutiveFailures: 0,
    failing: false,
    nextCheckAt: firstCheck(now, deps.random()),
    ...(addedBy === undefined ? {} : { addedBy }),
  };
  if (!(await deps.feeds.add(record))) {
    throw new KabarError('permanent', `${checked} is already a feed`, { code: 'duplicate' });
  }
  return record;
}

/**
 * Throws when `url` (already checked) names a stored feed: the same URL, or one that differs only
 * in what servers ignore (a trailing slash, the host's case, a default port). Such a duplicate
 * would be polled twice and post the same articles twice.
 *
 * @throws KabarError (`permanent`, code `duplicate`) naming the stored URL.
 */
export async function assertNewFeed(url: string, feeds: Pick<FeedStore, 'list'>): Promise<void> {
  const key = sameFeedKey(url);
  const same = (await feeds.list()).find((feed) => feed.url === url || sameFeedKey(feed.url) === key)?.url;
  if (same !== undefined) {
    throw new KabarError('permanent', `${url} is already a feed${same === url ? '' : `, as ${same}`}`, { code: 'duplicate' });
  }
}

function sameFeedKey(raw: string): string {
  try {
    // URL() lower-cases the host and drops default ports.
    const url = new URL(raw);
    url.hash = '';
    url.pathname = url.pathname.replace(/\/+$/, '') || '/';
    return url.toString();
  } catch {
    return raw;
  }
}

/**
 * Removes a feed, found by the URL as it was added or as kabar stored it (normalized).
 *
 * With `onlyAddedBy`, only a feed added by that chat scope is removed (chats remove their own feeds).
 *
 * @returns the stored URL that was removed.
 * @throws KabarError `not-found` when it is not a feed, `not-yours` when `onlyAddedBy` does not match.
 */
export async function removeFeed(
  url: string,
  deps: Pick<ManageFeedsDeps, 'feeds'>,
  options: { onlyAddedBy?: string } = {},
): Promise<string> {
  const candidates = [url.trim()];
  try {
    candidates.unshift(checkFeedUrl(url));
  } catch {
    // Not a valid feed URL now: it may still be stored as typed.
  }
  for (const candidate of candidates) {
    if (options.onlyAddedBy !== undefined) {
      const record = await deps.feeds.get(candidate);
      if (record !== undefined && record.addedBy !== options.onlyAddedBy) {
        throw new KabarError('permanent', `${record.url} was added by someone else`, { code: 'not-yours', data: { url: record.url } });
      }
    }
    if (await deps.feeds.remove(candidate)) return candidate;
  }
  throw new KabarError('permanent', `${url} is not a feed (see: kabar feeds list)`, { code: 'not-found' });
}

/** A shipped default feed. */
export interface DefaultFeed {
  url: string;
  outlet: string;
  topics: string[];
}

/** The shipped default feeds (`src/core/feeds/default-feeds.json`). */
export function defaultFeeds(): DefaultFeed[] {
  return defaultFeedList.feeds;
}

/** Adds the shipped default feeds that are not there yet; returns how many were added. */
export async function seedDefaultFeeds(intervalMs: number, deps: ManageFeedsDeps): Promise<number> {
  let added = 0;
  for (const feed of defaultFeeds()) {
    if (await deps.feeds.get(feed.url)) continue;
    await addFeed(feed.url, intervalMs, deps).then(
      () => added++,
      () => undefined, // lost a race with another process seeding: fine
    );
  }
  return added;
}

/** One line of `kabar feeds list`: health first, since that is what a moderator looks for. */
export function describeFeedHealth(feed: FeedRecord, now: number): string {
  const health = feed.failing
    ? `FAILING (${feed.consecutiveFailures} failures: ${feed.lastError ?? 'unknown error'})`
    : feed.consecutiveFailures > 0
      ? `retrying (${feed.consecutiveFailures} failure${feed.consecutiveFailures > 1 ? 's' : ''}: ${feed.lastError ?? ''})`
      : feed.lastSuccessAt !== undefined
        ? `ok, last success ${formatDuration(now - feed.lastSuccessAt)} ago`
        : 'new, not checked yet';
  const next = feed.nextCheckAt <= now ? 'due now' : `next check in ${formatDuration(feed.nextCheckAt - now)}`;
  return `${feed.url}  every ${formatDuration(feed.intervalMs)}  ${health}; ${next}`;
}

/**
 * `raw` as kabar stores a feed URL (trimmed, no fragment).
 *
 * @throws KabarError (`permanent`, code `bad-url`) for a URL that is not http(s) or carries credentials.
 */
export function checkFeedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new KabarError('permanent', `"${raw}" is not a URL: give the feed's full address, https://...`, {
      code: 'bad-url',
    });
  }
  const problem = feedUrlProblem(url);
  if (problem !== undefined) throw new KabarError('permanent', problem, { code: 'bad-url' });
  url.hash = '';
  return url.toString();
}
