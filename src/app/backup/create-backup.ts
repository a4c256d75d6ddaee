/**
 * `kabar backup`: everything moderators and operators built, read through the stores' ports.
 */
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackedUpTopic, type BackupDocument } from '../../core/backup/backup-document.js';
import type { Clock, FeedStore, SubscriptionStore } from '../../core/ports.js';
import type { TopicStore } from '../../core/topics/topic-store.js';
import type { GlossaryStore } from '../../core/translation/glossary-store.js';

/** The stores a backup reads and a restore writes. */
export interface BackupDeps {
  topics: TopicStore;
  glossaries: GlossaryStore;
  feeds: FeedStore;
  subscriptions: SubscriptionStore;
  clock: Clock;
}

/** More versions than any topic holds: a topic's whole history is read. */
const ALL_VERSIONS = Number.MAX_SAFE_INTEGER;

/**
 * Reads every live topic of every scope with its whole history, the glossaries, the feeds with
 * their state, and the subscriptions. A deleted topic is not included (its history stays in the
 * Redis it was deleted in).
 */
export async function createBackup(deps: BackupDeps, kabarVersion: string): Promise<BackupDocument> {
  const topics: BackedUpTopic[] = [];
  for (const stored of await deps.topics.list()) {
    const newestFirst = await deps.topics.history(stored.scope, stored.name, ALL_VERSIONS);
    topics.push({ scope: stored.scope, name: stored.name, versions: [...newestFirst].reverse() });
  }
  const glossaries: BackupDocument['glossaries'] = {};
  for (const language of await deps.glossaries.languages()) {
    const entries = await deps.glossaries.overrides(language);
    if (entries.length > 0) glossaries[language] = entries;
  }
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date(deps.clock.now()).toISOString(),
    kabarVersion,
    topics,
    glossaries,
    feeds: await deps.feeds.list(),
    subscriptions: await deps.subscriptions.list(),
  };
}
