/**
 * Translation cost counters per provider per UTC day.
 * Keys: `<prefix>usage:<YYYY-MM-DD>` (hash: `<provider>|characters`, `<provider>|tokens`, `<provider>|calls`), kept 400 days.
 */
import type { Redis } from 'ioredis';
import type { UsageMeter } from '../../core/ports.js';

const KEEP_SECONDS = 400 * 24 * 3600;
const FIELDS = ['characters', 'tokens', 'calls'] as const;

/** Usage counters under `prefix` (which ends with `:`). */
export function createRedisUsageMeter(redis: Redis, prefix: string): UsageMeter {
  const key = (at: number): string => `${prefix}usage:${new Date(at).toISOString().slice(0, 10)}`;
  return {
    async record(provider, usage, at) {
      const dayKey = key(at);
      await redis
        .multi()
        .hincrby(dayKey, `${provider}|characters`, usage.characters)
        .hincrby(dayKey, `${provider}|tokens`, usage.tokens ?? 0)
        .hincrby(dayKey, `${provider}|calls`, usage.calls ?? 1)
        .expire(dayKey, KEEP_SECONDS)
        .exec();
    },
    async day(at) {
      const raw = await redis.hgetall(key(at));
      const result: Record<string, { characters: number; tokens: number; calls: number }> = {};
      for (const [field, value] of Object.entries(raw)) {
        const [provider, counter] = field.split('|') as [string, (typeof FIELDS)[number]];
        if (!FIELDS.includes(counter)) continue;
        result[provider] ??= { characters: 0, tokens: 0, calls: 0 };
        result[provider][counter] = Number(value);
      }
      return result;
    },
  };
}
