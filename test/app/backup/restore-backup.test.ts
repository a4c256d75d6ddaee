/**
 * Backup and restore on real Redis: a round trip into an empty prefix gives back the same topics
 * (every version, every scope), glossaries, feeds and subscriptions; a restore into a Redis in use
 * keeps what is there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, type BackupDeps } from '../../../src/app/backup/create-backup.js';
import { restoreBackup } from '../../../src/app/backup/restore-backup.js';
import { createRedisFeedStore } from '../../../src/adapters/redis/feed-store.js';
import { createRedisGlossaryStore } from '../../../src/adapters/redis/glossary-store.js';
import { createRedisSubscriptionStore } from '../../../src/adapters/redis/subscription-store.js';
import { createRedisTopicStore } from '../../../src/adapters/redis/topic-store.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import type { FeedRecord, Subscription } from '../../../src/core/ports.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const NOW = Date.UTC(2026, 5, 1);

function storesOn(test: TestRedis, suffix: string): BackupDeps {
  const prefix = `${test.prefix}${suffix}:`;
  return {
    topics: createRedisTopicStore(test.redis, prefix),
    glossaries: createRedisGlossaryStore(test.redis, prefix),
    feeds: createRedisFeedStore(test.redis, prefix),
    subscriptions: createRedisSubscriptionStore(test.redis, prefix),
    clock: { now: () => NOW },
  };
}

const definition = (include: string[], exclude: string[] = []) => ({ name: 'central-asia', include, exclude });

async function fill(deps: BackupDeps): Promise<void> {
  await deps.topics.append('global', 'central-asia', 0, { definition: definition(['Kazakh*']), deleted: false, author: 'kabar', at: 1, action: 'seed defaults' });
  await deps.topics.append('global', 'central-asia', 1, { definition: definition(['Kazakh*', 'Uzbek*']), deleted: false, author: 'discord:7', at: 2, action: 'add-term "Uzbek*"' });
  await deps.topics.append('global', 'central-asia', 2, { definition: definition(['Kazakh*', 'Uzbek*'], ['Borat']), deleted: false, author: 'cli:ops', at: 3, action: 'exclude "Borat"' });
  await deps.topics.append('chat:telegram-5', 'local', 0, { definition: { name: 'local', include: ['Almaty'], exclude: [] }, deleted: false, author: 'telegram:5', at: 4, action: 'create' });
  await deps.glossaries.put('id', { kind: 'term', source: 'White House', target: 'Gedung Putih', author: 'cli:ops', at: 5 });
  await deps.glossaries.put('id', { kind: 'removed', source: 'Knesset', author: 'cli:ops', at: 6 });
  const feed: FeedRecord = {
    url: 'https://gulf.example/feed',
    intervalMs: 300_000,
    addedAt: 7,
    seeded: true,
    validators: { etag: '"v1"' },
    consecutiveFailures: 2,
    failing: false,
    nextCheckAt: NOW + 60_000,
    title: 'Gulf Ledger',
    lastError: 'HTTP 503',
    lastErrorCode: 'http-status',
    addedBy: 'chat:discord-guild-9',
  };
  await deps.feeds.add(feed);
  const subscription: Subscription = {
    id: 'telegram-5',
    platform: 'telegram',
    chatId: '5',
    topics: ['central-asia'],
    language: 'id',
    style: DEFAULT_BRIEF_STYLE,
    onTranslationFailure: 'hold',
    createdAt: 8,
    paused: { code: 'chat-gone', reason: 'Telegram 403', since: 9 },
  };
  await deps.subscriptions.save(subscription);
}

describe('backup and restore', () => {
  let test: TestRedis;
  beforeEach(async () => {
    test = await openTestRedis();
  });
  afterEach(async () => {
    await test.cleanup();
  });

  it('round-trips everything into an empty Redis; a restored feed starts over so nothing is posted twice', async () => {
    const source = storesOn(test, 'a');
    const target = storesOn(test, 'b');
    await fill(source);
    const backup = JSON.parse(JSON.stringify(await createBackup(source, '0.1.0'))) as Awaited<ReturnType<typeof createBackup>>;
    expect(backup.topics.map((topic) => [topic.scope, topic.name, topic.versions.map((version) => version.version)])).toEqual([
      ['global', 'central-asia', [1, 2, 3]],
      ['chat:telegram-5', 'local', [1]],
    ]);

    const report = await restoreBackup(backup, target);
    expect(report.topics).toEqual({ added: 2, unchanged: 0, conflicts: [], versionsAdded: 4 });
    expect(report.glossaryEntries).toEqual({ added: 2, unchanged: 0, conflicts: [] });
    expect(report.feeds).toEqual({ added: 1, unchanged: 0, conflicts: [] });
    expect(report.subscriptions).toEqual({ added: 1, unchanged: 0, conflicts: [] });

    const again = await createBackup(target, '0.1.0');
    expect(again.topics).toEqual(backup.topics);
    expect(again.glossaries).toEqual(backup.glossaries);
    expect(again.subscriptions).toEqual(backup.subscriptions);
    const [feed] = again.feeds;
    expect(feed).toMatchObject({ url: 'https://gulf.example/feed', intervalMs: 300_000, title: 'Gulf Ledger', addedBy: 'chat:discord-guild-9', seeded: false, validators: {}, consecutiveFailures: 0 });
    expect(feed?.lastError).toBeUndefined();
    expect(feed?.nextCheckAt).toBeLessThanOrEqual(NOW);
    expect(await target.topics.revision()).toBe(4);
  });

  it('restoring twice changes nothing the second time', async () => {
    const source = storesOn(test, 'a');
    const target = storesOn(test, 'b');
    await fill(source);
    const backup = await createBackup(source, '0.1.0');
    await restoreBackup(backup, target);
    const second = await restoreBackup(backup, target);
    expect(second.topics).toEqual({ added: 0, unchanged: 2, conflicts: [], versionsAdded: 0 });
    expect(second.glossaryEntries).toMatchObject({ added: 0, unchanged: 2 });
    expect(second.feeds).toMatchObject({ added: 0, unchanged: 1 });
    expect(second.subscriptions).toMatchObject({ added: 0, unchanged: 1 });
  });

  it('into a Redis in use: appends the versions it lacks, keeps moderators\' diverging edits, reports conflicts', async () => {
    const source = storesOn(test, 'a');
    const target = storesOn(test, 'b');
    await fill(source);
    // The target has the first version of central-asia only: versions 2 and 3 are added.
    const [first] = (await source.topics.history('global', 'central-asia', 10)).reverse();
    if (!first) throw new Error('no version 1');
    await target.topics.append('global', 'central-asia', 0, { ...first });
    // A moderator made a topic of the same name in the chat scope differently here: it is kept.
    await target.topics.append('chat:telegram-5', 'local', 0, { definition: { name: 'local', include: ['Bishkek'], exclude: [] }, deleted: false, author: 'telegram:6', at: 40, action: 'create' });
    await target.glossaries.put('id', { kind: 'term', source: 'White House', target: 'Istana Putih', author: 'telegram:6', at: 41 });
    await target.subscriptions.save({ id: 'telegram-5', platform: 'telegram', chatId: '5', topics: [], language: 'en', style: DEFAULT_BRIEF_STYLE, onTranslationFailure: 'deliver-with-note', createdAt: 42 });

    const report = await restoreBackup(await createBackup(source, '0.1.0'), target);
    expect(report.topics).toEqual({ added: 1, unchanged: 0, conflicts: ['local (chat:telegram-5)'], versionsAdded: 2 });
    expect(report.glossaryEntries).toEqual({ added: 1, unchanged: 0, conflicts: ['id "White House"'] });
    expect(report.subscriptions.conflicts).toEqual(['telegram-5']);

    expect((await target.topics.get('global', 'central-asia'))?.definition.exclude).toEqual(['Borat']);
    expect((await target.topics.get('chat:telegram-5', 'local'))?.definition.include).toEqual(['Bishkek']);
    expect((await target.glossaries.overrides('id')).find((entry) => entry.source === 'White House')).toMatchObject({ target: 'Istana Putih' });
    expect((await target.subscriptions.get('telegram-5'))?.language).toBe('en');
  });
});
