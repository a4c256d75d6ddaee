/**
 * Fault: the translator is down for a whole minute (the loopback LibreTranslate fake answers 503
 * for {@link OUTAGE_MS}) while matching articles arrive. The running pipeline (BullMQ workers on
 * the test redis-server) must give every chat what it chose, nothing lost, nothing doubled:
 *
 * - `deliver-with-note` chats get the untranslated brief with the note once the brief job's
 *   retries run out (KABAR_TRANSLATION_RETRY=1s: tries at 0, 1, 3, 7, 15 and 31 s), during the
 *   outage;
 * - `hold` chats get nothing during the outage, then the translated brief once the translator is
 *   back (their held brief job keeps retrying);
 * - a chat that reads the articles' own language needs no translator and gets its brief at once.
 *
 * And the held brief job lives in Redis: a kabar stopped during the outage leaves it to the next.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeFeed } from '../../src/core/articles/normalize-feed.js';
import { BRIEF_LOCALES } from '../../src/core/briefs/locales.js';
import { startFakeLibreTranslate } from '../fakes/translate/fake-libretranslate.js';
import type { LoopbackServer } from '../fakes/translate/loopback-server.js';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import {
  accordsStory,
  addDueFeed,
  consoleSubscription,
  failedJobs,
  makeDue,
  openKabarHarness,
  waitFor,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
  type Story,
} from '../integration/support.js';

/** How long the translator stays down. */
const OUTAGE_MS = 60_000;
/** The translator's API key: it must appear in no log line and no brief, through all the failures. */
const API_KEY = 'lt-fault-key-7f3a9c2e51d04b86';
const ARTICLES = 3;
const CHATS = [
  { id: 'id-note', language: 'id', onTranslationFailure: 'deliver-with-note' },
  { id: 'es-note', language: 'es', onTranslationFailure: 'deliver-with-note' },
  { id: 'id-hold', language: 'id', onTranslationFailure: 'hold' },
  { id: 'es-hold', language: 'es', onTranslationFailure: 'hold' },
  { id: 'en-hold', language: 'en', onTranslationFailure: 'hold' },
] as const;

describe('translator down for a minute', () => {
  let harness: KabarHarness;
  let feeds: FeedServer;
  let libre: LoopbackServer;
  let down = false;

  beforeEach(async () => {
    down = false;
    libre = await startFakeLibreTranslate({ down: () => down, apiKey: API_KEY });
    feeds = await startFeedServer();
    harness = await openKabarHarness({
      KABAR_TRANSLATOR: 'libretranslate',
      LIBRETRANSLATE_URL: libre.origin,
      LIBRETRANSLATE_API_KEY: API_KEY,
      KABAR_DEFAULT_LANGUAGE: 'en',
      KABAR_TRANSLATION_RETRY: '1s',
    });
  });
  afterEach(async () => {
    await harness.cleanup();
    await Promise.all([feeds.close(), libre.close()]);
  });

  it('sends notes during the outage, the held briefs translated after it, each chat each article once', async () => {
    const kabar = await harness.start();
    for (const chat of CHATS) {
      await kabar.runtime.subscriptions.save(
        consoleSubscription(chat.id, chat.language, {
          onTranslationFailure: chat.onTranslationFailure,
          style: { greeting: { custom: `to ${chat.id}` }, closing: 'default' },
        }),
      );
    }
    const url = feeds.url('/feed.xml');
    feeds.setDocument('/feed.xml', rssDocument({ language: 'en', items: [accordsStory('old')] }));
    await addDueFeed(kabar.runtime, url);
    await waitForPolls(harness.log, url, 1);

    down = true;
    const outageStart = Date.now();
    const stories: Story[] = Array.from({ length: ARTICLES }, (_, index) => accordsStory(`outage-${index + 1}`));
    feeds.setDocument('/feed.xml', rssDocument({ language: 'en', items: [...stories, accordsStory('old')] }));
    await makeDue(kabar.runtime, url);
    expect(await waitForPolls(harness.log, url, 2)).toMatchObject({ queued: ARTICLES });

    const briefsOf = (id: string): string[] => kabar.printed.filter((text) => text.split('\n', 1)[0]?.endsWith(` - to ${id}`));
    // During the outage: the note chats and the English reader get their briefs; the held ones nothing.
    await waitFor(
      () => ['id-note', 'es-note', 'en-hold'].every((id) => briefsOf(id).length === ARTICLES),
      OUTAGE_MS - (Date.now() - outageStart),
      'the note briefs during the outage',
      100,
    );
    const notesAfterMs = Date.now() - outageStart;
    for (const id of ['id-note', 'es-note'] as const) {
      for (const text of briefsOf(id)) {
        const lines = text.split('\n');
        expect(lines[0], id).toMatch(/^Kazakhstan joins the Abraham Accords in outage-\d - to /);
        expect(lines.at(-2), id).toBe(BRIEF_LOCALES[id === 'id-note' ? 'id' : 'es'].translationUnavailable);
      }
    }
    for (const text of briefsOf('en-hold')) expect(text).not.toContain(BRIEF_LOCALES.en.translationUnavailable);
    expect(briefsOf('id-hold')).toEqual([]);
    expect(briefsOf('es-hold')).toEqual([]);
    // The held chats wait in one held brief job per article.
    const held = await kabar.pipeline.brief.getJobs(['delayed', 'waiting', 'active']);
    expect(held.filter((job) => job.id?.endsWith('-held'))).toHaveLength(ARTICLES);

    // Still down to the end of the minute: nothing more reaches the held chats.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - outageStart))));
    expect(briefsOf('id-hold')).toEqual([]);
    expect(briefsOf('es-hold')).toEqual([]);
    down = false;
    const outageMs = Date.now() - outageStart;
    const upAt = Date.now();

    await waitFor(
      () => ['id-hold', 'es-hold'].every((id) => briefsOf(id).length === ARTICLES),
      90_000,
      'the held briefs after the outage',
      100,
    );
    const heldAfterMs = Date.now() - upAt;
    await waitForIdle(kabar.pipeline, 20_000);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);

    for (const [id, language] of [['id-hold', 'id'], ['es-hold', 'es']] as const) {
      const titles = briefsOf(id).map((text) => text.split('\n', 1)[0]);
      // The fake translates by prefixing the target language: these are translations, one per article.
      for (const title of titles) expect(title).toMatch(new RegExp(`^${language}: `));
      for (const text of briefsOf(id)) expect(text).not.toContain(BRIEF_LOCALES[language].translationUnavailable);
      expect(new Set(titles).size, id).toBe(ARTICLES);
    }
    // Nothing doubled: exactly one brief per article and chat, whatever the retries did (kabar's
    // own console subscription, in the default language, reads them too).
    expect(kabar.printed).toHaveLength(ARTICLES * (CHATS.length + 1));
    for (const chat of CHATS) expect(briefsOf(chat.id), chat.id).toHaveLength(ARTICLES);

    // Every failure was logged and none of it carries the key (nor does any brief).
    expect(harness.log.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(harness.log.entries)).not.toContain(API_KEY);
    expect(kabar.printed.join('\n')).not.toContain(API_KEY);

    // The figures the README quotes.
    console.info(
      `translator down ${Math.round(outageMs / 1000)} s: ${ARTICLES} articles x ${CHATS.length} chats, ` +
        `notes out after ${Math.round(notesAfterMs / 1000)} s, held briefs out ${Math.round(heldAfterMs / 1000)} s after it came back, ` +
        `${kabar.printed.length} briefs, 0 lost, 0 doubled`,
    );
  }, 240_000);

  it('keeps a held brief in Redis across a restart: the next kabar delivers it once the translator is back', async () => {
    down = true;
    const first = await harness.start();
    await first.runtime.subscriptions.save(
      consoleSubscription('es-hold', 'es', { onTranslationFailure: 'hold', style: { greeting: { custom: 'to es-hold' }, closing: 'default' } }),
    );
    const [article] = normalizeFeed({ format: 'rss', language: 'en', items: [accordsStory('restart')] }, 'https://news.example/feed.xml');
    if (article === undefined) throw new Error('no article');
    // Two quick attempts instead of the queue's six: the fallback is what this test is after.
    await first.pipeline.brief.add('brief', { article, topics: ['abraham-accords'] }, { jobId: article.id, attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    const held = await waitFor(() => first.pipeline.brief.getJob(`${article.id}-held`), 20_000, 'the held brief job');
    expect(held.data).toMatchObject({ held: { subscriptionIds: ['es-hold'] } });
    await first.stop();
    expect(first.printed.filter((text) => text.includes('to es-hold'))).toEqual([]);

    down = false;
    const second = await harness.start();
    const mine = (): string[] => second.printed.filter((text) => text.includes('to es-hold'));
    await waitFor(() => mine().length > 0, 60_000, 'the held brief after the restart');
    await waitForIdle(second.pipeline, 20_000);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]?.split('\n', 1)[0]).toMatch(/^es: /);
  }, 120_000);
});

