/**
 * Normalized articles of the last days, bounded in time and count, so a moderator can preview
 * what a keyword edit would change.
 * Keys: `<prefix>article:<id>` (JSON, expiring) and `<prefix>articles:recent` (sorted set of ids by time).
 */
import type { Redis } from 'ioredis';
import type { Article } from '../../core/article.js';
import type { ArticleArchive } from '../../core/ports.js';

/** Limits of the archive. */
export interface ArticleArchiveLimits {
  /** Default 7 days. */
  keepSeconds: number;
  /** Default 5,000 articles. */
  maxArticles: number;
}

/** Articles under `prefix` (which ends with `:`). */
export function createRedisArticleArchive(
  redis: Redis,
  prefix: string,
  limits: ArticleArchiveLimits = { keepSeconds: 7 * 24 * 3600, maxArticles: 5_000 },
): ArticleArchive {
  const articleKey = (id: string): string => `${prefix}article:${id}`;
  const indexKey = `${prefix}articles:recent`;
  return {
    async put(article) {
      const at = article.publishedAt ?? Date.now();
      await redis
        .multi()
        .set(articleKey(article.id), JSON.stringify(article), 'EX', limits.keepSeconds)
        .zadd(indexKey, at, article.id)
        // Keep only the newest maxArticles ids; their JSON expires on its own.
        .zremrangebyrank(indexKey, 0, -limits.maxArticles - 1)
        .exec();
    },
    async get(id) {
      const json = await redis.get(articleKey(id));
      return json === null ? undefined : (JSON.parse(json) as Article);
    },
    async recent(limit) {
      const ids = await redis.zrevrange(indexKey, 0, limit - 1);
      if (ids.length === 0) return [];
      const found = await redis.mget(ids.map(articleKey));
      const gone = ids.filter((_, index) => found[index] === null);
      if (gone.length > 0) await redis.zrem(indexKey, ...gone);
      return found.filter((json): json is string => json !== null).map((json) => JSON.parse(json) as Article);
    },
  };
}
