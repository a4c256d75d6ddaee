/**
 * `kabar subscriptions list|add|remove` and `kabar topics create|delete`, through the real
 * command against the test Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisSubscriptionStore } from '../../src/adapters/redis/subscription-store.js';
import { DEFAULT_BRIEF_STYLE } from '../../src/core/briefs/brief.js';
import { expectClean, expectError, jsonLines, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

describe('kabar subscriptions', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  const subscriptions = (...args: string[]) => kabar.run(['subscriptions', ...args]);
  beforeEach(async () => {
    kabar = await openKabarSandbox();
    // The shipped topics exist once any topic command has run.
    expectClean(await kabar.run(['topics', 'list']));
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('adds a Telegram forum topic and a Discord channel, updates one in place, lists and removes them', async () => {
    const added = await subscriptions('add', 'telegram:-1001234567890/7', '--topics', 'central-asia', '--language', 'en', '--author', 'ops');
    expectClean(added);
    expect(added.lines).toEqual(['added telegram--1001234567890-topic-7  telegram:-1001234567890/7  central-asia  en  active  own topics: --chat telegram--1001234567890']);
    expectClean(await subscriptions('add', 'discord:123456789012345678', '--format', 'text', '--greeting', 'off'));
    const updated = await subscriptions('add', 'discord:123456789012345678', '--topics', 'abraham-accords,central-asia');
    expect(updated.lines[0]).toMatch(/^updated discord-123456789012345678 {2}discord:123456789012345678 {2}abraham-accords,central-asia {2}id {2}active/);

    const json = jsonLines(await subscriptions('list', '--json'));
    expect(json).toEqual([
      expect.objectContaining({ id: 'discord-123456789012345678', format: 'text', style: { greeting: 'off', closing: 'default' }, topics: ['abraham-accords', 'central-asia'] }),
      expect.objectContaining({ id: 'telegram--1001234567890-topic-7', threadId: '7', createdBy: 'ops', language: 'en' }),
    ]);
    const list = await subscriptions('list');
    expect(list.lines.at(-1)).toBe('2 subscriptions, 0 paused');

    expect((await subscriptions('remove', 'telegram:-1001234567890/7')).lines).toEqual(['removed telegram--1001234567890-topic-7']);
    expect((await subscriptions('remove', 'discord-123456789012345678')).lines).toEqual(['removed discord-123456789012345678']);
    expect(expectError(await subscriptions('remove', 'discord-1'), 2)).toContain('no subscription "discord-1"');
  });

  it('refuses bad chats, topics, languages and formats as usage errors, adding nothing', async () => {
    expect(expectError(await subscriptions('add', 'slack:123'), 2)).toContain('is not a chat');
    expect(expectError(await subscriptions('add', 'discord:-5'), 2)).toContain('is not a chat');
    expect(expectError(await subscriptions('add', 'telegram:42', '--topics', 'sports'), 2)).toContain('no topic "sports"; topics: abraham-accords, central-asia');
    expect(expectError(await subscriptions('add', 'telegram:42', '--language', 'Indonesian'), 2)).toContain('--language takes a base language code');
    expect(expectError(await subscriptions('add', 'telegram:42', '--format', 'html'), 2)).toContain('--format takes embed or text');
    expect((await subscriptions('list')).lines.at(-1)).toBe('0 subscriptions, 0 paused');
  });

  it('creates and deletes a topic, globally or in a chat\'s scope', async () => {
    const created = await kabar.run(['topics', 'create', 'gulf-trade', '--description', 'Gulf trade routes']);
    expectClean(created);
    expect(created.lines[0]).toBe('created gulf-trade (v1); add terms with: kabar topics add-term gulf-trade TERM');
    // A Discord channel subscribed from chat shares its server's topics (scope discord-guild-900).
    await createRedisSubscriptionStore(kabar.redis, `${kabar.prefix}:`).save({
      id: 'discord-1234567',
      platform: 'discord',
      chatId: '1234567',
      guildId: '900',
      topicScope: 'chat:discord-guild-900',
      topics: [],
      language: 'en',
      style: DEFAULT_BRIEF_STYLE,
      onTranslationFailure: 'deliver-with-note',
      createdAt: 0,
    });
    expectClean(await kabar.run(['topics', 'create', 'mine', '--chat', 'discord-guild-900']));
    expect(expectError(await kabar.run(['topics', 'create', 'gulf-trade']), 2)).toContain('already exists');
    expect((await kabar.run(['topics', 'delete', 'gulf-trade'])).lines[0]).toBe('deleted gulf-trade (v2); kabar topics undo gulf-trade brings it back');
    const list = await kabar.run(['topics', 'list', '--chat', 'discord-guild-900']);
    expect(list.lines.map((line) => line.split(/\s+/)[0])).toEqual(['abraham-accords', 'central-asia', 'mine']);
  });
});
