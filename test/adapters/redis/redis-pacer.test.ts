/**
 * The Redis pacer on a real redis-server: chat paces and platform rates hold across several
 * "processes" (separate connections), and holds after a 429 stop only what they name.
 */
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisPacer } from '../../../src/adapters/redis/redis-pacer.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import type { Pacer, Platform, Subscription } from '../../../src/core/ports.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

function chat(platform: Platform, chatId: string): Subscription {
  return {
    id: `${platform}-${chatId}`,
    platform,
    chatId,
    topics: [],
    language: 'id',
    style: DEFAULT_BRIEF_STYLE,
    onTranslationFailure: 'deliver-with-note',
    createdAt: 0,
  };
}

describe('createRedisPacer', () => {
  let redis: TestRedis;
  let pacer: Pacer;
  beforeEach(async () => {
    redis = await openTestRedis();
    pacer = createRedisPacer(redis.redis, redis.prefix, { discord: 50, telegram: 30 });
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it('lets the first message to a chat go and makes the next one to the same chat wait about a second', async () => {
    const group = chat('discord', '111');
    expect(await pacer.take(group)).toEqual({ ok: true });
    const second = await pacer.take(group);
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.scope).toBe('chat');
      expect(second.waitMs).toBeGreaterThan(900);
      expect(second.waitMs).toBeLessThanOrEqual(1_050);
    }
  });

  it('paces a Telegram group slower (20 a minute) than a private chat (1 a second)', async () => {
    const group = chat('telegram', '-100123');
    const person = chat('telegram', '4242');
    await pacer.take(group);
    await pacer.take(person);
    const [groupWait, personWait] = [await pacer.take(group), await pacer.take(person)];
    expect(!groupWait.ok && groupWait.waitMs).toBeGreaterThan(2_900);
    expect(!personWait.ok && personWait.waitMs).toBeLessThanOrEqual(1_050);
  });

  it('spaces messages to different chats by the platform rate, across connections', async () => {
    const other = new Redis(redis.url, { lazyConnect: true });
    await other.connect();
    try {
      const second = createRedisPacer(other, redis.prefix, { discord: 50, telegram: 30 });
      expect(await pacer.take(chat('telegram', '1'))).toEqual({ ok: true });
      const refused = await second.take(chat('telegram', '2'));
      expect(refused).toMatchObject({ ok: false, scope: 'platform' });
      if (!refused.ok) expect(refused.waitMs).toBeLessThanOrEqual(35);
      // A refusal takes nothing: chat 2 is free once the platform slot passes.
      await new Promise((later) => setTimeout(later, 40));
      expect(await second.take(chat('telegram', '2'))).toEqual({ ok: true });
    } finally {
      other.disconnect();
    }
  });

  it('never lets more than the platform rate through in any second, however many chats ask', async () => {
    const sentAt: number[] = [];
    const started = Date.now();
    let chatNumber = 0;
    while (Date.now() - started < 1_500) {
      const decision = await pacer.take(chat('discord', String(chatNumber)));
      if (decision.ok) {
        sentAt.push(Date.now());
        chatNumber++;
      } else {
        await new Promise((later) => setTimeout(later, decision.waitMs));
      }
    }
    // Slots are spaced 21 ms apart on Redis's clock; what this process sees can bunch up by a
    // round trip (a late answer, then a quick one), hence one slot of slack, never more.
    for (const first of sentAt) {
      const inWindow = sentAt.filter((at) => at >= first && at < first + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(49);
    }
    // And it does not waste the limit: each message was let through as soon as its slot came, so
    // the refusals waited no longer than the spacing (how close to 50/s a process gets is npm run
    // bench's question; on a loaded machine the round trips to Redis set the pace).
    expect(sentAt.length).toBeGreaterThan(10);
  });

  it('holds only the chat after a chat 429, and the whole platform after a global one', async () => {
    const a = chat('discord', 'a');
    const b = chat('discord', 'b');
    await pacer.hold(a, 'chat', 5_000);
    const held = await pacer.take(a);
    expect(held).toMatchObject({ ok: false, scope: 'chat' });
    expect(await pacer.take(b)).toEqual({ ok: true });
    await pacer.hold(b, 'platform', 3_000);
    const platformHeld = await pacer.take(chat('discord', 'c'));
    expect(platformHeld).toMatchObject({ ok: false, scope: 'platform' });
    if (!platformHeld.ok) expect(platformHeld.waitMs).toBeGreaterThan(2_500);
    expect(await pacer.take(chat('telegram', 'x'))).toEqual({ ok: true });
  });

  it('never paces the console', async () => {
    const console = { ...chat('console', 'stdout'), platform: 'console' as const };
    for (let i = 0; i < 5; i++) expect(await pacer.take(console)).toEqual({ ok: true });
  });
});
