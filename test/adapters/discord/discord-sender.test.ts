import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../../../src/adapters/discord/discord-sender.js';
import { createLogger } from '../../../src/adapters/log/create-logger.js';
import type { Brief } from '../../../src/core/briefs/brief.js';
import { CHAT_ERROR } from '../../../src/core/chat/chat-errors.js';
import { isKabarError, type KabarError } from '../../../src/core/errors.js';
import type { Subscription } from '../../../src/core/ports.js';
import { DISCORD_FAILURES, startFakeDiscord, visibleText, type FakeDiscord, type FakeFailure } from '../../fakes/discord/fake-discord.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GsecretPart.abcdefghijklmnopqrstuvwxyz012345';

const subscription = (extra: Partial<Subscription> = {}): Subscription => ({
  id: 'discord-2001',
  platform: 'discord',
  chatId: '2001',
  guildId: '1001',
  topics: [],
  language: 'en',
  style: { greeting: 'off', closing: 'off' },
  onTranslationFailure: 'deliver-with-note',
  createdAt: 0,
  ...extra,
});

const brief = (paragraphs: string[] = ['One paragraph.']): Brief => ({
  articleId: 'a1',
  topics: ['central-asia'],
  language: 'en',
  title: 'Astana hosts a summit',
  paragraphs,
  url: 'https://example.com/news/astana-summit',
});

describe('createDiscordSender against the loopback Discord', () => {
  let discord: FakeDiscord;
  let lines: string[];
  let sender: ReturnType<typeof createDiscordSender>;
  beforeEach(async () => {
    discord = await startFakeDiscord({ token: TOKEN });
    lines = [];
    const log = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) });
    sender = createDiscordSender({ token: TOKEN, apiBase: discord.api, log, timeoutMs: 400, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
  });
  afterEach(async () => {
    sender.close();
    await discord.close();
  });

  async function send(sub: Subscription, subject: Brief, keyPrefix = 'k1'): Promise<void> {
    const parts = sender.render(sub, subject);
    for (const [index, part] of parts.entries()) {
      await sender.sendPart(sub, part, { index, count: parts.length, idempotencyKey: `${keyPrefix}-${index}` });
    }
  }

  async function failure(scripted: FakeFailure): Promise<KabarError> {
    discord.failNext(scripted);
    const [part] = sender.render(subscription(), brief());
    const error = await sender.sendPart(subscription(), part as never, { index: 0, count: 1, idempotencyKey: 'fail-0' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isKabarError(error), `a KabarError for ${JSON.stringify(scripted)}`).toBe(true);
    return error as KabarError;
  }

  it('posts each part with no mentions, the part key as an enforced nonce, and the timestamp on the closing embed', async () => {
    await send(subscription(), brief());
    const [message] = discord.messages('2001');
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
    expect(message?.body.nonce).toBe('k1-0');
    expect(message?.body.enforce_nonce).toBe(true);
    expect(message?.flags).toBe(0);
    expect(message?.embeds[0]?.timestamp).toBe('2026-01-02T03:04:05.000Z');
    expect(message?.embeds[0]?.url).toBe('https://example.com/news/astana-summit');
    expect(visibleText(message ?? {})).toContain('One paragraph.');
  });

  it('posts silently (SUPPRESS_NOTIFICATIONS) when the subscription is silent, and as plain text when asked', async () => {
    await send(subscription({ silent: true, format: 'text' }), brief());
    const [message] = discord.messages('2001');
    expect(message?.flags).toBe(1 << 12);
    expect(message?.embeds).toEqual([]);
    expect(message?.content).toBe('Astana hosts a summit\nOne paragraph.\nhttps://example.com/news/astana-summit');
  });

  it('posts to a thread like to a channel: its id is the chat id', async () => {
    await send(subscription({ id: 'discord-2002', chatId: '2002' }), brief());
    expect(discord.messages('2002')).toHaveLength(1);
    expect(discord.messages('2001')).toHaveLength(0);
  });

  it('does not post twice when a part is retried with its key, even after the first answer was lost', async () => {
    const sub = subscription();
    const [part] = sender.render(sub, brief());
    const key = { index: 0, count: 1, idempotencyKey: 'art1-sub-0' };
    // Discord takes the message but answers after the client gave up (timeout 400 ms).
    discord.failNext({ kind: 'slow', delayMs: 700 });
    const lost = await sender.sendPart(sub, part as never, key).then(() => undefined, (error: unknown) => error);
    expect(isKabarError(lost, 'retryable')).toBe(true);
    expect((lost as KabarError).code).toBe('timeout');
    // The fake stores it once its slow answer is due.
    for (const started = Date.now(); discord.messages('2001').length === 0 && Date.now() - started < 5_000; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(discord.messages('2001')).toHaveLength(1);
    await sender.sendPart(sub, part as never, key);
    await sender.sendPart(sub, part as never, key);
    expect(discord.messages('2001')).toHaveLength(1);
    expect(discord.deduplicated()).toBe(2);
    // A different key is a different message.
    await sender.sendPart(sub, part as never, { ...key, idempotencyKey: 'art2-sub-0' });
    expect(discord.messages('2001')).toHaveLength(2);
  });

  it('maps 10003, 50001 and 50013 to a permanent chat-gone naming the code', async () => {
    for (const [scripted, code] of [
      [DISCORD_FAILURES.unknownChannel, 10003],
      [DISCORD_FAILURES.missingAccess, 50001],
      [DISCORD_FAILURES.missingPermissions, 50013],
    ] as const) {
      const error = await failure(scripted);
      expect(error.kind).toBe('permanent');
      expect(error.code).toBe(CHAT_ERROR.gone);
      expect(error.message).toContain(String(code));
    }
    expect(discord.messages('2001')).toEqual([]);
  });

  it('maps a channel 429 to chat-rate-limited and a global one to platform-rate-limited, with retry_after in ms', async () => {
    const chat = await failure(DISCORD_FAILURES.rateLimited(1.234, false));
    expect([chat.kind, chat.code, chat.retryAfterMs]).toEqual(['rate-limited', CHAT_ERROR.chatRateLimited, 1234]);
    const global = await failure(DISCORD_FAILURES.rateLimited(0.4, true));
    expect([global.kind, global.code, global.retryAfterMs]).toEqual(['rate-limited', CHAT_ERROR.platformRateLimited, 400]);
    // Answered at once: the client did not sit out the wait itself.
    expect(discord.messages('2001')).toEqual([]);
  });

  it('stops at the channel pace (5 per 5 s) with chat-rate-limited, and other channels go on', async () => {
    const sub = subscription();
    const [part] = sender.render(sub, brief());
    for (let i = 0; i < 5; i++) await sender.sendPart(sub, part as never, { index: 0, count: 1, idempotencyKey: `pace-${i}` });
    const started = Date.now();
    const error = await sender.sendPart(sub, part as never, { index: 0, count: 1, idempotencyKey: 'pace-5' }).catch((caught: unknown) => caught);
    // Refused at once: the client did not sit out the 5 s window itself.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(isKabarError(error, 'rate-limited')).toBe(true);
    expect((error as KabarError).code).toBe(CHAT_ERROR.chatRateLimited);
    expect((error as KabarError).retryAfterMs).toBeGreaterThan(3000);
    expect(discord.messages('2001')).toHaveLength(5);
    await sender.sendPart(subscription({ id: 'discord-2002', chatId: '2002' }), part as never, { index: 0, count: 1, idempotencyKey: 'other-0' });
    expect(discord.messages('2002')).toHaveLength(1);
  });

  it('maps 401 to unauthorized naming DISCORD_TOKEN, and asks Discord again on the next send', async () => {
    const error = await failure(DISCORD_FAILURES.unauthorized);
    expect([error.kind, error.code]).toEqual(['permanent', CHAT_ERROR.unauthorized]);
    expect(error.message).toBe('401 from Discord: the bot token is wrong or revoked — check DISCORD_TOKEN');
    await send(subscription(), brief(), 'after-401');
    expect(discord.messages('2001')).toHaveLength(1);
  });

  it('maps other 4xx to a permanent chat-request-rejected, and 5xx, timeouts and refused connections to retryable', async () => {
    const rejected = await failure({ kind: 'status', status: 400, code: 50035, message: 'Invalid Form Body' });
    expect([rejected.kind, rejected.code]).toEqual(['permanent', CHAT_ERROR.rejected]);
    for (const scripted of [DISCORD_FAILURES.serverError, DISCORD_FAILURES.badGateway, { kind: 'hang' } as const]) {
      const error = await failure(scripted);
      expect(error.kind, JSON.stringify(scripted)).toBe('retryable');
    }
    const { api } = discord;
    await discord.close();
    const offline = createDiscordSender({ token: TOKEN, apiBase: api, log: createLogger({ level: 'error', format: 'json', write: () => undefined }) });
    const [part] = offline.render(subscription(), brief());
    const refused = await offline.sendPart(subscription(), part as never, { index: 0, count: 1, idempotencyKey: 'x' }).catch((caught: unknown) => caught);
    offline.close();
    expect(isKabarError(refused, 'retryable')).toBe(true);
    discord = await startFakeDiscord();
  });

  it('answers the fake\'s strict checks for a long brief in both formats', async () => {
    const long = brief(Array.from({ length: 14 }, (_, p) => `Paragraph ${p}. ${'A sentence of the long article. '.repeat(14)}`));
    await send(subscription(), long, 'embed');
    await send(subscription({ id: 'discord-2002', chatId: '2002', format: 'text' }), long, 'text');
    expect(discord.requests.filter((request) => request.status !== 200)).toEqual([]);
    expect(discord.messages('2001').length).toBeGreaterThan(0);
    expect(discord.messages('2002').length).toBeGreaterThan(1);
  });

  it('never puts the token in a log line, an error or its cause', async () => {
    const errors: unknown[] = [];
    for (const scripted of [DISCORD_FAILURES.unauthorized, DISCORD_FAILURES.unknownChannel, DISCORD_FAILURES.serverError, DISCORD_FAILURES.rateLimited(1, true)]) {
      errors.push(await failure(scripted));
    }
    await send(subscription(), brief());
    const everything = [...lines, ...errors.map((error) => inspect(error, { depth: 10, showHidden: true }))].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('GsecretPart');
  });
});
