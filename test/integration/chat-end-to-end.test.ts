/**
 * kabar with both chat platforms, end to end: the real discord.js and telegraf clients talk to the
 * loopback fakes of Discord and Telegram (DISCORD_API_BASE, TELEGRAM_API_ROOT), moderators
 * subscribe from chat, a matching article arrives in a feed, and each chat gets its brief once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configuredChatPlatforms } from '../../src/composition/configured-chat-platforms.js';
import { startFakeDiscord, visibleText, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram, type FakeTelegram } from '../fakes/telegram/fake-telegram.js';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { accordsStory, addDueFeed, failedJobs, openKabarHarness, waitFor, waitForIdle, waitForPolls, type KabarHarness, type TestKabar } from './support.js';

const MANAGE_CHANNELS = String(1n << 4n);
const PLAIN_MEMBER = '3072';

describe('chat end to end', { timeout: 90_000 }, () => {
  let discord: FakeDiscord;
  let telegram: FakeTelegram;
  let feeds: FeedServer;
  let harness: KabarHarness;
  let kabar: TestKabar;
  const group = { id: -1002003004005, type: 'supergroup' as const, title: 'Berita', is_forum: true };
  const admin = { id: 77, is_bot: false, first_name: 'Ani', language_code: 'id' };
  const member = { id: 78, is_bot: false, first_name: 'Budi', language_code: 'id' };

  beforeEach(async () => {
    [discord, telegram, feeds] = await Promise.all([startFakeDiscord(), startFakeTelegram(), startFeedServer()]);
    telegram.addChat(group);
    telegram.setMember(group.id, admin.id, 'administrator');
    telegram.setMember(group.id, member.id, 'member');
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_BASE: discord.api,
      TELEGRAM_BOT_TOKEN: FAKE_TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
      KABAR_DEFAULT_LANGUAGE: 'id',
    };
    harness = await openKabarHarness(env);
    kabar = await harness.start({}, { role: 'all', chat: configuredChatPlatforms(harness.config()) });
    await discord.waitForReady();
  });
  afterEach(async () => {
    await harness.cleanup();
    await Promise.all([discord.close(), telegram.close(), feeds.close()]);
  });

  it('subscribes from both chats, refuses a member\'s edit, and delivers one brief to each chat once', async () => {
    const subscribed = await discord.interact({ command: 'accords', subcommand: 'subscribe', options: { topics: 'abraham-accords' }, permissions: MANAGE_CHANNELS }).reply;
    expect(subscribed.text).toContain('Subscribed');
    const refused = await discord.interact({ command: 'keywords', subcommand: 'add', options: { topic: 'abraham-accords', term: 'Gaza' }, permissions: PLAIN_MEMBER }).reply;
    expect(refused).toMatchObject({ ephemeral: true, text: expect.stringContaining('Only this chat\'s moderators') });

    telegram.pushMessage({ chat: group.id, from: admin, threadId: 7, text: '/subscribe abraham-accords' });
    telegram.pushMessage({ chat: group.id, from: member, threadId: 7, text: '/keywords add abraham-accords Gaza' });
    const replies = await telegram.waitForSent(2, { chatId: group.id });
    expect(replies[0]?.text).toContain('Berlangganan');
    expect(replies[1]?.text).toContain('Hanya moderator');
    expect(await kabar.runtime.subscriptions.get(`telegram-${group.id}-topic-7`)).toMatchObject({ threadId: '7', language: 'id' });
    expect(await kabar.runtime.topics.list(`chat:telegram-${group.id}`)).toEqual([]);

    const story = accordsStory('e2e-1', { paragraphs: ['Kazakhstan will join the Abraham Accords, officials said @everyone &lt;b&gt;now&lt;/b&gt;.', 'Ministers met in Washington.'] });
    feeds.setDocument('/rss.xml', rssDocument({ items: [] }));
    await addDueFeed(kabar.runtime, feeds.url('/rss.xml'));
    await waitForPolls(harness.log, feeds.url('/rss.xml'), 1);
    feeds.setDocument('/rss.xml', rssDocument({ items: [story] }));
    const feed = await kabar.runtime.feeds.get(feeds.url('/rss.xml'));
    await kabar.runtime.feeds.save({ ...feed!, nextCheckAt: Date.now() });

    const channelId = discord.guilds[0]?.channels[0]?.id ?? '2001';
    const [posted] = await waitFor(() => (discord.messages(channelId).length > 0 ? discord.messages(channelId) : undefined), 30_000, 'discord brief');
    const briefs = await telegram.waitForSent(3, { chatId: group.id, timeoutMs: 30_000 });
    await waitForIdle(kabar.pipeline, 30_000);
    expect(await failedJobs(kabar.pipeline)).toEqual([]);

    expect(visibleText(posted!.body)).toContain(story.link);
    expect(posted!.body.allowed_mentions).toEqual({ parse: [] });
    expect(discord.messages(channelId)).toHaveLength(1);
    const telegramBrief = briefs[2];
    expect(telegramBrief).toMatchObject({ threadId: 7, parseMode: 'HTML' });
    expect(telegramBrief?.text).toContain(story.link);
    // Feed text that looks like markup arrives as text: escaped in the HTML, shown as typed.
    expect(telegramBrief?.text).toContain('@everyone <b>now</b>.');
    expect(telegramBrief?.raw).toContain('@everyone &lt;b&gt;now&lt;/b&gt;.');
    expect(telegramBrief?.text).toContain('As-salamu alaykum');
    expect(telegram.sent(group.id)).toHaveLength(3);
    expect(discord.rateLimited()).toEqual({ channel: 0, global: 0, scripted: 0 });
    // Both chats are remembered as readers of the feed, to hear when it fails.
    expect(await kabar.runtime.audience.list(feeds.url('/rss.xml'))).toEqual([`discord-${channelId}`, `telegram-${group.id}-topic-7`]);

    // /accords shows the latest brief to anyone.
    telegram.pushMessage({ chat: group.id, from: member, threadId: 7, text: '/accords@KabarTestBot' });
    const latest = await telegram.waitForSent(5, { chatId: group.id, timeoutMs: 15_000 });
    expect(latest[3]?.text).toContain('ringkasan terbaru');
    expect(latest[4]?.text).toContain(story.link);
  });
});
