/**
 * Every changing chat command is refused for someone who is not a moderator, on both platforms,
 * and nothing changes; reading commands work for everyone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_ACTIONS, COMMAND_SPECS } from '../../../src/core/chat/command-specs.js';
import { discordChannel, openChatKit, telegramTopic, type ChatKit } from './chat-kit.js';

const OPTIONS: Record<string, Record<string, string>> = {
  subscribe: { topics: 'central-asia' },
  options: { greeting: 'off' },
  language: { code: 'en' },
  'keywords.create': { topic: 'mine' },
  'keywords.delete': { topic: 'central-asia' },
  'keywords.add': { topic: 'central-asia', term: 'Belkorechye' },
  'keywords.remove': { topic: 'central-asia', term: 'Kazakh*' },
  'keywords.exclude': { topic: 'central-asia', term: 'Belkorechye' },
  'keywords.undo': { topic: 'central-asia' },
  'feeds.add': { url: 'https://news.example/rss.xml' },
  'feeds.remove': { url: 'https://news.example/rss.xml' },
};

describe.each([
  ['discord', discordChannel],
  ['telegram', telegramTopic],
])('changing commands on %s', (_platform, place) => {
  let kit: ChatKit;
  beforeEach(async () => {
    kit = await openChatKit();
    kit.feedUrls.add('https://news.example/rss.xml');
    // A subscription and a chat feed exist, so that unsubscribe and remove would have something to remove.
    await kit.run('subscribe', {}, { place });
    await kit.run('feeds.add', { url: 'https://news.example/rss.xml' }, { place });
  });
  afterEach(() => kit.cleanup());

  const changing = CHAT_ACTIONS.filter((action) => COMMAND_SPECS[action].changes);

  it.each(changing)('refuses %s to a member who is not a moderator, changing nothing', async (action) => {
    const before = JSON.stringify([await kit.deps.subscriptions.list(), await kit.deps.feeds.list(), await kit.deps.topics.store.list('global')]);
    const reply = await kit.run(action, OPTIONS[action] ?? {}, { place, moderator: false });
    expect(reply).toMatchObject({ status: 'refused', private: true });
    expect(reply.text).toBe('Only this chat\'s moderators can do that. Nothing was changed.');
    const after = JSON.stringify([await kit.deps.subscriptions.list(), await kit.deps.feeds.list(), await kit.deps.topics.store.list('global')]);
    expect(after).toEqual(before);
    expect(await kit.deps.topics.store.list(`chat:${place.platform === 'discord' ? 'discord-guild-900' : 'telegram--1001234'}`)).toEqual([]);
  });

  it('lets anyone read: latest, status, help, keywords list/show/test/preview/history, feeds list', async () => {
    const reading = CHAT_ACTIONS.filter((action) => !COMMAND_SPECS[action].changes);
    expect(reading.sort()).toEqual(
      ['feeds.list', 'help', 'keywords.history', 'keywords.list', 'keywords.preview', 'keywords.show', 'keywords.test', 'latest', 'status'].sort(),
    );
    const options: Record<string, Record<string, string>> = {
      'keywords.show': { topic: 'central-asia' },
      'keywords.test': { topic: 'central-asia', headline: 'Tokayev visits Tashkent' },
      'keywords.preview': { edit: 'add', topic: 'central-asia', term: 'Belkorechye' },
      'keywords.history': { topic: 'central-asia' },
    };
    for (const action of reading) {
      const reply = await kit.run(action, options[action] ?? {}, { place, moderator: false });
      expect(reply.status, action).toBe('ok');
    }
  });
});
