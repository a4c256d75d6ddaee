/**
 * `kabar stats`: three lines, translation usage today, feed health and queue depths.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectClean, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

describe('kabar stats', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('prints translation usage, feed health and queue depths, one line each', async () => {
    const empty = await kabar.run(['stats']);
    expectClean(empty);
    expect(empty.lines).toEqual([
      expect.stringMatching(/^translation \d{4}-\d{2}-\d{2}: nothing translated yet$/),
      'feeds: 0 (0 failing, 0 not seeded yet)',
      'queues: poll 0 waiting, 0 active, 0 delayed, 0 failed; brief 0 waiting, 0 active, 0 delayed, 0 failed; ' +
        'deliver 0 waiting, 0 active, 0 delayed, 0 failed; deliver-discord 0 waiting, 0 active, 0 delayed, 0 failed; ' +
        'deliver-telegram 0 waiting, 0 active, 0 delayed, 0 failed',
    ]);

    expectClean(await kabar.run(['feeds', 'add', 'https://news.example/world.xml', '--force']));
    const withFeed = await kabar.run(['stats']);
    expectClean(withFeed);
    expect(withFeed.lines).toHaveLength(3);
    expect(withFeed.lines[1]).toBe('feeds: 1 (0 failing, 1 not seeded yet)');
  });
});
