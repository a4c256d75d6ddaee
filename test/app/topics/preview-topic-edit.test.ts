import { beforeEach, describe, expect, it } from 'vitest';
import { addTerm, excludeTerm, removeTerm } from '../../../src/app/topics/edit-terms.js';
import type { TermEditKind } from '../../../src/app/topics/edit-terms.js';
import { MAX_PREVIEW_EXAMPLES, previewTopicEdit } from '../../../src/app/topics/preview-topic-edit.js';
import type { PreviewTopicEditDeps, TopicEditPreview } from '../../../src/app/topics/preview-topic-edit.js';
import type { Article } from '../../../src/core/article.js';
import { KabarError } from '../../../src/core/errors.js';
import { MAX_TERMS_PER_TOPIC } from '../../../src/core/matching/limits.js';
import type { ArticleArchive } from '../../../src/core/ports.js';
import type { TopicStore } from '../../../src/core/topics/topic-store.js';
import { createInMemoryArticleArchive } from '../../fakes/in-memory-article-archive.js';
import { createInMemoryTopicStore } from '../../fakes/in-memory-topic-store.js';
import { manualClock, putTopic, topic } from './topic-test-kit.js';

const NAME = 'central-asia';
const CHAT = 'chat:42';

/** An archived article published `minutesAgo` before the newest one. */
function article(id: string, title: string, minutesAgo: number, summary = ''): Article {
  return { id, title, link: `https://news.test/${id}`, summary, content: '', publishedAt: 1_750_000_000_000 - minutesAgo * 60_000 };
}

/** The KabarError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<KabarError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KabarError)) throw new Error(`expected a KabarError, got ${String(error)}`);
  return error;
}

/** Article ids with the term that explains each: the hit for gains, the veto (else the lost hit) for losses. */
function changes(preview: TopicEditPreview): { gained: string[]; lost: string[] } {
  return {
    gained: preview.gained.map((a) => `${a.articleId} ${a.hit.term}`),
    lost: preview.lost.map((a) => `${a.articleId} ${a.veto === undefined ? `no longer ${a.hit.term}` : `vetoed by ${a.veto.term}`}`),
  };
}

describe('previewTopicEdit', () => {
  let store: TopicStore;
  let archive: ArticleArchive;
  let deps: PreviewTopicEditDeps;

  const preview = (kind: TermEditKind, term: string, scope?: typeof CHAT): Promise<TopicEditPreview> =>
    previewTopicEdit({ name: NAME, change: { kind, term }, ...(scope === undefined ? {} : { scope }) }, deps);

  beforeEach(async () => {
    store = createInMemoryTopicStore();
    archive = createInMemoryArticleArchive();
    deps = { store, clock: manualClock(), articles: archive };
    await putTopic(store, topic(NAME, ['Kazakh*', '!Baikonur'], ['Borat']));
    for (const a of [
      article('turkmen', 'Turkmen gas deal signed in Ashgabat', 1),
      article('wheat', 'Kazakhstan wheat exports rise', 2),
      article('borat', 'Borat sequel filmed in Kazakhstan', 3),
      article('launch', 'Baikonur launch watched by Borat fans', 4),
      article('app', 'Kazakh bank launch of a new app', 5),
      article('weather', 'Rain expected in Lisbon', 6, 'Nothing about Central Asia here.'),
    ]) {
      await archive.put(a);
    }
  });

  it('add-term: lists the articles the new term brings in, with the hit that brings them', async () => {
    const result = await preview('add-term', 'Turkmen*');
    expect(result).toMatchObject({ scanned: 6, before: 3, after: 4, gainedCount: 1, lostCount: 0, lost: [] });
    expect(result.gained).toEqual([
      {
        articleId: 'turkmen',
        title: 'Turkmen gas deal signed in Ashgabat',
        link: 'https://news.test/turkmen',
        hit: { topic: NAME, term: 'Turkmen*', field: 'title', snippet: 'Turkmen gas deal signed in Ashgabat' },
      },
    ]);
  });

  it('exclude: lists the articles the exclusion vetoes, but not those a strong term keeps', async () => {
    const result = await preview('exclude', 'launch');
    expect(result).toMatchObject({ before: 3, after: 2, gainedCount: 0, lostCount: 1 });
    // "Baikonur launch ..." also hits the new exclusion, but !Baikonur overrides it.
    expect(changes(result)).toEqual({ gained: [], lost: ['app vetoed by launch'] });
    expect(result.lost[0]?.hit.term).toBe('Kazakh*');
    // Written -term, as add-term accepts it, it is the same edit.
    expect(await preview('add-term', '-launch')).toEqual(result);
  });

  it('remove-term of an exclusion: lists the articles it no longer vetoes', async () => {
    const result = await preview('remove-term', 'Borat');
    expect(result).toMatchObject({ before: 3, after: 4, gainedCount: 1, lostCount: 0 });
    expect(changes(result)).toEqual({ gained: ['borat Kazakh*'], lost: [] });
  });

  it('remove-term of an include term: lists what only that term matched, and names it', async () => {
    const result = await preview('remove-term', 'kazakh*');
    expect(result).toMatchObject({ before: 3, after: 1, gainedCount: 0, lostCount: 2 });
    // "Borat sequel ... Kazakhstan" was vetoed already, so it is not lost.
    expect(changes(result)).toEqual({ gained: [], lost: ['wheat no longer Kazakh*', 'app no longer Kazakh*'] });
    expect(result.lost[0]?.veto).toBeUndefined();
  });

  it('remove-term of a strong term: the exclusions it overrode veto again', async () => {
    const result = await preview('remove-term', '!Baikonur');
    expect(changes(result)).toEqual({ gained: [], lost: ['launch vetoed by Borat'] });
    expect(result.lost[0]?.hit).toMatchObject({ term: '!Baikonur', field: 'title' });
  });

  it('a strong term added overrides the exclusions, and is the hit shown for what it brings in', async () => {
    const result = await preview('add-term', '!Borat sequel');
    expect(result).toMatchObject({ before: 3, after: 4, gainedCount: 1, lostCount: 0 });
    expect(changes(result)).toEqual({ gained: ['borat !Borat sequel'], lost: [] });
  });

  it('reports an edit that changes nothing on recent articles as such', async () => {
    expect(await preview('add-term', 'Tajik*')).toEqual({
      scanned: 6,
      before: 3,
      after: 3,
      gainedCount: 0,
      lostCount: 0,
      gained: [],
      lost: [],
    });
  });

  it('counts every change but lists at most the newest MAX_PREVIEW_EXAMPLES, and scans only `limit` articles', async () => {
    const extra = MAX_PREVIEW_EXAMPLES + 5;
    for (let i = 0; i < extra; i++) await archive.put(article(`osh-${String(i).padStart(2, '0')}`, `Osh market day ${i}`, 10 + i));
    const result = await preview('add-term', 'Osh');
    expect(result).toMatchObject({ scanned: 6 + extra, gainedCount: extra, after: 3 + extra });
    expect(result.gained.map((a) => a.articleId)).toEqual(
      Array.from({ length: MAX_PREVIEW_EXAMPLES }, (_, i) => `osh-${String(i).padStart(2, '0')}`),
    );

    const newest = await previewTopicEdit({ name: NAME, change: { kind: 'add-term', term: 'Osh' } }, deps, 8);
    expect(newest).toMatchObject({ scanned: 8, before: 3, after: 5, gainedCount: 2 });
  });

  it('refuses what the edit would refuse, with the same error, before reading any article', async () => {
    const readingArchive = { ...archive, recent: () => Promise.reject(new Error('the archive must not be read')) };
    deps = { ...deps, articles: readingArchive };
    const edits = { 'add-term': addTerm, exclude: excludeTerm, 'remove-term': removeTerm } as const;
    const cases: [TermEditKind, string, string][] = [
      ['add-term', 'Ka*', 'invalid-term'],
      ['add-term', 'kazakh*', 'duplicate-term'],
      ['add-term', 'borat', 'conflicting-term'],
      ['exclude', '!Strong', 'invalid-term'],
      ['exclude', 'Kazakh*', 'conflicting-term'],
      ['remove-term', 'Tajik*', 'absent-term'],
      ['remove-term', '-Kazakh*', 'absent-term'],
    ];
    for (const [kind, term, code] of cases) {
      const previewed = await rejection(preview(kind, term));
      const saved = await rejection(edits[kind]({ name: NAME, term, author: 'alice' }, deps));
      expect({ kind, term, code: previewed.code }).toEqual({ kind, term, code });
      expect(previewed.message).toBe(saved.message);
    }
    const unknown = await rejection(previewTopicEdit({ name: 'nowhere', change: { kind: 'add-term', term: 'Osh' } }, deps));
    expect(unknown.code).toBe('unknown-topic');
    expect((await rejection(previewTopicEdit({ name: 'Not A Slug', change: { kind: 'add-term', term: 'Osh' } }, deps))).code).toBe(
      'invalid-topic-name',
    );
    expect((await rejection(previewTopicEdit({ name: NAME, change: { kind: 'add-term', term: 'Osh' } }, deps, 0))).code).toBe(
      'invalid-limit',
    );
  });

  it('refuses a term that would push the topic over the term cap, as the edit would', async () => {
    await putTopic(store, topic('full', Array.from({ length: MAX_TERMS_PER_TOPIC }, (_, i) => `term${i}`)));
    const error = await rejection(previewTopicEdit({ name: 'full', change: { kind: 'add-term', term: 'Osh' } }, deps));
    expect(error.code).toBe('invalid-term');
  });

  it('saves nothing', async () => {
    const appends: string[] = [];
    deps = { ...deps, store: { ...store, append: (scope, name, ...rest) => (appends.push(`${scope}/${name}`), store.append(scope, name, ...rest)) } };
    const revision = await store.revision();
    await preview('add-term', 'Turkmen*');
    await preview('exclude', 'launch');
    await preview('remove-term', 'Borat');
    await preview('add-term', 'Osh', CHAT);
    expect(appends).toEqual([]);
    expect(await store.revision()).toBe(revision);
    expect((await store.history('global', NAME, 10)).map((v) => v.version)).toEqual([1]);
    expect(await store.list(CHAT)).toEqual([]);
  });

  it("in a chat, compares the chat's view of the topic before and after its overlay changes", async () => {
    await putTopic(store, topic(NAME, ['Turkmen*'], []), CHAT);
    const result = await preview('exclude', 'wheat', CHAT);
    // The chat's overlay already brings in the Turkmen article.
    expect(result).toMatchObject({ before: 4, after: 3 });
    expect(changes(result)).toEqual({ gained: [], lost: ['wheat vetoed by wheat'] });

    const error = await rejection(preview('remove-term', 'Kazakh*', CHAT));
    expect(error.code).toBe('global-term');
  });

  it('treats a stored topic that no longer validates as matching nothing now, as the live matcher does', async () => {
    await putTopic(store, topic('legacy', ['Ka*', 'Kazakh*'], []));
    const result = await previewTopicEdit({ name: 'legacy', change: { kind: 'remove-term', term: 'Ka*' } }, deps);
    expect(result).toMatchObject({ before: 0, after: 3, gainedCount: 3, lostCount: 0 });
  });
});
