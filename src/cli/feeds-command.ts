/**
 * `kabar feeds add|remove|list` and `kabar fetch URL`.
 */
import { addFeed, assertNewFeed, checkFeedUrl, describeFeedHealth, removeFeed } from '../app/feeds/manage-feeds.js';
import { oneShotProblem } from '../app/feeds/one-shot-problem.js';
import { describeError, isKabarError, KabarError } from '../core/errors.js';
import type { Config } from '../config.js';
import { parseDuration } from '../core/duration.js';
import { titleText } from '../core/text/html-to-text.js';
import { config, out, UsageError, withRuntime } from './cli-support.js';
import { createFeedFetcher } from '../main.js';

/**
 * `kabar feeds add URL [--interval 10m] [--force]`. The URL is fetched once first, with the same
 * code as `kabar fetch` and the poller, so a page that is not a feed, a 404 or an address the
 * poller refuses is refused now with fetch's message rather than failing on every poll. An HTML
 * page that names its feed gets that feed offered. `--force` adds it anyway (an outlet that is
 * down for now).
 */
export async function feedsAdd(url: string, options: { interval?: string; force?: boolean }): Promise<void> {
  const intervalMs = options.interval === undefined ? undefined : parseDuration(options.interval);
  if (options.interval !== undefined && intervalMs === undefined) {
    throw new UsageError(`--interval takes a duration such as 5m, 1h or 90s (got "${options.interval}")`);
  }
  await withRuntime(async (runtime) => {
    const checked = checkFeedUrl(url);
    await assertNewFeed(checked, runtime.feeds);
    if (!options.force) await tryFeed(checked, runtime.config);
    const feed = await addFeed(checked, intervalMs ?? runtime.config.KABAR_POLL_INTERVAL, {
      feeds: runtime.feeds,
      clock: runtime.clock,
      // Checked already, and added by hand: due at once, not spread over the first minute.
      random: () => 0,
    });
    out(`added ${feed.url}; its first check only remembers what is there, later items are posted`);
  });
}

async function tryFeed(url: string, settings: Config): Promise<void> {
  try {
    await createFeedFetcher(settings).fetch(url);
  } catch (error) {
    const forced = isKabarError(error) && (error.code === 'bad-url' || error.code === 'blocked-address') ? '' : ' (--force adds it anyway)';
    const problem = oneShotProblem(describeError(error));
    throw new KabarError(isKabarError(error) ? error.kind : 'permanent', `not added: ${problem}${forced}`, {
      code: isKabarError(error) ? error.code : 'unexpected',
      cause: error,
    });
  }
}

/** `kabar feeds remove URL`. */
export async function feedsRemove(url: string): Promise<void> {
  await withRuntime(async (runtime) => {
    out(`removed ${await removeFeed(url, runtime)}`);
  });
}

/** `kabar feeds list [--json]`: every feed with its health. */
export async function feedsList(options: { json?: boolean }): Promise<void> {
  await withRuntime(async (runtime) => {
    const feeds = await runtime.feeds.list();
    if (options.json) {
      for (const feed of feeds) out(JSON.stringify(feed));
      return;
    }
    if (feeds.length === 0) out('no feeds yet: kabar feeds add URL (kabar start adds the shipped defaults)');
    const now = runtime.clock.now();
    for (const feed of feeds) out(describeFeedHealth(feed, now));
    const failing = feeds.filter((feed) => feed.failing).length;
    out(`${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}, ${failing} failing`);
  });
}

/** `kabar fetch URL [--json]`: one fetch and parse with the bot's own code, no Redis. */
export async function fetchCommand(url: string, options: { json?: boolean }): Promise<void> {
  const fetcher = createFeedFetcher(config());
  const result = await fetcher.fetch(url);
  if (result.status === 'not-modified') {
    out('304 not modified');
    return;
  }
  const { feed } = result;
  if (options.json) {
    out(JSON.stringify({ url: result.finalUrl, ...feed }, null, 2));
    return;
  }
  // Parsed titles are HTML (a text title arrives escaped): show them as a reader would see them.
  out(`${feed.title === undefined ? '(untitled feed)' : titleText(feed.title)} — ${feed.format}, ${feed.items.length} items${feed.language ? `, language ${feed.language}` : ''}`);
  for (const item of feed.items) {
    const date = item.publishedAt === undefined ? 'no date         ' : new Date(item.publishedAt).toISOString().slice(0, 16);
    out(`${date}  ${item.title === undefined ? '(no title)' : titleText(item.title)}`);
    if (item.link) out(`                  ${item.link}`);
  }
}
