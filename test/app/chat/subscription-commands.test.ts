/**
 * The chat's own subscription from chat commands: subscribe, update, options, language, status,
 * unsubscribe, and a paused chat hearing why.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openChatKit, otherDiscordChannel, telegramPrivate, telegramTopic, type ChatKit } from './chat-kit.js';

describe('subscription commands', () => {
  let kit: ChatKit;
  beforeEach(async () => {
    kit = await openChatKit();
  });
  afterEach(() => kit.cleanup());

  it('subscribes a Discord channel in the default language, sharing the server\'s topic scope, and updates it in place', async () => {
    const first = await kit.run('subscribe', { topics: 'central-asia' });
    expect(first).toMatchObject({ status: 'ok' });
    expect(first.text).toContain('Subscribed');
    expect(first.text).toContain('central-asia');
    const saved = await kit.deps.subscriptions.get('discord-100');
    expect(saved).toMatchObject({
      platform: 'discord',
      chatId: '100',
      guildId: '900',
      topicScope: 'chat:discord-guild-900',
      topics: ['central-asia'],
      language: 'id',
      createdBy: 'discord:555',
      createdAt: kit.clock.now(),
    });

    const second = await kit.run('subscribe', { topics: 'central-asia, abraham-accords', language: 'en' });
    expect(second.text).toContain('Updated');
    expect(await kit.deps.subscriptions.get('discord-100')).toMatchObject({ topics: ['central-asia', 'abraham-accords'], language: 'en' });
    expect((await kit.deps.subscriptions.list()).map((subscription) => subscription.id)).toEqual(['discord-100']);

    await kit.run('subscribe', {}, { place: otherDiscordChannel });
    expect(await kit.deps.subscriptions.get('discord-101')).toMatchObject({ topics: [], topicScope: 'chat:discord-guild-900' });
  });

  it('subscribes one topic of a Telegram forum, not the whole group', async () => {
    await kit.run('subscribe', { topics: 'abraham-accords' }, { place: telegramTopic });
    expect(await kit.deps.subscriptions.get('telegram--1001234-topic-7')).toMatchObject({
      chatId: '-1001234',
      threadId: '7',
      topicScope: 'chat:telegram--1001234',
    });
    expect(await kit.deps.subscriptions.get('telegram--1001234')).toBeUndefined();
  });

  it('refuses an unknown topic with the real names, and an unknown language, changing nothing', async () => {
    const typo = await kit.run('subscribe', { topics: 'central-asai' });
    expect(typo.status).toBe('invalid');
    expect(typo.text).toContain('central-asai');
    expect(typo.text).toContain('central-asia');
    const language = await kit.run('subscribe', { language: 'klingon' });
    expect(language.status).toBe('invalid');
    expect(language.text).toContain('klingon');
    expect(await kit.deps.subscriptions.list()).toEqual([]);
    expect(kit.log.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('shows and changes the brief options', async () => {
    expect((await kit.run('options')).text).toContain('not subscribed');
    await kit.run('subscribe');
    expect((await kit.run('options')).text).toMatch(/greeting default, closing default, format embed, notifications on/);
    const changed = await kit.run('options', { greeting: 'off', closing: 'Salam damai', format: 'text', silent: 'on' });
    expect(changed.text).toMatch(/greeting off, closing "Salam damai", format text, notifications off/);
    expect(await kit.deps.subscriptions.get('discord-100')).toMatchObject({
      style: { greeting: 'off', closing: { custom: 'Salam damai' } },
      format: 'text',
      silent: true,
    });
    const bad = await kit.run('options', { format: 'html' });
    expect(bad).toMatchObject({ status: 'invalid' });
    expect(bad.text).toContain('embed, text');
    expect((await kit.run('options', { silent: 'maybe' })).status).toBe('invalid');
  });

  it('sets the chat\'s language and answers in it from then on', async () => {
    await kit.run('subscribe', {}, { place: telegramPrivate, locale: 'none' });
    const reply = await kit.run('language', { code: 'en' }, { place: telegramPrivate, locale: 'none' });
    expect(reply.text).toContain('now in English');
    expect((await kit.deps.subscriptions.get('telegram-4242'))?.language).toBe('en');
    const indonesian = await kit.run('language', { code: 'id_ID' }, { place: telegramPrivate, locale: 'none' });
    expect(indonesian.text).toContain('sekarang dalam bahasa Bahasa Indonesia');
    const help = await kit.run('help', {}, { place: telegramPrivate, locale: 'none' });
    expect(help.text).toContain('/accords: Ringkasan berita terbaru');
  });

  it('answers in the user\'s own language when the bot speaks it', async () => {
    const reply = await kit.run('status', {}, { locale: 'id' });
    expect(reply.text).toBe('Obrolan ini belum berlangganan. /subscribe untuk memulai.');
    expect((await kit.run('status', {}, { locale: 'en-GB' })).text).toContain('not subscribed');
    // A language the bot does not speak: the deployment's default language (KABAR_DEFAULT_LANGUAGE, here id).
    expect((await kit.run('status', {}, { locale: 'pt-BR' })).text).toContain('belum berlangganan');
  });

  it('reports the status: topics, language, last brief, feeds, and a pause with its reason', async () => {
    await kit.run('subscribe', { topics: 'central-asia' });
    await kit.deps.deliveries.markSent('a1', 'discord-100', Date.parse('2026-12-01T08:30:00Z'), 'token');
    const subscription = await kit.deps.subscriptions.get('discord-100');
    await kit.deps.subscriptions.save({ ...subscription!, paused: { code: 'chat-gone', reason: 'Discord 50013: Missing Permissions', since: Date.parse('2026-12-01T09:00:00Z') } });
    const reply = await kit.run('status');
    expect(reply.text).toContain('PAUSED since 2026-12-01 09:00 UTC: Discord 50013: Missing Permissions');
    expect(reply.text).toContain('Last brief: 2026-12-01 08:30 UTC');
    expect(reply.text).toContain('central-asia');

    // Any other command in a paused chat says so first; subscribing again resumes it.
    expect((await kit.run('keywords.list')).text.split('\n')[0]).toContain('PAUSED');
    const resumed = await kit.run('subscribe');
    expect(resumed.text).toContain('active again');
    expect((await kit.deps.subscriptions.get('discord-100'))?.paused).toBeUndefined();
  });

  it('unsubscribes', async () => {
    expect((await kit.run('unsubscribe')).text).toContain('not subscribed');
    await kit.run('subscribe');
    expect((await kit.run('unsubscribe')).text).toContain('Unsubscribed');
    expect(await kit.deps.subscriptions.list()).toEqual([]);
  });
});
