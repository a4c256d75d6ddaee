import { describe, expect, it } from 'vitest';
import { parseBackupDocument } from '../../../src/core/backup/backup-document.js';

const valid = {
  format: 'kabar-backup',
  formatVersion: 1,
  createdAt: '2026-01-02T00:00:00.000Z',
  kabarVersion: '0.1.0',
  topics: [
    {
      scope: 'global',
      name: 'x',
      versions: [{ version: 1, definition: { name: 'x', include: ['a'], exclude: [] }, deleted: false, author: 'kabar', at: 1, action: 'create' }],
    },
  ],
  glossaries: { id: [{ kind: 'term', source: 'White House', target: 'Gedung Putih', author: 'cli:a', at: 2 }] },
  feeds: [{ url: 'https://a.example/rss', intervalMs: 600_000, nextCheckAt: 3 }],
  subscriptions: [{ id: 'console', platform: 'console', chatId: 'stdout', topics: [], language: 'id' }],
};

describe('parseBackupDocument', () => {
  it('accepts a backup of this format version', () => {
    expect(parseBackupDocument(structuredClone(valid))).toEqual(valid);
  });

  it('refuses another format version, naming both versions', () => {
    expect(() => parseBackupDocument({ ...valid, formatVersion: 2, kabarVersion: '9.0.0' })).toThrow(
      /format version 2; this kabar reads version 1 only .*9\.0\.0/,
    );
  });

  it('refuses JSON that is not a kabar backup', () => {
    expect(() => parseBackupDocument({ feeds: [] })).toThrow(/not a kabar backup/);
    expect(() => parseBackupDocument([])).toThrow(/not a kabar backup/);
  });

  it('refuses malformed parts: versions out of order, a feed without URL', () => {
    const gap = structuredClone(valid);
    gap.topics[0]!.versions[0]!.version = 2;
    expect(() => parseBackupDocument(gap)).toThrow(/malformed "topics"/);
    expect(() => parseBackupDocument({ ...valid, feeds: [{ intervalMs: 1, nextCheckAt: 1 }] })).toThrow(/malformed "feeds"/);
  });
});
