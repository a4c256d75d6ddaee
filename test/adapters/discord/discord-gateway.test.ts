import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionOfDiscordCommand, discordCommandDefinitions, type DiscordCommandOption } from '../../../src/adapters/discord/discord-commands.js';
import { startDiscordGateway } from '../../../src/adapters/discord/discord-gateway.js';
import { createLogger } from '../../../src/adapters/log/create-logger.js';
import type { Brief } from '../../../src/core/briefs/brief.js';
import type { ChatCommand, ChatCommandHandler, ChatPlace, ChatReply } from '../../../src/core/chat/chat-command.js';
import { chatMessages } from '../../../src/core/chat/messages/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';

const MANAGE_CHANNELS = String(1n << 4n);
const ADMINISTRATOR = String(1n << 3n);
const PLAIN_MEMBER = '3072';

/** A command logic stand-in: records commands, answers what the test set, optionally slowly or by throwing. */
function scriptedHandler() {
  const state = {
    commands: [] as ChatCommand[],
    suggestions: [] as Array<{ place: ChatPlace; typed: string }>,
    reply: { status: 'ok', text: 'Done.' } as ChatReply,
    delayMs: 0,
    fail: false,
  };
  const handler: ChatCommandHandler = {
    async handle(command) {
      state.commands.push(command);
      if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      if (state.fail) throw new Error('store down');
      return state.reply;
    },
    async suggestTopics(place, typed) {
      state.suggestions.push({ place, typed });
      return ['abraham-accords', 'central-asia', 'chat-own'].filter((name) => name.includes(typed));
    },
  };
  return { state, handler };
}

const brief = (n: number): Brief => ({
  articleId: `a${n}`,
  topics: ['central-asia'],
  language: 'en',
  title: `Brief ${n} @everyone`,
  paragraphs: [`Paragraph of brief ${n}. ${'Words of the article. '.repeat(40)}`],
  url: `https://example.com/news/${n}`,
});

describe('startDiscordGateway against the loopback Discord', () => {
  let discord: FakeDiscord;
  let gateway: { stop(): Promise<void> };
  let script: ReturnType<typeof scriptedHandler>;
  const lines: string[] = [];

  beforeAll(async () => {
    discord = await startFakeDiscord({
      guilds: [{ id: '1001', channels: [{ id: '2001', type: 0 }, { id: '2002', type: 11, parent_id: '2001' }] }],
    });
    script = scriptedHandler();
    const log = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(line) });
    gateway = await startDiscordGateway({ token: discord.token, applicationId: discord.applicationId, apiBase: discord.api, handler: script.handler, log });
  });
  afterAll(async () => {
    await gateway.stop();
    await discord.close();
  });
  beforeEach(() => {
    script.state.commands.length = 0;
    script.state.suggestions.length = 0;
    script.state.reply = { status: 'ok', text: 'Done.' };
    script.state.delayMs = 0;
    script.state.fail = false;
  });

  it('logs in through GET /gateway/bot with the Guilds intent only', () => {
    expect(discord.requests.some((request) => request.method === 'GET' && request.path === '/gateway/bot' && request.auth === 'ok')).toBe(true);
    expect(discord.sessions()).toEqual([{ shard: [0, 1], intents: 1, identified: true }]);
  });

  it('turns /accords subscribe into a subscribe command with its options, a moderator by Manage Channels', async () => {
    const interaction = discord.interact({
      command: 'accords',
      subcommand: 'subscribe',
      options: { topics: 'central-asia, abraham-accords', language: 'id' },
      permissions: MANAGE_CHANNELS,
      locale: 'id',
      user: { id: '42', username: 'mod' },
    });
    const reply = await interaction.reply;
    expect(script.state.commands).toEqual([
      {
        action: 'subscribe',
        place: { platform: 'discord', chatId: '2001', guildId: '1001', isPrivate: false },
        user: { id: '42', name: 'mod', isModerator: true, locale: 'id' },
        options: { topics: 'central-asia, abraham-accords', language: 'id' },
      },
    ]);
    expect(reply).toMatchObject({ deferred: false, ephemeral: false, text: 'Done.' });
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('brings every subcommand to its action with its options, as a moderator and as a plain member', async () => {
    const sample = (option: DiscordCommandOption): string | number | boolean =>
      option.type === 4 ? 3 : option.type === 5 ? true : (option.choices?.[0]?.value ?? `${option.name}-value`);
    let expected = 0;
    for (const definition of discordCommandDefinitions()) {
      for (const sub of definition.options) {
        const options = Object.fromEntries((sub.options ?? []).map((option) => [option.name, sample(option)]));
        for (const permissions of [MANAGE_CHANNELS, PLAIN_MEMBER]) {
          script.state.commands.length = 0;
          await discord.interact({ command: definition.name, subcommand: sub.name, options, permissions }).reply;
          const [command] = script.state.commands;
          expect(command?.action, `/${definition.name} ${sub.name}`).toBe(actionOfDiscordCommand(definition.name, sub.name));
          expect(command?.options).toEqual(Object.fromEntries(Object.entries(options).map(([name, value]) => [name, String(value)])));
          expect(command?.user.isModerator).toBe(permissions === MANAGE_CHANNELS);
          expected++;
        }
      }
    }
    expect(expected).toBe(2 * 19);
  });

  it('turns /keywords add from a plain member into keywords.add with isModerator false, in a thread', async () => {
    await discord.interact({
      command: 'keywords',
      subcommand: 'add',
      options: { topic: 'central-asia', term: 'Kazakh* + (Almaty|Astana)' },
      permissions: PLAIN_MEMBER,
      channelId: '2002',
    }).reply;
    const [command] = script.state.commands;
    expect(command?.action).toBe('keywords.add');
    expect(command?.place.chatId).toBe('2002');
    expect(command?.user.isModerator).toBe(false);
    expect(command?.options).toEqual({ topic: 'central-asia', term: 'Kazakh* + (Almaty|Astana)' });
  });

  it('counts an administrator as a moderator, and the owner of a direct message too', async () => {
    await discord.interact({ command: 'feeds', subcommand: 'add', options: { url: 'https://example.com/feed.xml' }, permissions: ADMINISTRATOR }).reply;
    await discord.interact({ command: 'accords', subcommand: 'status', guildId: null, channelId: '5005' }).reply;
    const [feeds, direct] = script.state.commands;
    expect(feeds).toMatchObject({ action: 'feeds.add', user: { isModerator: true }, options: { url: 'https://example.com/feed.xml' } });
    expect(direct).toMatchObject({ action: 'status', place: { platform: 'discord', chatId: '5005', isPrivate: true }, user: { isModerator: true } });
    expect(direct?.place.guildId).toBeUndefined();
  });

  it('passes integer and boolean options as text, and answers /accords latest ephemerally with the briefs as embeds', async () => {
    script.state.reply = { status: 'ok', text: 'The latest 2 briefs:', briefs: [brief(1), brief(2)] };
    const reply = await discord.interact({ command: 'accords', subcommand: 'latest', options: { topic: 'central-asia', count: 2 } }).reply;
    await discord.interact({ command: 'accords', subcommand: 'options', options: { silent: true, format: 'text' }, permissions: MANAGE_CHANNELS }).reply;
    expect(script.state.commands.map((command) => command.options)).toEqual([
      { topic: 'central-asia', count: '2' },
      { silent: 'true', format: 'text' },
    ]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe('The latest 2 briefs:');
    expect(reply.body.embeds?.map((embed) => embed.url)).toEqual(['https://example.com/news/1', 'https://example.com/news/2']);
    expect(reply.body.embeds?.[0]?.title).toBe('Brief 1 \\@everyone');
  });

  it('sends what does not fit one message as follow-ups, with the same privacy and no mentions', async () => {
    script.state.reply = { status: 'ok', text: 'The latest 6 briefs:', private: true, briefs: [1, 2, 3, 4, 5, 6].map((n) => ({ ...brief(n), paragraphs: [`Brief ${n}. ${'Long words of text. '.repeat(120)}`] })) };
    const interaction = discord.interact({ command: 'accords', subcommand: 'latest' });
    const reply = await interaction.reply;
    await until(() => interaction.followups.length > 0 && countEmbeds(reply.body, interaction.followups) === 6);
    expect(reply.ephemeral).toBe(true);
    for (const followup of interaction.followups) {
      expect(followup.flags).toBe(64);
      expect(followup.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('escapes reply text so that a term or topic name cannot mention or format', async () => {
    script.state.reply = { status: 'ok', text: 'Added "@everyone <@&123> [x](https://evil.example)" to central-asia.' };
    const reply = await discord.interact({ command: 'keywords', subcommand: 'add', options: { topic: 'central-asia', term: '@everyone' }, permissions: MANAGE_CHANNELS }).reply;
    expect(reply.body.content).toBe('Added "\\@everyone <\\@&123> \\[x](https://evil.example)" to central-asia.');
    expect(reply.text).toBe('Added "@everyone <@&123> [x](https://evil.example)" to central-asia.');
  });

  it('defers when the handler takes longer than 2 s, then edits the answer in (within Discord\'s 3 s)', async () => {
    script.state.delayMs = 2_400;
    script.state.reply = { status: 'ok', text: 'Subscribed.' };
    const interaction = discord.interact({ command: 'accords', subcommand: 'subscribe', permissions: MANAGE_CHANNELS });
    const reply = await interaction.reply;
    expect(interaction.callbacks.map((callback) => [callback.type, callback.status])).toEqual([[5, 204]]);
    expect(interaction.callbacks[0]?.afterMs).toBeLessThan(3_000);
    expect(reply).toMatchObject({ deferred: true, ephemeral: false, text: 'Subscribed.' });
  });

  it('answers a slow private reply privately: an ephemeral follow-up, and the public "thinking" removed', async () => {
    script.state.delayMs = 2_300;
    script.state.reply = { status: 'refused', text: chatMessages('en').replies.moderatorsOnly, private: true };
    const interaction = discord.interact({ command: 'accords', subcommand: 'unsubscribe', permissions: PLAIN_MEMBER });
    const reply = await interaction.reply;
    expect(reply).toMatchObject({ deferred: true, ephemeral: true });
    await until(() => interaction.originalDeleted);
  });

  it('defers /accords latest ephemerally when the handler is slow', async () => {
    script.state.delayMs = 2_300;
    const interaction = discord.interact({ command: 'accords', subcommand: 'latest' });
    const reply = await interaction.reply;
    expect(interaction.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(reply).toMatchObject({ deferred: true, ephemeral: true });
  });

  it('answers a handler that throws with a short failure in the user\'s language, and keeps serving', async () => {
    script.state.fail = true;
    const failed = await discord.interact({ command: 'keywords', subcommand: 'list', locale: 'id' }).reply;
    expect(failed).toMatchObject({ ephemeral: true, text: chatMessages('id').replies.failed });
    script.state.fail = false;
    const next = await discord.interact({ command: 'keywords', subcommand: 'list' }).reply;
    expect(next.text).toBe('Done.');
  });

  it('autocompletes topic names through suggestTopics, and completes the last name of a topics list', async () => {
    const choices = await discord.autocomplete({ command: 'keywords', subcommand: 'show', focused: 'topic', value: 'ce' });
    expect(choices).toEqual([{ name: 'central-asia', value: 'central-asia' }]);
    expect(script.state.suggestions).toEqual([{ place: { platform: 'discord', chatId: '2001', guildId: '1001', isPrivate: false }, typed: 'ce' }]);
    const list = await discord.autocomplete({ command: 'accords', subcommand: 'subscribe', focused: 'topics', value: 'central-asia, abr' });
    expect(list).toEqual([{ name: 'central-asia, abraham-accords', value: 'central-asia, abraham-accords' }]);
    expect(script.state.commands).toEqual([]);
  });

  it('never logs the token', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(discord.token);
  });
});

describe('startDiscordGateway start-up', () => {
  it('fails with one line naming DISCORD_TOKEN (and not the token) when the token is refused', async () => {
    const discord = await startFakeDiscord();
    const wrong = 'MTIz.wrong-token-value.xyz';
    const error = await startDiscordGateway({
      token: wrong,
      applicationId: discord.applicationId,
      apiBase: discord.api,
      handler: scriptedHandler().handler,
      log: createLogger({ level: 'error', format: 'json', write: () => undefined }),
    }).catch((caught: unknown) => caught);
    await discord.close();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('401 from Discord: the bot token is wrong or revoked — check DISCORD_TOKEN');
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect((error as Error).message).not.toContain(wrong);
  });

  it('fails with the same line when the gateway refuses the token at IDENTIFY (4004), and leaves nothing running', async () => {
    const discord = await startFakeDiscord();
    discord.refuseIdentify(4004);
    const started = Date.now();
    const error = await startDiscordGateway({
      token: discord.token,
      applicationId: discord.applicationId,
      apiBase: discord.api,
      handler: scriptedHandler().handler,
      log: createLogger({ level: 'error', format: 'json', write: () => undefined }),
      readyTimeoutMs: 10_000,
    }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((error as Error).message).toBe('401 from Discord: the bot token is wrong or revoked — check DISCORD_TOKEN');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(discord.sessions()).toEqual([]);
    await discord.close();
  });

  it('opens as many shards as GET /gateway/bot recommends and answers on each', async () => {
    // Guild ids whose shard (id >> 22) % 2 is 0 and 1.
    const onShard = (shard: number): string => String((BigInt(1_000 + shard) << 22n) | 5n);
    const discord = await startFakeDiscord({
      shards: 2,
      guilds: [0, 1].map((shard) => ({ id: onShard(shard), channels: [{ id: String(3000 + shard) }] })),
    });
    const { handler, state } = scriptedHandler();
    const gateway = await startDiscordGateway({
      token: discord.token,
      applicationId: discord.applicationId,
      apiBase: discord.api,
      handler,
      log: createLogger({ level: 'error', format: 'json', write: () => undefined }),
    });
    try {
      expect(discord.sessions().map((session) => session.shard).sort()).toEqual([[0, 2], [1, 2]]);
      for (const shard of [0, 1]) {
        await discord.interact({ command: 'accords', subcommand: 'status', guildId: onShard(shard), channelId: String(3000 + shard) }).reply;
      }
      expect(state.commands.map((command) => command.place.guildId)).toEqual([onShard(0), onShard(1)]);
    } finally {
      await gateway.stop();
      await discord.close();
    }
  });
});

function countEmbeds(...bodies: Array<{ embeds?: unknown[] } | Array<{ embeds?: unknown[] }>>): number {
  return bodies.flat().reduce((sum, body) => sum + (body.embeds?.length ?? 0), 0);
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
