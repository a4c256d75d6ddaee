/**
 * Translation in the pipeline, against the loopback LibreTranslate fake wired in through
 * loadConfig (KABAR_TRANSLATOR, LIBRETRANSLATE_URL): one provider call per article and language
 * however many chats read it, cached for rebuilt briefs; and, with the provider down, each chat
 * gets what it asked for (the source brief with a note, or a held brief job that waits for the
 * translator) and no chat is forgotten.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBrief, type BuildBriefDeps } from '../../src/app/briefs/build-brief.js';
import { deliverBrief } from '../../src/app/briefs/deliver-brief.js';
import { BRIEF_LOCALES } from '../../src/core/briefs/locales.js';
import { normalizeFeed } from '../../src/core/articles/normalize-feed.js';
import { glossaryFor } from '../../src/core/translation/glossary.js';
import { createConfiguredTranslator, openRuntime, type Runtime } from '../../src/main.js';
import { startFakeLibreTranslate } from '../fakes/translate/fake-libretranslate.js';
import { jsonBody, startLoopbackServer, type LoopbackServer } from '../fakes/translate/loopback-server.js';
import { startFeedServer, rssDocument, type FeedServer } from '../fakes/feed-server.js';
import { createRecordingChatSender } from '../fakes/recording-chat-sender.js';
import { createRecordingQueues } from '../fakes/in-memory-stores.js';
import {
  accordsStory,
  addDueFeed,
  articleIdOf,
  consoleSubscription,
  failedJobs,
  makeDue,
  openKabarHarness,
  waitFor,
  waitForIdle,
  waitForPolls,
  type KabarHarness,
} from './support.js';

const LANGUAGES = ['id', 'es', 'fr'] as const;

describe('translation once per language', () => {
  let harness: KabarHarness;
  let feeds: FeedServer;
  let libre: LoopbackServer;

  beforeEach(async () => {
    libre = await startFakeLibreTranslate();
    feeds = await startFeedServer();
    harness = await openKabarHarness({
      KABAR_TRANSLATOR: 'libretranslate',
      LIBRETRANSLATE_URL: libre.origin,
      KABAR_DEFAULT_LANGUAGE: 'id',
    });
  });
  afterEach(async () => {
    await harness.cleanup();
    await Promise.all([feeds.close(), libre.close()]);
  });

  it('translates each article 3 times for 50 chats in 3 languages, delivers 50 briefs, and reuses the translations', async () => {
    const kabar = await harness.start();
    // 50 chats, the console's own among them, cycling through three languages.
    const ids = ['console', ...Array.from({ length: 49 }, (_, index) => `chat-${String(index + 1).padStart(2, '0')}`)];
    const languageOf = (id: string): string => LANGUAGES[ids.indexOf(id) % LANGUAGES.length] ?? 'id';
    for (const id of ids) {
      await kabar.runtime.subscriptions.save(
        consoleSubscription(id, languageOf(id), { style: { greeting: { custom: `to ${id}` }, closing: 'default' } }),
      );
    }

    const url = feeds.url('/feed.xml');
    feeds.setDocument('/feed.xml', rssDocument({ language: 'en', items: [accordsStory('old')] }));
    await addDueFeed(kabar.runtime, url);
    await waitForPolls(harness.log, url, 1);
    const stories = [accordsStory('first'), accordsStory('second')];
    feeds.setDocument('/feed.xml', rssDocument({ language: 'en', items: [...stories, accordsStory('old')] }));
    await makeDue(kabar.runtime, url);
    expect(await waitForPolls(harness.log, url, 2)).toMatchObject({ queued: 2 });
    // 100 deliveries at the 25/s delivery pace take 4 s; leave room for a loaded CI machine.
    await waitForIdle(kabar.pipeline, 30_000);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);

    // 2 articles x 3 languages: one request each, every text of the brief in it.
    const targets = libre.requests.map((request) => jsonBody(request).target).sort();
    expect(targets).toEqual(['es', 'es', 'fr', 'fr', 'id', 'id']);
    for (const request of libre.requests) expect(jsonBody(request)).toMatchObject({ source: 'en', format: 'text' });

    expect(kabar.printed).toHaveLength(2 * 50);
    for (const id of ids) {
      const mine = kabar.printed.filter((text) => text.split('\n', 1)[0]?.endsWith(` - to ${id}`));
      expect(mine, id).toHaveLength(2);
      const language = languageOf(id);
      for (const text of mine) {
        const lines = text.split('\n');
        // The fake "translates" by prefixing the target language; greeting and closing are never sent to it,
        // and the glossary's terms reach it as placeholders, which come back as the glossary's renderings.
        const rendered = (text: string): string => text.replace(/Kazakhstan|Abraham Accords/g, (term) => glossaryFor(language)[term] ?? term);
        expect(lines[0]).toMatch(new RegExp(`^${language}: ${rendered('Kazakhstan joins the Abraham Accords')} in (first|second) - to ${id}$`));
        expect(lines[1]).toMatch(new RegExp(`^to ${id} - ${language}: ${rendered('Kazakhstan')} will join`));
        const closing = language === 'fr' ? BRIEF_LOCALES.en.closing : BRIEF_LOCALES[language === 'es' ? 'es' : 'id'].closing;
        expect(lines.at(-2)).toBe(closing);
        expect(lines.at(-1)).toMatch(/^https:\/\/news\.example\/world\/(first|second)$/);
      }
    }

    // The brief is built again (its finished job gone): the cache answers, nobody is posted twice.
    const articleId = await articleIdOf(kabar.runtime, stories[0] ?? accordsStory('first'));
    await (await kabar.pipeline.brief.getJob(articleId))?.remove();
    const article = await kabar.runtime.articles.get(articleId);
    if (article === undefined) throw new Error('the article is not archived');
    await kabar.pipeline.port.enqueueBrief({ article, topics: ['abraham-accords'] });
    const rebuilt = await waitFor(async () => {
      const job = await kabar.pipeline.brief.getJob(articleId);
      // Read again once completed: the copy fetched while it ran has no return value yet.
      return (await job?.isCompleted()) ? kabar.pipeline.brief.getJob(articleId) : undefined;
    });
    expect(rebuilt?.returnvalue).toMatchObject({ languages: { id: 'translated', es: 'translated', fr: 'translated' }, deliveries: 50 });
    await waitForIdle(kabar.pipeline);
    expect(libre.requests).toHaveLength(6);
    expect(kabar.printed).toHaveLength(100);
  }, 60_000);
});

describe('translation provider down', () => {
  let harness: KabarHarness;
  let down: LoopbackServer;
  let runtime: Runtime;

  beforeEach(async () => {
    down = await startLoopbackServer(() => ({ status: 503, body: { error: 'Service Unavailable' } }));
    harness = await openKabarHarness({ KABAR_TRANSLATOR: 'libretranslate', LIBRETRANSLATE_URL: down.origin, KABAR_DEFAULT_LANGUAGE: 'id' });
    runtime = await openRuntime(harness.config(), { log: harness.log });
  });
  afterEach(async () => {
    await runtime.close();
    await harness.cleanup();
    await down.close();
  });

  it('retries until the last attempt, then sends the source brief with a note to deliver-with-note chats and holds the rest', async () => {
    const subscriptions = [
      consoleSubscription('id-note', 'id'),
      consoleSubscription('id-hold', 'id', { onTranslationFailure: 'hold' }),
      consoleSubscription('es-note', 'es'),
      consoleSubscription('es-hold', 'es', { onTranslationFailure: 'hold' }),
      consoleSubscription('fr-hold', 'fr', { onTranslationFailure: 'hold' }),
      consoleSubscription('en-reader', 'en', { onTranslationFailure: 'hold' }),
    ];
    for (const subscription of subscriptions) await runtime.subscriptions.save(subscription);
    const story = accordsStory('outage');
    const [article] = normalizeFeed({ format: 'rss', language: 'en', items: [story] }, 'https://news.example/feed.xml');
    if (article === undefined) throw new Error('no article');

    const queues = createRecordingQueues();
    const deps: BuildBriefDeps = {
      translator: createConfiguredTranslator(runtime.config),
      cache: runtime.translations,
      usage: runtime.usage,
      clock: runtime.clock,
      log: harness.log,
      glossary: async (language) => glossaryFor(language),
      subscriptions: runtime.subscriptions,
      briefs: runtime.briefs,
      queues,
      budgetChars: runtime.config.KABAR_BRIEF_BUDGET_CHARS,
      defaultLanguage: runtime.config.KABAR_DEFAULT_LANGUAGE,
      topicNames: async () => ['abraham-accords', 'central-asia'],
      holdMs: runtime.config.KABAR_TRANSLATION_HOLD,
    };
    const job = { article, topics: ['abraham-accords'] };

    // Attempts before the last: the retryable 503 goes back to the queue, and nothing is sent yet.
    await expect(buildBrief(job, { finalAttempt: false }, deps)).rejects.toMatchObject({ kind: 'retryable' });
    expect(queues.deliveries).toEqual([]);
    expect(down.requests.length).toBeGreaterThan(0);

    const outcome = await buildBrief(job, { finalAttempt: true }, deps);
    expect(outcome.languages).toMatchObject({ en: 'source' });
    expect(queues.deliveries.map((delivery) => delivery.subscriptionId).sort()).toEqual(['en-reader', 'es-note', 'id-note']);

    const sender = createRecordingChatSender();
    for (const delivery of queues.deliveries) {
      const result = await deliverBrief(delivery, {
        subscriptions: runtime.subscriptions,
        briefs: runtime.briefs,
        deliveries: runtime.deliveries,
        senders: { console: sender },
        pacer: runtime.pacer,
        clock: runtime.clock,
        log: harness.log,
      });
      expect(result).toBe('sent');
    }
    for (const language of ['id', 'es'] as const) {
      const [post, ...more] = sender.sentTo(`${language}-note`);
      expect(more).toEqual([]);
      expect(post?.brief).toMatchObject({ language: 'en', title: story.title, note: BRIEF_LOCALES[language].translationUnavailable });
      const lines = post?.text.split('\n') ?? [];
      expect(lines[0]).toBe(`${story.title} - ${BRIEF_LOCALES[language].greeting}`);
      expect(lines.at(-3)).toBe(BRIEF_LOCALES[language].closing);
      expect(lines.at(-2)).toBe(BRIEF_LOCALES[language].translationUnavailable);
      expect(lines.at(-1)).toBe(story.link);
    }

    // Nothing silently dropped: every chat was either queued a delivery or named in a "held" warning.
    const held = harness.log.find('brief held: translation unavailable').map((entry) => entry.fields.subscription);
    expect([...held].sort()).toEqual(['es-hold', 'fr-hold', 'id-hold']);
    // The English reader needed no translation: its brief came as usual, without a note, though it prefers "hold".
    const [plain] = sender.sentTo('en-reader');
    expect(plain?.brief.note).toBeUndefined();
    expect(plain?.text.split('\n').at(-2)).toBe(BRIEF_LOCALES.en.closing);
  });

  it('in the running pipeline, falls back on the brief job\'s last attempt as BullMQ counts them', async () => {
    const kabar = await harness.start();
    await kabar.runtime.subscriptions.save(consoleSubscription('console', 'id'));
    await kabar.runtime.subscriptions.save(consoleSubscription('es-hold', 'es', { onTranslationFailure: 'hold' }));
    const story = accordsStory('last-attempt');
    const [article] = normalizeFeed({ format: 'rss', language: 'en', items: [story] }, 'https://news.example/feed.xml');
    if (article === undefined) throw new Error('no article');

    // The queue's real policy waits minutes between attempts; this job gets two, 10 ms apart.
    await kabar.pipeline.brief.add('brief', { article, topics: ['abraham-accords'] }, {
      jobId: article.id,
      attempts: 2,
      backoff: { type: 'fixed', delay: 10 },
    });
    const job = await waitFor(async () => {
      const found = await kabar.pipeline.brief.getJob(article.id);
      return (await found?.isCompleted()) ? found : undefined;
    });
    // Two attempts: the first failed (and was retried), the last one fell back.
    expect(job.attemptsMade).toBe(2);
    expect(job.returnvalue).toMatchObject({ deliveries: 1 });
    // The held chat is not forgotten: its own brief job waits in the queue for the translator.
    const held = await kabar.pipeline.brief.getJob(`${article.id}-held`);
    expect(held?.data).toMatchObject({ held: { subscriptionIds: ['es-hold'] } });
    expect(await held?.getState()).toBe('delayed');
    await waitFor(() => kabar.printed.length >= 1);
    expect(kabar.printed).toHaveLength(1);
    const lines = (kabar.printed[0] ?? '').split('\n');
    expect(lines[0]).toBe(`${story.title} - ${BRIEF_LOCALES.id.greeting}`);
    expect(lines.at(-2)).toBe(BRIEF_LOCALES.id.translationUnavailable);
    expect(harness.log.find('brief held: translation unavailable').map((entry) => entry.fields.subscription)).toEqual(['es-hold']);
  });
});
