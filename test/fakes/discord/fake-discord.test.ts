// The fake is only worth its strictness: these check that it refuses what Discord refuses, with raw
// HTTP and WebSocket clients, so that a lax adapter cannot pass against a lax fake.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

const NO_MENTIONS = { parse: [] };

describe('the loopback Discord', () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await startFakeDiscord({ interactionDeadlineMs: 300 });
  });
  afterEach(async () => {
    await discord.close();
  });

  const call = async (method: string, path: string, body?: unknown, token: string | null = discord.token) => {
    const response = await fetch(`${discord.api}/v10${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bot ${token}` }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  };
  const post = (channel: string, body: Record<string, unknown>) => call('POST', `/channels/${channel}/messages`, body);

  it('refuses message bodies Discord refuses, and posts none of them', async () => {
    const bad: Array<Record<string, unknown>> = [
      { content: 'no allowed_mentions' },
      { content: 'pings', allowed_mentions: { parse: ['everyone'] } },
      { content: 'x'.repeat(2001), allowed_mentions: NO_MENTIONS },
      { embeds: [{ description: 'x'.repeat(4097) }], allowed_mentions: NO_MENTIONS },
      { embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }], allowed_mentions: NO_MENTIONS },
      { embeds: [{ title: 't', url: 'javascript:alert(1)' }], allowed_mentions: NO_MENTIONS },
      { content: '', allowed_mentions: NO_MENTIONS },
      { content: 'long nonce', nonce: 'n'.repeat(26), enforce_nonce: true, allowed_mentions: NO_MENTIONS },
    ];
    for (const body of bad) {
      const answer = await post('2001', body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body?.code).toBe(50035);
    }
    expect(discord.messages('2001')).toEqual([]);
    expect((await post('2001', { content: 'x'.repeat(2000), allowed_mentions: NO_MENTIONS })).status).toBe(200);
  });

  it('answers a repeated nonce with the first message when enforce_nonce is set, and posts again without it', async () => {
    const first = await post('2001', { content: 'a', nonce: 'k-0', enforce_nonce: true, allowed_mentions: NO_MENTIONS });
    const again = await post('2001', { content: 'a', nonce: 'k-0', enforce_nonce: true, allowed_mentions: NO_MENTIONS });
    expect(again.body?.id).toBe(first.body?.id);
    await post('2001', { content: 'a', nonce: 'k-0', allowed_mentions: NO_MENTIONS });
    expect(discord.messages('2001')).toHaveLength(2);
    expect(discord.deduplicated()).toBe(1);
  });

  it('holds each channel to 5 messages per 5 s with a 429 (float retry_after, Retry-After header, global false)', async () => {
    for (let i = 0; i < 5; i++) expect((await post('2001', { content: `m${i}`, allowed_mentions: NO_MENTIONS })).status).toBe(200);
    const limited = await post('2001', { content: 'm5', allowed_mentions: NO_MENTIONS });
    expect(limited.status).toBe(429);
    expect(limited.body?.global).toBe(false);
    expect(limited.body?.retry_after).toBeGreaterThan(4);
    expect(limited.body?.retry_after).toBeLessThanOrEqual(5);
    expect(Number(limited.headers.get('retry-after'))).toBe(Math.ceil(limited.body?.retry_after as number));
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await post('2002', { content: 'other channel', allowed_mentions: NO_MENTIONS })).status).toBe(200);
    expect(discord.rateLimited().channel).toBe(1);
  });

  it('holds the bot to its global rate with a global 429 (50 per second by default)', async () => {
    // A small, long window here, so that a loaded machine cannot spread the requests over two windows.
    const strict = await startFakeDiscord({ limits: { global: { count: 5, windowMs: 60_000 } } });
    const answers = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${strict.api}/v10/users/@me`, { headers: { Authorization: `Bot ${strict.token}` } });
      answers.push({ status: response.status, global: response.headers.get('x-ratelimit-global'), body: (await response.json()) as Record<string, unknown> });
    }
    await strict.close();
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(answers[5]?.body.global).toBe(true);
    expect(answers[5]?.body.retry_after).toBeGreaterThan(50);
    expect(answers[5]?.global).toBe('true');
    expect(strict.rateLimited().global).toBe(3);
  });

  it('answers 401 to a missing or wrong token and records no token', async () => {
    expect((await call('GET', '/users/@me', undefined, null)).status).toBe(401);
    expect((await call('GET', '/users/@me', undefined, 'wrong')).status).toBe(401);
    expect(discord.requests.map((request) => request.auth)).toEqual(['missing', 'wrong']);
    expect(JSON.stringify(discord.requests)).not.toContain(discord.token);
  });

  it('gives a ws:// gateway URL, refuses a wrong token at IDENTIFY (4004), sends READY and GUILD_CREATE to a right one', async () => {
    const info = await call('GET', '/gateway/bot');
    expect(info.body).toMatchObject({ url: `ws://127.0.0.1:${discord.port}/gateway`, shards: 1 });
    const refused = await session(info.body?.url as string, 'wrong');
    expect(await refused.closed).toBe(4004);
    const accepted = await session(info.body?.url as string, discord.token);
    expect(await accepted.next('READY')).toMatchObject({ guilds: [{ id: '1001', unavailable: true }], application: { id: discord.applicationId } });
    expect(await accepted.next('GUILD_CREATE')).toMatchObject({ id: '1001' });
    accepted.socket.close();
  });

  it('takes one callback per interaction within the deadline: late is 10062, second is 40060', async () => {
    const { body } = await call('GET', '/gateway/bot');
    const gateway = await session(body?.url as string, discord.token);
    await gateway.next('GUILD_CREATE');
    const onTime = discord.interact({ command: 'accords', subcommand: 'status' });
    const dispatched = (await gateway.next('INTERACTION_CREATE')) as { id: string; token: string; entitlements: unknown[]; member: { permissions: string } };
    expect(dispatched.entitlements).toEqual([]);
    expect(dispatched.member.permissions).toBe('3072');
    const answer = { type: 4, data: { content: 'ok', allowed_mentions: NO_MENTIONS } };
    expect((await call('POST', `/interactions/${dispatched.id}/${dispatched.token}/callback`, answer, null)).status).toBe(204);
    expect((await call('POST', `/interactions/${dispatched.id}/${dispatched.token}/callback`, answer, null)).body?.code).toBe(40060);
    expect((await onTime.reply).text).toBe('ok');

    discord.interact({ command: 'accords', subcommand: 'status' });
    const late = (await gateway.next('INTERACTION_CREATE')) as { id: string; token: string };
    await new Promise((resolve) => setTimeout(resolve, 400));
    const refused = await call('POST', `/interactions/${late.id}/${late.token}/callback`, answer, null);
    expect([refused.status, refused.body?.code]).toEqual([404, 10062]);
    gateway.socket.close();
  });

  it('checks registered commands the way Discord does', async () => {
    const put = (commands: unknown) => call('PUT', `/applications/${discord.applicationId}/commands`, commands);
    const sub = (options: unknown[]) => [{ name: 'x', description: 'x', options: [{ type: 1, name: 'y', description: 'y', options }] }];
    expect((await put([{ name: 'Accords', description: 'd' }])).status).toBe(400);
    expect((await put([{ name: 'a', description: 'd'.repeat(101) }])).status).toBe(400);
    expect((await put([{ name: 'a', description: 'd', description_localizations: { xx: 'd' } }])).status).toBe(400);
    expect((await put(sub([{ type: 3, name: 'o', description: 'o' }, { type: 3, name: 'r', description: 'r', required: true }]))).status).toBe(400);
    expect((await put(sub([{ type: 3, name: 'o', description: 'o', autocomplete: true, choices: [{ name: 'a', value: 'a' }] }]))).status).toBe(400);
    expect((await put(sub([{ type: 4, name: 'n', description: 'n', min_value: 1, max_value: 10 }]))).status).toBe(200);
    expect(discord.commands()).toHaveLength(1);
  });
});

/** A raw gateway client: HELLO, IDENTIFY, then the dispatches in order. */
async function session(url: string, token: string) {
  const socket = new WebSocket(`${url}?v=10&encoding=json`);
  const events: Array<{ t: string; d: unknown }> = [];
  const waiters: Array<() => void> = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data) => {
    const payload = JSON.parse(String(data)) as { op: number; t: string; d: unknown };
    if (payload.op === 10) socket.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: {}, shard: [0, 1] } }));
    if (payload.op === 0) events.push({ t: payload.t, d: payload.d });
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve) => socket.once('open', resolve));
  return {
    socket,
    closed,
    async next(type: string): Promise<unknown> {
      for (;;) {
        const index = events.findIndex((event) => event.t === type);
        if (index !== -1) return events.splice(0, index + 1).at(-1)?.d;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
