/**
 * An {@link ArticleArchive} in memory, ordered and bounded like the Redis archive
 * (`src/adapters/redis/article-archive.ts`), for use-case tests that need no Redis. Nothing
 * expires: tests that care about age put only the articles they want.
 */
import type { Article } from '../../src/core/article.js';
import type { ArticleArchive, Clock } from '../../src/core/ports.js';

/** Options of {@link createInMemoryArticleArchive}. */
export interface InMemoryArticleArchiveOptions {
  /** Stamps articles without `publishedAt`, as `Date.now()` does in Redis; default `Date.now`. */
  clock?: Clock;
  /** Only the newest this many are kept; default 5,000, as in Redis. */
  maxArticles?: number;
}

/**
 * An in-memory article archive: `recent` is newest first by `publishedAt` (else the time of `put`),
 * ties broken by id from the highest, as a Redis sorted set reads them backwards. Values are
 * copied going in and out, as a real store would.
 *
 * @example
 * ```ts
 * const articles = createInMemoryArticleArchive();
 * await articles.put({ id: 'a1', title: 'Astana summit', link: 'https://x.test/a1', summary: '', content: '', publishedAt: 1 });
 * (await articles.recent(10)).map((a) => a.id); // ['a1']
 * ```
 */
export function createInMemoryArticleArchive(options: InMemoryArticleArchiveOptions = {}): ArticleArchive {
  const clock = options.clock ?? { now: () => Date.now() };
  const maxArticles = options.maxArticles ?? 5_000;
  const byId = new Map<string, { article: Article; at: number }>();

  const newestFirst = (): Article[] =>
    [...byId.values()]
      .sort((a, b) => b.at - a.at || (a.article.id < b.article.id ? 1 : a.article.id > b.article.id ? -1 : 0))
      .map((entry) => entry.article);

  return {
    async put(article) {
      byId.set(article.id, { article: structuredClone(article), at: article.publishedAt ?? clock.now() });
      for (const old of newestFirst().slice(maxArticles)) byId.delete(old.id);
    },
    async get(id) {
      const entry = byId.get(id);
      return entry === undefined ? undefined : structuredClone(entry.article);
    },
    async recent(limit) {
      if (limit <= 0) return [];
      return structuredClone(newestFirst().slice(0, limit));
    },
  };
}
