/**
 * Security, end to end: feed text that tries to ping (`@everyone`, `@here`, `<@id>`, `<@&role>`),
 * to inject markup (Telegram HTML, Discord markdown and masked links) or to smuggle `javascript:`
 * and `data:` links travels from an RSS feed through the running pipeline to a Discord channel
 * and a Telegram group (the loopback fakes), and arrives inert: checked on the payloads as sent
 * over HTTP (`allowed_mentions`, `parse_mode` and the raw text), and on what a reader sees.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configuredChatPlatforms } from '../../src/composition/configured-chat-platforms.js';
import { startFakeDiscord, visibleText, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/fake-telegram.js';
import { chatPlatformEnv } from './chat-env.js';
import { accordsStory, addDueFeed, failedJobs, openKabarHarness, waitFor, waitForIdle, waitForPolls, type KabarHarness, type Story, type TestKabar } from './support.js';

const MANAGE_CHANNELS = String(1n << 4n);

/** The feed's words, as a reader should see them: every one of them, as text. */
const PINGS = '@everyone @here <@123456789012345678> <@&234567890123456789> <#345678901234567890>';
const MARKDOWN = '**loud** [the official site](http://evil.example/phish) [x](javascript:alert(1))';
const HTML = '<b>bold</b> <a href="javascript:alert(1)">click</a> <a href="data:text/html,<script>alert(1)</script>">data</a>';

describe('hostile feed text', { timeout: 90_000 }, () => {
  let discord: FakeDiscord;
  let telegram: FakeTelegram;
  let feeds: FeedServer;
  let harness: KabarHarness;
  let kabar: TestKabar;
  const group = { id: -1002003004007, type: 'supergroup' as const, title: 'Berita' };
  const admin = { id: 77, is_bot: false, first_name: 'Ani', language_code: 'en' };

  beforeEach(async () => {
    [discord, telegram, feeds] = await Promise.all([startFakeDiscord(), startFakeTelegram(), startFeedServer()]);
    telegram.addChat(group);
    telegram.setMember(group.id, admin.id, 'administrator');
    harness = await openKabarHarness(chatPlatformEnv(discord, telegram));
    kabar = await harness.start({}, { role: 'all', chat: configuredChatPlatforms(harness.config()) });
    await discord.waitForReady();
  });
  afterEach(async () => {
    await harness.cleanup();
    await Promise.all([discord.close(), telegram.close(), feeds.close()]);
  });

  it('arrives as text on Discord and Telegram: no ping, no markup, no link but the article\'s http(s) one', async () => {
    const subscribed = await discord.interact({ command: 'accords', subcommand: 'subscribe', options: { topics: 'abraham-accords' }, permissions: MANAGE_CHANNELS }).reply;
    expect(subscribed.text).toContain('Subscribed');
    telegram.pushMessage({ chat: group.id, from: admin, text: '/subscribe abraham-accords' });
    await telegram.waitForSent(1, { chatId: group.id });

    const url = feeds.url('/rss.xml');
    feeds.setDocument('/rss.xml', rssDocument({ items: [] }));
    await addDueFeed(kabar.runtime, url);
    await waitForPolls(harness.log, url, 1);
    // Escaped once more for the description's HTML, so that the reader is meant to see the tags as typed.
    const asHtmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const items: Story[] = [];
    // Each story's own headline: near-identical titles would be taken for one story told twice.
    const publish = async (slug: string, headline: string): Promise<Story> => {
      const story = accordsStory(slug, {
        title: `${headline} ${PINGS} ${MARKDOWN}`,
        paragraphs: [
          `Kazakhstan will join the Abraham Accords, officials said ${asHtmlText(PINGS)}.`,
          `Read ${asHtmlText(MARKDOWN)} now.`,
          `Or ${asHtmlText(HTML)} there.`,
        ],
      });
      items.unshift(story);
      feeds.setDocument('/rss.xml', rssDocument({ items }));
      const feed = await kabar.runtime.feeds.get(url);
      await kabar.runtime.feeds.save({ ...feed!, nextCheckAt: Date.now() });
      return story;
    };
    const channelId = discord.guilds[0]?.channels[0]?.id ?? '2001';

    /** Discord: mentions switched off in the payload, and escaped in the text besides. */
    const expectInertOnDiscord = (posts: ReturnType<FakeDiscord['messages']>, story: Story): void => {
      expect(posts.length).toBeGreaterThan(0);
      for (const post of posts) {
        expect(post.body.allowed_mentions).toEqual({ parse: [] });
        const fields = [post.body.content ?? '', ...(post.body.embeds ?? []).flatMap((embed) => [embed.title ?? '', embed.description ?? ''])];
        for (const raw of fields) {
          expect(raw).not.toMatch(/(^|[^\\])@(everyone|here)/);
          expect(raw).not.toMatch(/(^|[^\\])<(@&?|#)\d+>/);
          expect(raw).not.toMatch(/(^|[^\\])\[[^\][]*\]\((http|javascript|data)/);
          expect(raw).not.toMatch(/(^|[^\\])\*\*loud/);
        }
        for (const embed of post.body.embeds ?? []) if (embed.url !== undefined) expect(embed.url).toBe(story.link);
      }
      const seen = posts.map((post) => visibleText(post.body)).join('\n');
      for (const words of [PINGS, MARKDOWN, HTML]) expect(seen).toContain(words);
    };

    // The default Discord layout: an embed.
    const first = await publish('hostile-embed', 'Abraham Accords: Kazakhstan signs');
    await waitFor(() => discord.messages(channelId).length > 0, 30_000, 'the Discord brief');
    const [, ...telegramBriefs] = await telegram.waitForSent(2, { chatId: group.id, timeoutMs: 30_000 });
    await waitForIdle(kabar.pipeline, 30_000);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);
    const embedPosts = discord.messages(channelId);
    expect(embedPosts.every((post) => (post.body.embeds ?? []).length > 0)).toBe(true);
    expectInertOnDiscord(embedPosts, first);

    // Telegram: HTML parse mode with everything escaped; the only entities are kabar's own.
    expect(telegramBriefs.length).toBeGreaterThan(0);
    for (const brief of telegramBriefs) {
      expect(brief.parseMode).toBe('HTML');
      expect(brief.raw).not.toMatch(/<a href="(javascript|data):/i);
      expect(brief.raw).not.toContain('<b>bold</b>');
      for (const entity of brief.entities) {
        expect(['b', 'i', 'a']).toContain(entity.tag);
        if (entity.tag === 'a') expect(entity.href).toBe(first.link);
      }
    }
    const seenOnTelegram = telegramBriefs.map((brief) => brief.text).join('\n');
    for (const words of [PINGS, MARKDOWN, HTML]) expect(seenOnTelegram).toContain(words);

    // The plain-text layout puts the feed's words in the message content instead.
    const switched = await discord.interact({ command: 'accords', subcommand: 'options', options: { format: 'text' }, permissions: MANAGE_CHANNELS }).reply;
    expect(switched.text).toMatch(/text/);
    const second = await publish('hostile-text', 'Morocco and Israel open trade office under the Abraham Accords');
    await waitFor(() => discord.messages(channelId).length > embedPosts.length, 30_000, 'the plain-text Discord brief');
    await waitForIdle(kabar.pipeline, 30_000);
    const textPosts = discord.messages(channelId).slice(embedPosts.length);
    expect(textPosts.every((post) => (post.body.embeds ?? []).length === 0 && (post.body.content ?? '') !== '')).toBe(true);
    expectInertOnDiscord(textPosts, second);
  });
});
