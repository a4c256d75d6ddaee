/**
 * `kabar backup`, `kabar restore`, `kabar feeds export` and `kabar feeds import` through the real
 * command, from one sandbox (a key prefix on the run's Redis) to another.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectClean, expectError, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

const FEED = 'https://news.example/world/rss.xml';

describe('kabar backup and restore', { timeout: 150_000 }, () => {
  let from: KabarSandbox;
  let to: KabarSandbox;
  beforeEach(async () => {
    [from, to] = await Promise.all([openKabarSandbox(), openKabarSandbox()]);
  });
  afterEach(async () => {
    await Promise.all([from.cleanup(), to.cleanup()]);
  });

  it('moves topics with their history, glossary, feeds and subscriptions to another Redis', async () => {
    // The two shipped topics plus steppe, global and in one chat's scope: 4 topics.
    expectClean(await from.run(['topics', 'create', 'steppe']));
    expectClean(await from.run(['topics', 'add-term', 'steppe', 'Astana']));
    // --chat names a known chat's topic scope, so the chat subscribes first.
    expectClean(await from.run(['subscriptions', 'add', 'telegram:5', '--topics', 'steppe', '--language', 'en']));
    expectClean(await from.run(['topics', 'add-term', 'steppe', 'Kazakh*', '--chat', 'telegram-5']));
    expectClean(await from.run(['glossary', 'set', '--lang', 'id', 'Steppe Wire', 'Kawat Stepa']));
    // The outlets are not reachable from the tests: --force adds without the first fetch.
    expectClean(await from.run(['feeds', 'add', FEED, '--interval', '5m', '--force']));

    const backup = await from.run(['backup']);
    expectClean(backup);
    const file = join(to.dir, 'kabar.json');
    await writeFile(file, backup.stdout);

    const restored = await to.run(['restore', file]);
    expectClean(restored);
    expect(restored.lines[0]).toMatch(/^topics: 4 added, 0 already there, 0 kept as they are here, \d+ versions written$/);
    expect(restored.lines.slice(1)).toEqual([
      'glossary entries: 1 added, 0 already there, 0 kept as they are here',
      'feeds: 1 added, 0 already there, 0 kept as they are here',
      'subscriptions: 1 added, 0 already there, 0 kept as they are here',
    ]);
    const [history, glossary, subscriptions] = await Promise.all([
      to.run(['topics', 'history', 'steppe']),
      to.run(['glossary', 'list', '--lang', 'id']),
      to.run(['subscriptions', 'list']),
    ]);
    expect(history.stdout).toContain('Astana');
    expect(glossary.stdout).toContain('Kawat Stepa');
    expect(subscriptions.stdout).toContain('telegram-5');
    // The same backup from either side, but for the feed's state (it starts over) and the time.
    const copy = JSON.parse((await to.run(['backup'])).stdout) as Record<string, unknown>;
    const original = JSON.parse(backup.stdout) as Record<string, unknown>;
    for (const part of ['topics', 'glossaries', 'subscriptions']) expect(copy[part]).toEqual(original[part]);

    const again = await to.run(['restore', file]);
    expectClean(again);
    expect(again.lines[0]).toMatch(/^topics: 0 added, 4 already there, 0 kept as they are here, 0 versions written$/);
  });

  it('refuses a file of another format version, a file that is not JSON, and a missing file, with exit 1', async () => {
    const backup = JSON.parse((await from.run(['backup'])).stdout) as Record<string, unknown>;
    const future = join(to.dir, 'future.json');
    await writeFile(future, JSON.stringify({ ...backup, formatVersion: 2 }));
    expect(expectError(await to.run(['restore', future]), 1)).toMatch(/format version 2; this kabar reads version 1 only/);
    const text = join(to.dir, 'notes.txt');
    await writeFile(text, 'hello');
    expect(expectError(await to.run(['restore', text]), 1)).toMatch(/is not JSON/);
    expect(expectError(await to.run(['restore', join(to.dir, 'missing.json')]), 1)).toMatch(/cannot read .*missing\.json/);
    expectError(await to.run(['restore']), 2);
    expect(await to.keys()).toEqual([]);
  });

  it('exports the feeds as OPML and imports them elsewhere, skipping duplicates and saying what was added', async () => {
    expectClean(await from.run(['feeds', 'add', FEED, '--force']));
    expectClean(await from.run(['feeds', 'add', 'https://other.example/atom.xml', '--force']));
    const exported = await from.run(['feeds', 'export']);
    expectClean(exported);
    expect(exported.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
    const file = join(to.dir, 'feeds.opml');
    await writeFile(file, exported.stdout.replace('</body>', '<outline xmlUrl="ftp://bad.example/x"/></body>'));

    expectClean(await to.run(['feeds', 'add', FEED, '--force']));
    const imported = await to.run(['feeds', 'import', file]);
    expectClean(imported);
    expect(imported.lines).toEqual([
      'added https://other.example/atom.xml',
      `already a feed: ${FEED}`,
      'not added: ftp://bad.example/x (ftp URL refused; feeds must be http or https)',
      '1 added, 1 already there, 1 refused',
    ]);
    const list = await to.run(['feeds', 'list']);
    expect(list.lines.at(-1)).toBe('2 feeds, 0 failing');
    expect(expectError(await to.run(['feeds', 'import', join(to.dir, 'missing.opml')]), 1)).toMatch(/cannot read/);
    await writeFile(join(to.dir, 'rss.xml'), await readFile(file, 'utf8').then(() => '<rss/>'));
    expect(expectError(await to.run(['feeds', 'import', join(to.dir, 'rss.xml')]), 1)).toMatch(/is not an OPML file/);
  });
});
