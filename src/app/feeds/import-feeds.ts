/**
 * `kabar feeds import FILE`: adds the feeds of an OPML file, skipping those already polled.
 */
import { isKabarError } from '../../core/errors.js';
import type { OpmlFeed } from '../../core/feeds/opml.js';
import { addFeed, type ManageFeedsDeps } from './manage-feeds.js';

/** What an import did, URL by URL. */
export interface ImportReport {
  added: string[];
  /** Already feeds. */
  duplicates: string[];
  /** Not added, with why (not http/https, credentials in the URL...). */
  refused: Array<{ url: string; reason: string }>;
}

/** Adds each feed like `kabar feeds add` does, at `intervalMs`. */
export async function importFeeds(feeds: readonly OpmlFeed[], intervalMs: number, deps: ManageFeedsDeps): Promise<ImportReport> {
  const report: ImportReport = { added: [], duplicates: [], refused: [] };
  for (const feed of feeds) {
    try {
      report.added.push((await addFeed(feed.url, intervalMs, deps)).url);
    } catch (error) {
      if (isKabarError(error) && error.code === 'duplicate') report.duplicates.push(feed.url);
      else if (isKabarError(error, 'permanent')) report.refused.push({ url: feed.url, reason: error.message });
      else throw error;
    }
  }
  return report;
}
