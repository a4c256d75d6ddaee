/**
 * `kabar backup`, `kabar restore FILE`, `kabar feeds export` and `kabar feeds import FILE`.
 */
import { readFile } from 'node:fs/promises';
import { createBackup } from '../app/backup/create-backup.js';
import { restoreBackup, type RestoreCounts } from '../app/backup/restore-backup.js';
import { importFeeds } from '../app/feeds/import-feeds.js';
import { parseBackupDocument } from '../core/backup/backup-document.js';
import { describeError, KabarError } from '../core/errors.js';
import { parseOpml, renderOpml } from '../core/feeds/opml.js';
import type { Runtime } from '../main.js';
import { KABAR_VERSION } from '../version.js';
import { out, withRuntime } from './cli-support.js';

const stores = (runtime: Runtime) => ({
  topics: runtime.topics,
  glossaries: runtime.glossaries,
  feeds: runtime.feeds,
  subscriptions: runtime.subscriptions,
  clock: runtime.clock,
});

/** `kabar backup`: the backup document on stdout. */
export async function backupCommand(): Promise<void> {
  await withRuntime(async (runtime) => {
    out(JSON.stringify(await createBackup(stores(runtime), KABAR_VERSION), null, 2));
  });
}

/** `kabar restore FILE`: restores a backup, keeping what the target already holds; prints what it did. */
export async function restoreCommand(file: string): Promise<void> {
  const text = await readText(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new KabarError('permanent', `${file} is not JSON (${describeError(error)}); make a backup with kabar backup > kabar.json`, { code: 'backup-format' });
  }
  const backup = parseBackupDocument(raw);
  await withRuntime(async (runtime) => {
    const report = await restoreBackup(backup, stores(runtime));
    out(`topics: ${line(report.topics)}, ${report.topics.versionsAdded} versions written`);
    out(`glossary entries: ${line(report.glossaryEntries)}`);
    out(`feeds: ${line(report.feeds)}`);
    out(`subscriptions: ${line(report.subscriptions)}`);
    const conflicts = [
      ...report.topics.conflicts.map((name) => `topic ${name}`),
      ...report.glossaryEntries.conflicts.map((name) => `glossary ${name}`),
      ...report.feeds.conflicts.map((url) => `feed ${url}`),
      ...report.subscriptions.conflicts.map((id) => `subscription ${id}`),
    ];
    for (const conflict of conflicts) out(`kept as it is here (differs from the backup): ${conflict}`);
  });
}

/** `kabar feeds export`: the feed list as OPML on stdout. */
export async function feedsExport(): Promise<void> {
  await withRuntime(async (runtime) => {
    const feeds = (await runtime.feeds.list()).map((feed) => (feed.title ? { url: feed.url, title: feed.title } : { url: feed.url }));
    process.stdout.write(renderOpml(feeds, { title: 'kabar feeds', createdAt: runtime.clock.now() }));
  });
}

/** `kabar feeds import FILE`: adds an OPML file's feeds, skipping those already polled. */
export async function feedsImport(file: string): Promise<void> {
  const feeds = parseOpml(await readText(file));
  if (feeds === undefined) throw new KabarError('permanent', `${file} is not an OPML file (no <opml> element)`, { code: 'not-opml' });
  await withRuntime(async (runtime) => {
    const report = await importFeeds(feeds, runtime.config.KABAR_POLL_INTERVAL, {
      feeds: runtime.feeds,
      clock: runtime.clock,
      random: Math.random,
    });
    for (const url of report.added) out(`added ${url}`);
    for (const url of report.duplicates) out(`already a feed: ${url}`);
    for (const { url, reason } of report.refused) out(`not added: ${url} (${reason})`);
    out(`${report.added.length} added, ${report.duplicates.length} already there, ${report.refused.length} refused`);
  });
}

function line(counts: RestoreCounts): string {
  return `${counts.added} added, ${counts.unchanged} already there, ${counts.conflicts.length} kept as they are here`;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new KabarError('permanent', `cannot read ${file}: ${describeError(error)}`, { code: 'unreadable-file' });
  }
}
