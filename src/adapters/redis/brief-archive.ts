/**
 * Briefs in Redis: each (article, language) for delivery jobs, and the newest per topic and
 * language for `/accords`-style queries.
 * Keys: `<prefix>brief:<article id>:<language>` (JSON, 14 days) and
 * `<prefix>briefs:<topic>:<language>` (list of article ids, newest first, trimmed to `keepPerTopic`).
 */
import type { Redis } from 'ioredis';
import type { Brief } from '../../core/briefs/brief.js';
import type { BriefArchive } from '../../core/ports.js';

/** Brief archive under `prefix` (which ends with `:`). */
export function createRedisBriefArchive(redis: Redis, prefix: string, keepPerTopic = 50): BriefArchive {
  const briefKey = (articleId: string, language: string): string => `${prefix}brief:${articleId}:${language}`;
  const topicKey = (topic: string, language: string): string => `${prefix}briefs:${topic}:${language}`;
  const ttl = 14 * 24 * 3600;
  return {
    async save(brief, audienceLanguage) {
      const batch = redis.multi().set(briefKey(brief.articleId, audienceLanguage), JSON.stringify(brief), 'EX', ttl);
      for (const topic of brief.topics) {
        const list = topicKey(topic, audienceLanguage);
        // LREM first: a rebuilt brief moves to the front instead of appearing twice.
        batch.lrem(list, 0, brief.articleId).lpush(list, brief.articleId).ltrim(list, 0, keepPerTopic - 1);
      }
      await batch.exec();
    },
    async get(articleId, language) {
      const json = await redis.get(briefKey(articleId, language));
      return json === null ? undefined : (JSON.parse(json) as Brief);
    },
    async latest(topic, language, limit) {
      const ids = await redis.lrange(topicKey(topic, language), 0, limit - 1);
      if (ids.length === 0) return [];
      const found = await redis.mget(ids.map((id) => briefKey(id, language)));
      return found.filter((json): json is string => json !== null).map((json) => JSON.parse(json) as Brief);
    },
  };
}
