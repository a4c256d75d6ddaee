/**
 * Story claims in Redis: the same story from several feeds (same canonical URL, or a
 * near-identical title) is briefed once.
 * Keys: `<prefix>story:<story key>` -> the article id that claimed it, expiring after the window.
 */
import type { Redis } from 'ioredis';
import type { StoryRegistry } from '../../core/ports.js';

/** How long a story key stays claimed: near-identical titles count as one story within 72 h. */
export const STORY_WINDOW_SECONDS = 72 * 3600;

/**
 * Claims all keys for one article, or none.
 * KEYS = the story keys. ARGV[1] = article id, ARGV[2] = TTL (s).
 * Returns the id of another article already holding one of the keys, or false after claiming all.
 */
const CLAIM_STORY = `
for _, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if holder and holder ~= ARGV[1] then return holder end
end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'EX', tonumber(ARGV[2]))
end
return false
`;

/** Story claims under `prefix` (which ends with `:`). */
export function createRedisStoryRegistry(redis: Redis, prefix: string, windowSeconds = STORY_WINDOW_SECONDS): StoryRegistry {
  return {
    async claim(keys, articleId) {
      if (keys.length === 0) return undefined;
      const redisKeys = keys.map((key) => `${prefix}story:${key}`);
      const holder = (await redis.eval(CLAIM_STORY, redisKeys.length, ...redisKeys, articleId, windowSeconds)) as
        | string
        | null;
      return holder ?? undefined;
    },
  };
}
