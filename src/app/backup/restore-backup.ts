/**
 * `kabar restore FILE`: writes a backup into a Redis that may be empty or already in use, without
 * losing anything already there. What is on the target always wins over the file:
 *
 * - a topic missing on the target is written with its whole history (same version numbers,
 *   authors and times); one whose history on the target is the start of the file's gets the
 *   missing later versions; one whose history differs (edited on both sides) is kept as it is on
 *   the target, and reported as a conflict;
 * - a glossary entry, feed or subscription that exists on the target is kept; a different one is
 *   reported as a conflict;
 * - a restored feed starts over as new (`seeded: false`, no validators): its first check only
 *   remembers what is there, so that the articles the target has not seen are not all posted
 *   again (seen-article ids are not in a backup).
 */
import type { BackedUpTopic, BackupDocument } from '../../core/backup/backup-document.js';
import type { FeedRecord } from '../../core/ports.js';
import type { TopicVersion } from '../../core/topics/topic-store.js';
import type { GlossaryOverride } from '../../core/translation/glossary-store.js';
import type { BackupDeps } from './create-backup.js';

/** Counts per kind of thing restored. */
export interface RestoreCounts {
  /** Written from the file. */
  added: number;
  /** Already on the target, the same. */
  unchanged: number;
  /** On the target and different: the target's kept. */
  conflicts: string[];
}

/** What a restore did. */
export interface RestoreReport {
  topics: RestoreCounts & { versionsAdded: number };
  glossaryEntries: RestoreCounts;
  feeds: RestoreCounts;
  subscriptions: RestoreCounts;
}

const counts = (): RestoreCounts => ({ added: 0, unchanged: 0, conflicts: [] });

/** Restores `backup` (already checked by `parseBackupDocument`). */
export async function restoreBackup(backup: BackupDocument, deps: BackupDeps): Promise<RestoreReport> {
  const report: RestoreReport = { topics: { ...counts(), versionsAdded: 0 }, glossaryEntries: counts(), feeds: counts(), subscriptions: counts() };
  for (const topic of backup.topics) await restoreTopic(topic, deps, report.topics);

  for (const [language, entries] of Object.entries(backup.glossaries)) {
    const existing = new Map((await deps.glossaries.overrides(language)).map((entry) => [entry.source, entry]));
    for (const entry of entries) {
      const current = existing.get(entry.source);
      if (current === undefined) {
        if ((await deps.glossaries.put(language, entry)) === 'full') report.glossaryEntries.conflicts.push(`${language} "${entry.source}" (glossary full)`);
        else report.glossaryEntries.added++;
      } else if (sameOverride(current, entry)) report.glossaryEntries.unchanged++;
      else report.glossaryEntries.conflicts.push(`${language} "${entry.source}"`);
    }
  }

  for (const feed of backup.feeds) {
    const current = await deps.feeds.get(feed.url);
    if (current !== undefined) {
      if (current.intervalMs === feed.intervalMs && current.addedBy === feed.addedBy) report.feeds.unchanged++;
      else report.feeds.conflicts.push(feed.url);
      continue;
    }
    if (await deps.feeds.add(startOver(feed, deps.clock.now()))) report.feeds.added++;
    else report.feeds.unchanged++; // added by a running kabar in between
  }

  for (const subscription of backup.subscriptions) {
    const current = await deps.subscriptions.get(subscription.id);
    if (current === undefined) {
      await deps.subscriptions.save(subscription);
      report.subscriptions.added++;
    } else if (JSON.stringify(current) === JSON.stringify(subscription)) report.subscriptions.unchanged++;
    else report.subscriptions.conflicts.push(subscription.id);
  }
  return report;
}

async function restoreTopic(topic: BackedUpTopic, deps: BackupDeps, report: RestoreReport['topics']): Promise<void> {
  const label = `${topic.name}${topic.scope === 'global' ? '' : ` (${topic.scope})`}`;
  const newestFirst = await deps.topics.history(topic.scope, topic.name, Number.MAX_SAFE_INTEGER);
  const onTarget = [...newestFirst].reverse();
  const sharedStart = onTarget.every((version, index) => topic.versions[index] !== undefined && sameVersion(version, topic.versions[index]));
  if (!sharedStart) {
    report.conflicts.push(label);
    return;
  }
  const missing = topic.versions.slice(onTarget.length);
  if (missing.length === 0) {
    report.unchanged++;
    return;
  }
  for (const version of missing) {
    const result = await deps.topics.append(topic.scope, topic.name, version.version - 1, {
      definition: version.definition,
      deleted: version.deleted,
      author: version.author,
      at: version.at,
      action: version.action,
    });
    if (result.status === 'conflict') {
      // A moderator edited it while the restore ran: theirs stands.
      report.conflicts.push(label);
      return;
    }
    report.versionsAdded++;
  }
  report.added++;
}

function sameVersion(a: TopicVersion, b: TopicVersion): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

function comparable(version: TopicVersion): unknown {
  const { definition } = version;
  return [version.version, version.deleted, version.author, version.at, version.action, definition.name, definition.description ?? null, definition.include, definition.exclude];
}

function sameOverride(a: GlossaryOverride, b: GlossaryOverride): boolean {
  return a.kind === b.kind && (a.kind !== 'term' || (b.kind === 'term' && a.target === b.target));
}

function startOver(feed: FeedRecord, now: number): FeedRecord {
  const fresh: FeedRecord = { ...feed, seeded: false, validators: {}, consecutiveFailures: 0, failing: false, nextCheckAt: Math.min(feed.nextCheckAt, now) };
  delete fresh.lastError;
  delete fresh.lastErrorCode;
  return fresh;
}
