/**
 * Security, per verb and per platform: every changing chat command typed by a member who is not a
 * moderator is refused, end to end through the real discord.js and telegraf clients and the
 * loopback fakes (a Discord interaction without Manage Channels, a Telegram update from a plain
 * group member), and nothing under kabar's Redis prefix changes. The verbs come from
 * `COMMAND_SPECS`, so a new changing verb without a sample here fails the test.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredChatPlatforms } from '../../src/composition/configured-chat-platforms.js';
import { CHAT_ACTIONS, COMMAND_SPECS, discordCommandOf, type ChatAction } from '../../src/core/chat/command-specs.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { rssDocument, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/fake-telegram.js';
import { chatPlatformEnv } from './chat-env.js';
import { accordsStory, openKabarHarness, type KabarHarness, type TestKabar } from './support.js';

const MANAGE_CHANNELS = String(1n << 4n);
/** View Channel and Send Messages: a member who can talk, not moderate. */
const PLAIN_MEMBER = '3072';
const REFUSED = /Only this chat's moderators can do that\. Nothing was changed\./;

/** A plausible change for each changing verb, as options and as the Telegram text after the command. */
const SAMPLES = (feedUrl: string): Partial<Record<ChatAction, { options: Record<string, string>; telegram: string }>> => ({
  subscribe: { options: { topics: 'central-asia', language: 'es' }, telegram: '/subscribe central-asia es' },
  unsubscribe: { options: {}, telegram: '/unsubscribe' },
  options: { options: { greeting: 'off' }, telegram: '/options greeting=off' },
  language: { options: { code: 'es' }, telegram: '/language es' },
  'keywords.create': { options: { topic: 'mine' }, telegram: '/keywords create mine' },
  'keywords.delete': { options: { topic: 'central-asia' }, telegram: '/keywords delete central-asia' },
  'keywords.add': { options: { topic: 'central-asia', term: 'Belkorechye' }, telegram: '/keywords add central-asia Belkorechye' },
  'keywords.remove': { options: { topic: 'central-asia', term: 'Kazakh*' }, telegram: '/keywords remove central-asia Kazakh*' },
  'keywords.exclude': { options: { topic: 'central-asia', term: 'Almaty' }, telegram: '/keywords exclude central-asia Almaty' },
  'keywords.undo': { options: { topic: 'central-asia' }, telegram: '/keywords undo central-asia' },
  'feeds.add': { options: { url: `${feedUrl}?other` }, telegram: `/feeds add ${feedUrl}?other` },
  'feeds.remove': { options: { url: feedUrl }, telegram: `/feeds remove ${feedUrl}` },
});

const changing = CHAT_ACTIONS.filter((action) => COMMAND_SPECS[action].changes);
/** Discord has no `/language`: a chat's language is the `language` option of `/accords subscribe` (sampled above). */
const changingOnDiscord = changing.filter((action) => action !== 'language');

describe('changing commands from members who are not moderators', { timeout: 60_000 }, () => {
  let discord: FakeDiscord;
  let telegram: FakeTelegram;
  let feeds: FeedServer;
  let harness: KabarHarness;
  let kabar: TestKabar;
  let feedUrl: string;
  let telegramSent = 0;
  const group = { id: -1002003004006, type: 'supergroup' as const, title: 'Berita' };
  const admin = { id: 77, is_bot: false, first_name: 'Ani', language_code: 'en' };
  const member = { id: 78, is_bot: false, first_name: 'Budi', language_code: 'en' };

  /** Every key under kabar's prefix with its serialized value. */
  const snapshot = async (): Promise<Record<string, string>> => {
    const redis: Redis = kabar.runtime.redis;
    const keys = (await redis.keys(`${harness.prefix}*`)).sort();
    const values: Record<string, string> = {};
    for (const key of keys) values[key] = (await redis.dumpBuffer(key))?.toString('hex') ?? '';
    return values;
  };
  const sayOnTelegram = async (from: typeof admin, text: string): Promise<string> => {
    telegram.pushMessage({ chat: group.id, from, text });
    telegramSent += 1;
    const sent = await telegram.waitForSent(telegramSent, { chatId: group.id, timeoutMs: 15_000 });
    return sent.at(-1)?.text ?? '';
  };

  beforeAll(async () => {
    [discord, telegram, feeds] = await Promise.all([startFakeDiscord(), startFakeTelegram(), startFeedServer()]);
    telegram.addChat(group);
    telegram.setMember(group.id, admin.id, 'administrator');
    telegram.setMember(group.id, member.id, 'member');
    feeds.setDocument('/rss.xml', rssDocument({ items: [accordsStory('existing')] }));
    feedUrl = feeds.url('/rss.xml');
    harness = await openKabarHarness(chatPlatformEnv(discord, telegram));
    // The gateways only: no worker polls a feed or writes while the snapshots are compared.
    kabar = await harness.start({}, { role: 'bot', chat: configuredChatPlatforms(harness.config()) });
    await discord.waitForReady();

    // A moderator sets each chat up, so that every refused verb would have had something to change.
    const asModerator = async (action: ChatAction, options: Record<string, string>): Promise<string> => {
      const { command, subcommand } = discordCommandOf(action);
      return (await discord.interact({ command, subcommand, options, permissions: MANAGE_CHANNELS }).reply).text;
    };
    expect(await asModerator('subscribe', { topics: 'abraham-accords' })).toContain('Subscribed');
    expect(await asModerator('feeds.add', { url: feedUrl })).toContain(feedUrl);
    expect(await asModerator('keywords.add', { topic: 'central-asia', term: 'Turkestan' })).toContain('Turkestan');
    expect(await sayOnTelegram(admin, '/subscribe abraham-accords')).toContain('Subscribed');
    expect(await sayOnTelegram(admin, `/feeds add ${feedUrl}`)).toContain(feedUrl);
    expect(await sayOnTelegram(admin, '/keywords add central-asia Turkestan')).toContain('Turkestan');
  });
  afterAll(async () => {
    await harness.cleanup();
    await Promise.all([discord.close(), telegram.close(), feeds.close()]);
  });

  it('has a sample for every changing verb', () => {
    expect(changing.filter((action) => SAMPLES(feedUrl)[action] === undefined)).toEqual([]);
    expect(changing.length).toBeGreaterThanOrEqual(12);
  });

  it.each(changingOnDiscord)('Discord refuses %s to a member without Manage Channels, changing nothing', async (action) => {
    const sample = SAMPLES(feedUrl)[action];
    if (sample === undefined) throw new Error(`no sample for ${action}`);
    const before = await snapshot();
    const { command, subcommand } = discordCommandOf(action);
    const reply = await discord.interact({ command, subcommand, options: sample.options, permissions: PLAIN_MEMBER }).reply;
    expect(reply).toMatchObject({ ephemeral: true, text: expect.stringMatching(REFUSED) });
    expect(await snapshot()).toEqual(before);
  });

  it.each(changing)('Telegram refuses %s to a plain group member, changing nothing', async (action) => {
    const sample = SAMPLES(feedUrl)[action];
    if (sample === undefined) throw new Error(`no sample for ${action}`);
    const before = await snapshot();
    expect(await sayOnTelegram(member, sample.telegram)).toMatch(REFUSED);
    expect(await snapshot()).toEqual(before);
  });
});
