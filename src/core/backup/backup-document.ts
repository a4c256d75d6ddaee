/**
 * The backup file (`kabar backup`): what moderators and operators built, as one JSON document.
 * Topics with every version of every scope, glossary entries, feeds with their state, and
 * subscriptions. Not in it: queues, seen-article ids, the brief and article archives, delivery
 * records and the translation cache, which are working state that refills itself.
 */
import { KabarError } from '../errors.js';
import type { FeedRecord, Subscription } from '../ports.js';
import type { TopicScope } from '../topics/topic.js';
import type { TopicVersion } from '../topics/topic-store.js';
import type { GlossaryOverride } from '../translation/glossary-store.js';

/** Names the file's kind, so that another JSON file is refused with a clear error. */
export const BACKUP_FORMAT = 'kabar-backup';
/** The one format version this kabar writes and reads. */
export const BACKUP_FORMAT_VERSION = 1;

/** One topic with its whole history, oldest version first. */
export interface BackedUpTopic {
  scope: TopicScope;
  name: string;
  versions: TopicVersion[];
}

/** The document. */
export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** ISO time of the backup. */
  createdAt: string;
  /** The kabar that wrote it, for people. */
  kabarVersion: string;
  topics: BackedUpTopic[];
  /** Moderators' glossary entries per target language. */
  glossaries: Record<string, GlossaryOverride[]>;
  feeds: FeedRecord[];
  subscriptions: Subscription[];
}

/**
 * Checks that `raw` (parsed JSON) is a backup this kabar can restore.
 *
 * @throws KabarError `backup-format` naming what is wrong: not a kabar backup, another format
 *   version, or a malformed part.
 */
export function parseBackupDocument(raw: unknown): BackupDocument {
  const refuse = (why: string): KabarError => new KabarError('permanent', why, { code: 'backup-format' });
  if (!isObject(raw) || raw.format !== BACKUP_FORMAT) throw refuse('not a kabar backup (no "format": "kabar-backup"); make one with kabar backup > kabar.json');
  if (raw.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw refuse(
      `this backup is format version ${JSON.stringify(raw.formatVersion)}; this kabar reads version ${BACKUP_FORMAT_VERSION} only — restore it with the kabar version that wrote it (${String(raw.kabarVersion ?? 'unknown')})`,
    );
  }
  const { topics, glossaries, feeds, subscriptions } = raw;
  if (!Array.isArray(topics) || !topics.every(isTopic)) throw refuse('malformed "topics": each needs scope, name and versions 1, 2, 3... in order');
  if (!isObject(glossaries) || !Object.values(glossaries).every((entries) => Array.isArray(entries) && entries.every(isOverride))) {
    throw refuse('malformed "glossaries": each language needs a list of entries with kind, source, author and at');
  }
  if (!Array.isArray(feeds) || !feeds.every(isFeed)) throw refuse('malformed "feeds": each needs url, intervalMs and nextCheckAt');
  if (!Array.isArray(subscriptions) || !subscriptions.every(isSubscription)) {
    throw refuse('malformed "subscriptions": each needs id, platform, chatId, topics and language');
  }
  return raw as unknown as BackupDocument;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTopic(value: unknown): boolean {
  if (!isObject(value) || typeof value.name !== 'string' || typeof value.scope !== 'string') return false;
  if (value.scope !== 'global' && !value.scope.startsWith('chat:')) return false;
  const { versions } = value;
  return (
    Array.isArray(versions) &&
    versions.length > 0 &&
    versions.every(
      (version, index) =>
        isObject(version) &&
        version.version === index + 1 &&
        isObject(version.definition) &&
        Array.isArray(version.definition.include) &&
        Array.isArray(version.definition.exclude) &&
        typeof version.deleted === 'boolean' &&
        typeof version.author === 'string' &&
        typeof version.at === 'number' &&
        typeof version.action === 'string',
    )
  );
}

function isOverride(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.source === 'string' &&
    typeof value.author === 'string' &&
    typeof value.at === 'number' &&
    (value.kind === 'removed' || (value.kind === 'term' && typeof value.target === 'string'))
  );
}

function isFeed(value: unknown): boolean {
  return isObject(value) && typeof value.url === 'string' && typeof value.intervalMs === 'number' && typeof value.nextCheckAt === 'number';
}

function isSubscription(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.platform === 'string' &&
    typeof value.chatId === 'string' &&
    Array.isArray(value.topics) &&
    typeof value.language === 'string'
  );
}
