/**
 * `/feeds …` and `/accords` (latest) from a chat.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/core/briefs/brief.js';
import { openChatKit, telegramPrivate, telegramTopic, type ChatKit } from './chat-kit.js';

function brief(id: string, topics: string[], language: string): Brief {
  return { articleId: id, topics, language, title: `Title ${id} (${language})`, paragraphs: [`Body ${id}.`], url: `https://news.example/${id}` };
}

describe('feed commands', () => {
  let kit: ChatKit;
  beforeEach(async () => {
    kit = await openChatKit();
  });
  afterEach(() => kit.cleanup());

  it('adds a feed only after the bot\'s own fetch accepts it, and lists it', async () => {
    const refused = await kit.run('feeds.add', { url: 'https://news.example/page.html' });
    expect(refused.status).toBe('invalid');
    expect(refused.text).toContain('is an HTML page, not a feed');
    expect(await kit.deps.feeds.list()).toEqual([]);

    kit.feedUrls.add('https://news.example/rss.xml');
    const added = await kit.run('feeds.add', { url: 'https://news.example/rss.xml' });
    expect(added.text).toContain('Added https://news.example/rss.xml');
    expect(await kit.deps.feeds.get('https://news.example/rss.xml')).toMatchObject({ addedBy: 'chat:discord-guild-900', intervalMs: 600_000 });
    expect((await kit.run('feeds.list')).text).toContain('https://news.example/rss.xml');
    expect((await kit.run('feeds.add', { url: 'https://news.example/rss.xml' })).text).toContain('already a feed');
    for (const url of ['ftp://news.example/rss', 'javascript:alert(1)', 'news.example/rss']) {
      expect((await kit.run('feeds.add', { url })).text).toContain('full http(s) address');
    }
  });

  it('lets a chat remove only the feeds it added', async () => {
    kit.feedUrls.add('https://news.example/rss.xml');
    await kit.run('feeds.add', { url: 'https://news.example/rss.xml' });
    await kit.deps.feeds.add({ url: 'https://operator.example/feed', intervalMs: 600_000, addedAt: 0, seeded: true, validators: {}, consecutiveFailures: 0, failing: false, nextCheckAt: 0 });
    const notOurs = await kit.run('feeds.remove', { url: 'https://operator.example/feed' });
    expect(notOurs).toMatchObject({ status: 'invalid' });
    expect(notOurs.text).toContain('only the operator can remove it');
    // Written another way (upper-case host, a fragment), it is still the operator's feed.
    expect((await kit.run('feeds.remove', { url: 'https://OPERATOR.example/feed#x' })).text).toContain('only the operator can remove it');
    const otherChat = await kit.run('feeds.remove', { url: 'https://news.example/rss.xml' }, { place: telegramTopic });
    expect(otherChat.status).toBe('invalid');
    expect((await kit.run('feeds.remove', { url: 'https://news.example/rss.xml' })).text).toContain('Removed');
    expect((await kit.deps.feeds.list()).map((feed) => feed.url)).toEqual(['https://operator.example/feed']);
  });
});

describe('latest briefs', () => {
  let kit: ChatKit;
  beforeEach(async () => {
    kit = await openChatKit();
  });
  afterEach(() => kit.cleanup());

  it('says there are none yet and how to subscribe', async () => {
    const reply = await kit.run('latest', {}, { moderator: false, place: telegramPrivate });
    expect(reply).toMatchObject({ status: 'ok', private: true });
    expect(reply.text).toContain('/subscribe');
    expect(reply.briefs).toBeUndefined();
  });

  it('shows the newest briefs in the chat\'s language, framed with its greeting and closing, a topic at a time or all', async () => {
    for (const id of ['a1', 'a2', 'a3', 'a4']) await kit.deps.briefs.save(brief(id, ['abraham-accords'], 'id'), 'id');
    await kit.deps.briefs.save(brief('c1', ['central-asia'], 'id'), 'id');
    const reply = await kit.run('latest', { topic: 'abraham-accords', count: '2' }, { moderator: false });
    expect(reply.briefs?.map((shown) => shown.articleId)).toEqual(['a4', 'a3']);
    expect(reply.briefs?.[0]).toMatchObject({ greeting: 'As-salamu alaykum', closing: expect.stringContaining('Semoga Allah') });
    expect(reply.text).toContain('The latest 2 briefs on abraham-accords');

    const all = await kit.run('latest', {}, { moderator: false });
    expect(all.briefs?.map((shown) => shown.articleId).sort()).toEqual(['a3', 'a4', 'c1']);
    expect((await kit.run('latest', { count: '11' }, { moderator: false })).status).toBe('invalid');
    expect((await kit.run('latest', { topic: 'sports' }, { moderator: false })).status).toBe('invalid');
  });

  it('shows the briefs that exist, with a note, when there are none in the chat\'s language yet', async () => {
    await kit.run('subscribe', { language: 'es' }, { place: telegramPrivate });
    await kit.deps.briefs.save(brief('a1', ['abraham-accords'], 'id'), 'id');
    const reply = await kit.run('latest', {}, { place: telegramPrivate, locale: 'en' });
    expect(reply.text.split('\n')[0]).toBe('No briefs in this chat\'s language yet; here are the latest in id.');
    expect(reply.briefs?.map((shown) => shown.articleId)).toEqual(['a1']);
  });
});
