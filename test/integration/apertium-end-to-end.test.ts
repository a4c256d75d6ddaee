/**
 * The whole pipeline with a real translation engine: an English article from a loopback feed is
 * polled, briefed through a real apertium-apy (eng-spa) and delivered to a Spanish-reading chat.
 * Like test/adapters/translate/apertium-engine.test.ts: CI installs the engine and sets CI=true,
 * which turns a missing engine into a failure; elsewhere the test is skipped without it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIEF_LOCALES } from '../../src/core/briefs/locales.js';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import { findApertium, startApertium, type ApertiumServer } from '../support/apertium.js';
import {
  accordsStory,
  addDueFeed,
  failedJobs,
  makeDue,
  openKabarHarness,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
} from './support.js';

const engine = findApertium('eng-spa');
const required = process.env.CI === 'true';

describe.runIf(engine.available || required)('an English article to a Spanish chat through real Apertium', () => {
  let apertium: ApertiumServer | undefined;
  let harness: KabarHarness;
  let feeds: FeedServer;

  beforeAll(async () => {
    if (!engine.available) throw new Error(`CI=true but the Apertium engine is missing: ${engine.reason}`);
    apertium = await startApertium(engine.executable, engine.modesDir);
  });
  afterAll(() => apertium?.stop());

  beforeEach(async () => {
    feeds = await startFeedServer();
    // The console chat reads Spanish (KABAR_DEFAULT_LANGUAGE), so every brief is built in Spanish.
    harness = await openKabarHarness({
      KABAR_TRANSLATOR: 'apertium',
      APERTIUM_URL: apertium?.baseUrl ?? 'http://127.0.0.1:1',
      KABAR_DEFAULT_LANGUAGE: 'es',
      KABAR_TRANSLATE_TIMEOUT: '15s',
    });
  });
  afterEach(async () => {
    await harness.cleanup();
    await feeds.close();
  });

  it('delivers a Spanish brief with the es greeting and closing and the URL unchanged', async () => {
    const url = feeds.url('/world.xml');
    feeds.setDocument('/world.xml', rssDocument({ language: 'en', items: [accordsStory('seed')] }));
    const kabar = await harness.start();
    await addDueFeed(kabar.runtime, url);
    await waitForPolls(harness.log, url, 1);

    const link = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-to-join-abraham-accords-in-boost-for-trumps-middle-east-peace-push/';
    const story = accordsStory('apertium', {
      title: 'The White House says Kazakhstan will join the Abraham Accords',
      link,
      paragraphs: [
        'The White House said on Thursday that Kazakhstan will join the Abraham Accords.',
        'The foreign ministers signed an agreement on critical minerals in Washington.',
      ],
    });
    feeds.setDocument('/world.xml', rssDocument({ language: 'en', items: [story, accordsStory('seed')] }));
    await makeDue(kabar.runtime, url);
    expect(await waitForPolls(harness.log, url, 2)).toMatchObject({ queued: 1 });
    await waitForIdle(kabar.pipeline, 20_000);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);

    expect(kabar.printed).toHaveLength(1);
    const lines = (kabar.printed[0] ?? '').split('\n');
    const { greeting, closing } = BRIEF_LOCALES.es;
    expect(lines[0]).toMatch(new RegExp(`^.*Casa Blanca.* - ${greeting}$`));
    expect(lines[0]).not.toContain('White House');
    expect(lines[1]).toMatch(new RegExp(`^${greeting} - .*Casa Blanca.*jueves`));
    expect(lines[2]).toMatch(/ministros/);
    expect(lines.at(-2)).toBe(closing);
    expect(lines.at(-1)).toBe(link);
    // Apertium's unknown-word marks never reach the chat.
    expect(kabar.printed[0]).not.toMatch(/[*#@]\p{L}/u);
  });
});
