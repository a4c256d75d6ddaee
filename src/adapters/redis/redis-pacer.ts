/**
 * The platforms' send limits, held in Redis so that they bind every worker process together
 * (DESIGN.md, "Platform facts to respect"): a global rate per platform and a pace per chat.
 *
 * Each limit is a GCRA ("generic cell rate algorithm") cell: one key holding the theoretical
 * arrival time (TAT) of the next message, spacing messages `intervalMs` apart. It is smooth by
 * construction: however the sends of many processes interleave, no window of any length holds
 * more than its share. Why not a kept library: rate-limiter-flexible's Redis limiter counts in
 * fixed windows of whole seconds, which lets twice the limit through across a window boundary,
 * and the platforms answer exactly that with 429s. Keys: `<prefix>pace:<platform>` and
 * `<prefix>pace:<platform>:<chat id>`, expiring once idle.
 */
import type { Redis } from 'ioredis';
import type { PaceDecision, Pacer, Platform, Subscription } from '../../core/ports.js';

/**
 * Takes one slot in every cell, or none: a message must fit every limit at once.
 * KEYS = the cells. ARGV[1..n] = each cell's interval (ms), in KEYS order.
 * Uses the server's clock (TIME), so that processes with skewed clocks still agree.
 * Returns {0, 0} when taken, or {wait ms, index of the cell that refused (1-based)}.
 */
const TAKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local waitMs, refusing = 0, 0
local tats = {}
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  tats[i] = tat
  if tat - now > waitMs then waitMs, refusing = tat - now, i end
end
if refusing > 0 then return {waitMs, refusing} end
for i = 1, #KEYS do
  local interval = tonumber(ARGV[i])
  redis.call('SET', KEYS[i], tats[i] + interval, 'PX', interval + 60000)
end
return {0, 0}
`;

/**
 * Pushes a cell's next slot to at least now + ms (after a 429).
 * KEYS[1] = the cell. ARGV[1] = ms.
 */
const HOLD = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local until_ = now + tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < until_ then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 60000) end
return 1
`;

/** Messages per second per platform (the platforms' global limits, or lower). */
export interface PacerRates {
  discord: number;
  telegram: number;
}

/** The platforms' documented limits: Discord 50 requests/s, Telegram about 30 messages/s. */
export const PLATFORM_RATES: PacerRates = { discord: 50, telegram: 30 };

// Spacing is rounded up and given a millisecond more, so that clock granularity never lets a
// message through early: 50/s becomes one per 21 ms (47.6/s).
const spacing = (perSecond: number): number => Math.ceil(1000 / perSecond) + 1;

/**
 * Per-chat paces: Discord about 5 messages per 5 s per channel; Telegram 1 message/s per chat
 * and 20 per minute in a group (group ids are negative). Spaced evenly, with a margin.
 */
function chatIntervalMs(subscription: Subscription): number {
  if (subscription.platform === 'discord') return 1_050;
  if (subscription.platform === 'telegram') return subscription.chatId.startsWith('-') ? 3_100 : 1_050;
  return 0;
}

/**
 * A {@link Pacer} on Redis under `prefix` (which ends with `:`).
 *
 * @example
 * ```ts
 * const pacer = createRedisPacer(redis, '{kabar}:', PLATFORM_RATES);
 * const decision = await pacer.take(subscription);
 * if (!decision.ok) delayJob(decision.waitMs);
 * ```
 */
export function createRedisPacer(redis: Redis, prefix: string, rates: PacerRates = PLATFORM_RATES): Pacer {
  const platformKey = (platform: Platform): string => `${prefix}pace:${platform}`;
  const chatKey = (subscription: Subscription): string => `${prefix}pace:${subscription.platform}:${subscription.chatId}`;
  return {
    async take(subscription) {
      if (subscription.platform === 'console') return { ok: true };
      const keys = [chatKey(subscription), platformKey(subscription.platform)];
      const intervals = [chatIntervalMs(subscription), spacing(rates[subscription.platform])];
      const [waitMs, refusing] = (await redis.eval(TAKE, keys.length, ...keys, ...intervals)) as [number, number];
      if (refusing === 0) return { ok: true };
      return { ok: false, scope: refusing === 1 ? 'chat' : 'platform', waitMs } satisfies PaceDecision;
    },
    async hold(subscription, scope, ms) {
      if (subscription.platform === 'console') return;
      const key = scope === 'chat' ? chatKey(subscription) : platformKey(subscription.platform);
      await redis.eval(HOLD, 1, key, Math.max(1, Math.ceil(ms)));
    },
  };
}
