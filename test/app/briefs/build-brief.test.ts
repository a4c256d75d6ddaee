/**
 * buildBrief on real Redis stores (subscriptions, brief archive, translation cache, usage) with a
 * scripted in-process translator: who gets a brief, in which language, how often the provider is
 * paid, and what happens when it fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBrief, type BuildBriefDeps } from '../../../src/app/briefs/build-brief.js';
import { createRedisBriefArchive } from '../../../src/adapters/redis/brief-archive.js';
import { createRedisSubscriptionStore } from '../../../src/adapters/redis/subscription-store.js';
import { createRedisTranslationCache } from '../../../src/adapters/redis/translation-cache.js';
import { createRedisUsageMeter } from '../../../src/adapters/redis/usage-meter.js';
import type { Article } from '../../../src/core/article.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import { BRIEF_LOCALES } from '../../../src/core/briefs/locales.js';
import { KabarError, type ErrorKind } from '../../../src/core/errors.js';
import type { BriefJob, Subscription, TranslationRequest, Translator, TranslationFallback } from '../../../src/core/ports.js';
import { createRecordingLogger, createRecordingQueues, type RecordingLogger, type RecordingQueues } from '../../fakes/in-memory-stores.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

/** A translator that marks each text with its target language and can be told to fail. */
interface ScriptedTranslator extends Translator {
  calls: TranslationRequest[];
  failWith: ErrorKind | undefined;
}

function scriptedTranslator(): ScriptedTranslator {
  const translator: ScriptedTranslator = {
    id: 'scripted',
    calls: [],
    failWith: undefined,
    async translate(request) {
      translator.calls.push(request);
      if (translator.failWith !== undefined) {
        throw new KabarError(translator.failWith, `scripted ${translator.failWith} failure`, { retryAfterMs: 1_000 });
      }
      return { texts: request.texts.map((text) => `[${request.targetLanguage}] ${text}`), characters: request.texts.join('').length };
    },
  };
  return translator;
}

function subscription(id: string, language: string, extra: Partial<Subscription> = {}): Subscription {
  return {
    id,
    platform: 'console',
    chatId: id,
    topics: [],
    language,
    style: DEFAULT_BRIEF_STYLE,
    onTranslationFailure: 'deliver-with-note',
    createdAt: 0,
    ...extra,
  };
}

const article: Article = {
  id: 'aArticle0000000000000001',
  feedUrl: 'https://news.example/feed.xml',
  title: 'Kazakhstan joins the Abraham Accords',
  link: 'https://news.example/world/kazakhstan-accords',
  summary: '',
  content: 'Kazakhstan will join the Abraham Accords, officials said on Thursday.\n\nThe ministers met in Washington.',
  language: 'en',
};
const job = { article, topics: ['abraham-accords'] };

describe('buildBrief', () => {
  let redis: TestRedis;
  let translator: ScriptedTranslator;
  let queues: RecordingQueues;
  let log: RecordingLogger;
  let deps: BuildBriefDeps;
  let now: number;

  const save = async (...subscriptions: Subscription[]): Promise<void> => {
    for (const entry of subscriptions) await deps.subscriptions.save(entry);
  };
  const recipients = (): string[] => queues.deliveries.map((delivery) => `${delivery.subscriptionId}:${delivery.language}`).sort();

  beforeEach(async () => {
    redis = await openTestRedis();
    translator = scriptedTranslator();
    queues = createRecordingQueues();
    log = createRecordingLogger();
    now = 1_762_400_000_000;
    deps = {
      translator,
      cache: createRedisTranslationCache(redis.redis, redis.prefix),
      usage: createRedisUsageMeter(redis.redis, redis.prefix),
      clock: { now: () => now },
      log,
      glossary: async () => ({}),
      subscriptions: createRedisSubscriptionStore(redis.redis, redis.prefix),
      briefs: createRedisBriefArchive(redis.redis, redis.prefix),
      queues,
      budgetChars: 1_800,
      defaultLanguage: 'id',
      topicNames: async () => ['abraham-accords', 'central-asia', 'chat:picky/abraham-accords'],
      holdMs: 3_600_000,
    };
  });
  afterEach(() => redis.cleanup());

  it('translates once per language, however many chats read it, and queues one delivery per chat', async () => {
    const readers = Array.from({ length: 12 }, (_, index) => subscription(`chat-${index}`, ['id', 'es', 'en'][index % 3] ?? 'id'));
    await save(...readers);

    const outcome = await buildBrief(job, { finalAttempt: false }, deps);

    // id (also the default language) and es; en is the article's own language.
    expect(translator.calls.map((call) => call.targetLanguage).sort()).toEqual(['es', 'id']);
    expect(translator.calls[0]).toMatchObject({ sourceLanguage: 'en', texts: [article.title, expect.any(String), expect.any(String)] });
    expect(outcome).toEqual({ articleId: article.id, languages: { id: 'translated', es: 'translated', en: 'source' }, deliveries: 12, held: [] });
    expect(queues.deliveries).toHaveLength(12);
    for (const reader of readers) {
      expect(queues.deliveries).toContainEqual({ articleId: article.id, subscriptionId: reader.id, language: reader.language, platform: reader.platform });
    }
    expect(await deps.briefs.get(article.id, 'es')).toMatchObject({
      language: 'es',
      title: `[es] ${article.title}`,
      url: article.link,
      topics: ['abraham-accords'],
    });
    expect((await deps.briefs.get(article.id, 'es'))?.note).toBeUndefined();
    expect(await deps.briefs.get(article.id, 'en')).toMatchObject({ language: 'en', title: article.title });
    expect(await deps.briefs.latest('abraham-accords', 'id', 5)).toHaveLength(1);
  });

  it('builds the default language even with no reader, and pays nothing again for a rebuilt brief', async () => {
    await save(subscription('reader', 'es'));
    await buildBrief(job, { finalAttempt: false }, deps);
    expect(translator.calls).toHaveLength(2);
    const first = await deps.briefs.get(article.id, 'es');

    const again = await buildBrief(job, { finalAttempt: false }, deps);
    expect(translator.calls).toHaveLength(2);
    expect(again.languages).toEqual({ id: 'translated', es: 'translated' });
    expect(await deps.briefs.get(article.id, 'es')).toEqual(first);
    expect(await deps.briefs.latest('abraham-accords', 'es', 5)).toHaveLength(1);
    expect((await deps.usage.day(deps.clock.now())).scripted?.characters).toBeGreaterThan(0);
  });

  it('briefs only the chats that follow a matched topic, judging a chat by its own version of a topic', async () => {
    await save(
      subscription('everything', 'en'),
      subscription('accords', 'en', { topics: ['abraham-accords'] }),
      subscription('asia-only', 'en', { topics: ['central-asia'] }),
      // Has its own abraham-accords, which did not match this article (say it excludes Kazakhstan).
      subscription('picky', 'en', { topics: ['abraham-accords'] }),
    );
    await buildBrief(job, { finalAttempt: false }, deps);
    expect(recipients()).toEqual(['accords:en', 'everything:en']);

    queues.deliveries.length = 0;
    await buildBrief({ article, topics: ['chat:picky/abraham-accords'] }, { finalAttempt: false }, deps);
    expect(recipients()).toEqual(['picky:en']);
  });

  it('leaves briefs in the article language with the none translator', async () => {
    await save(subscription('reader', 'es'));
    const outcome = await buildBrief(job, { finalAttempt: false }, { ...deps, translator: { id: 'none', translate: () => Promise.reject(new Error('never called')) } });
    expect(outcome.languages).toEqual({ id: 'source', es: 'source' });
    expect(await deps.briefs.get(article.id, 'es')).toMatchObject({ language: 'en', title: article.title });
    expect((await deps.briefs.get(article.id, 'es'))?.note).toBeUndefined();
    expect(recipients()).toEqual(['reader:es']);
  });

  describe('when the provider fails', () => {
    const fallbackChats = async (): Promise<void> =>
      save(
        subscription('es-note', 'es'),
        subscription('es-hold', 'es', { onTranslationFailure: 'hold' satisfies TranslationFallback }),
        subscription('id-hold', 'id', { onTranslationFailure: 'hold' }),
        subscription('en-hold', 'en', { onTranslationFailure: 'hold' }),
      );

    it.each(['retryable', 'rate-limited'] as const)('hands a %s failure back to the queue before the last attempt, queuing nothing', async (kind) => {
      await fallbackChats();
      translator.failWith = kind;
      await expect(buildBrief(job, { finalAttempt: false }, deps)).rejects.toMatchObject({ kind });
      expect(queues.deliveries).toEqual([]);
    });

    it.each([
      { kind: 'retryable' as const, finalAttempt: true },
      { kind: 'rate-limited' as const, finalAttempt: true },
      { kind: 'permanent' as const, finalAttempt: false },
    ])('falls back for a $kind failure (final attempt: $finalAttempt): note for some chats, hold for others', async ({ kind, finalAttempt }) => {
      await fallbackChats();
      translator.failWith = kind;
      const outcome = await buildBrief(job, { finalAttempt }, deps);

      expect(recipients()).toEqual(['en-hold:en', 'es-note:es']);
      // A language where some chats got the fallback and others held reports both, not one over the other.
      expect(outcome.languages.es).toBe('fallback');
      expect([...outcome.held].sort()).toEqual(['es-hold', 'id-hold']);
      expect(await deps.briefs.get(article.id, 'es')).toMatchObject({
        language: 'en',
        title: article.title,
        note: BRIEF_LOCALES.es.translationUnavailable,
      });
      expect((await deps.briefs.get(article.id, 'en'))?.note).toBeUndefined();
      expect(log.find('brief held: translation unavailable').map((entry) => entry.fields.subscription).sort()).toEqual(['es-hold', 'id-hold']);
      // A failed translation is never cached as if it were one.
      translator.failWith = undefined;
      queues.deliveries.length = 0;
      await buildBrief(job, { finalAttempt: false }, deps);
      expect(await deps.briefs.get(article.id, 'es')).toMatchObject({ language: 'es', title: `[es] ${article.title}` });
    });
  });

  describe('held briefs', () => {
    const heldJob = async (): Promise<BriefJob> => {
      await save(
        subscription('es-note', 'es'),
        subscription('es-hold', 'es', { onTranslationFailure: 'hold' }),
        subscription('id-hold', 'id', { onTranslationFailure: 'hold' }),
      );
      translator.failWith = 'retryable';
      await buildBrief(job, { finalAttempt: true }, deps);
      const [held, ...more] = queues.briefs;
      expect(more).toEqual([]);
      if (held === undefined) throw new Error('no held brief job was queued');
      queues.deliveries.length = 0;
      return held;
    };

    it('queues one held brief job for the chats that hold, since the failure', async () => {
      const held = await heldJob();
      expect({ ...held, held: { ...held.held, subscriptionIds: [...(held.held?.subscriptionIds ?? [])].sort() } }).toEqual({ ...job, held: { subscriptionIds: ['es-hold', 'id-hold'], since: now } });
    });

    it.each(['retryable', 'permanent'] as const)('keeps waiting on a %s failure: the job is retried, nothing is sent', async (kind) => {
      const held = await heldJob();
      translator.failWith = kind;
      now += 60_000;
      await expect(buildBrief(held, { finalAttempt: true }, deps)).rejects.toMatchObject({ kind: 'retryable', code: 'translation-held' });
      expect(queues.deliveries).toEqual([]);
      expect(queues.briefs).toHaveLength(1);
    });

    it('delivers the translated brief to the held chats only once the translator is back', async () => {
      const held = await heldJob();
      translator.failWith = undefined;
      now += 10 * 60_000;
      const outcome = await buildBrief(held, { finalAttempt: false }, deps);
      expect(outcome).toEqual({ articleId: article.id, languages: { es: 'translated', id: 'translated' }, deliveries: 2, held: [] });
      // es-note already had its brief with the note: it is not queued again.
      expect(recipients()).toEqual(['es-hold:es', 'id-hold:id']);
      expect(await deps.briefs.get(article.id, 'id')).toMatchObject({ language: 'id', title: `[id] ${article.title}` });
      expect((await deps.briefs.get(article.id, 'id'))?.note).toBeUndefined();
    });

    it('delivers the languages that translate and keeps waiting for the rest', async () => {
      const held = await heldJob();
      translator.failWith = undefined;
      const translate = translator.translate.bind(translator);
      translator.translate = async (request) => {
        if (request.targetLanguage === 'id') throw new KabarError('retryable', 'id still down');
        return translate(request);
      };
      await expect(buildBrief(held, { finalAttempt: false }, deps)).rejects.toMatchObject({ kind: 'retryable' });
      expect(recipients()).toEqual(['es-hold:es']);
    });

    it('skips held chats that unsubscribed or paused meanwhile', async () => {
      const held = await heldJob();
      await deps.subscriptions.save(subscription('id-hold', 'id', { onTranslationFailure: 'hold', paused: { code: 'chat-gone', reason: 'test', since: now } }));
      translator.failWith = undefined;
      const outcome = await buildBrief(held, { finalAttempt: false }, deps);
      expect(recipients()).toEqual(['es-hold:es']);
      expect(outcome.deliveries).toBe(1);
    });

    it('sends the untranslated brief with the note once the hold has run out, and says so', async () => {
      const held = await heldJob();
      now += deps.holdMs;
      const outcome = await buildBrief(held, { finalAttempt: false }, deps);
      expect(outcome.languages).toEqual({ es: 'fallback', id: 'fallback' });
      expect(recipients()).toEqual(['es-hold:es', 'id-hold:id']);
      expect(await deps.briefs.get(article.id, 'id')).toMatchObject({ language: 'en', note: BRIEF_LOCALES.id.translationUnavailable });
      expect(log.find('hold ran out: delivering the untranslated brief with the note')).toHaveLength(2);
    });
  });
});
