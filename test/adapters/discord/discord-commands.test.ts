import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  actionOfDiscordCommand,
  discordCommandDefinitions,
  registerDiscordCommands,
  type DiscordCommandOption,
} from '../../../src/adapters/discord/discord-commands.js';
import { CHAT_ERROR } from '../../../src/core/chat/chat-errors.js';
import { COMMAND_SPECS } from '../../../src/core/chat/command-specs.js';
import { chatMessages } from '../../../src/core/chat/messages/index.js';
import { isKabarError, type KabarError } from '../../../src/core/errors.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/fake-discord.js';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const SUBCOMMAND = 1;

function subcommands(name: string): DiscordCommandOption[] {
  const command = discordCommandDefinitions().find((definition) => definition.name === name);
  if (!command) throw new Error(`no /${name}`);
  return command.options;
}

function option(command: string, subcommand: string, name: string): DiscordCommandOption | undefined {
  return subcommands(command).find((sub) => sub.name === subcommand)?.options?.find((o) => o.name === name);
}

describe('discordCommandDefinitions', () => {
  it('has /accords, /keywords and /feeds with the verbs of the specs as subcommands', () => {
    const definitions = discordCommandDefinitions();
    expect(definitions.map((definition) => definition.name)).toEqual(['accords', 'keywords', 'feeds']);
    expect(subcommands('accords').map((sub) => sub.name)).toEqual(['latest', 'subscribe', 'unsubscribe', 'status', 'options']);
    expect(subcommands('keywords').map((sub) => sub.name)).toEqual([
      'list', 'show', 'create', 'delete', 'add', 'remove', 'exclude', 'test', 'preview', 'history', 'undo',
    ]);
    expect(subcommands('feeds').map((sub) => sub.name)).toEqual(['list', 'add', 'remove']);
    for (const definition of definitions) expect(definition.options.every((sub) => sub.type === SUBCOMMAND)).toBe(true);
  });

  it('maps every subcommand back to its action, and nothing else', () => {
    for (const definition of discordCommandDefinitions()) {
      for (const sub of definition.options) {
        const action = actionOfDiscordCommand(definition.name, sub.name);
        expect(action, `/${definition.name} ${sub.name}`).toBeDefined();
        expect(COMMAND_SPECS[action as keyof typeof COMMAND_SPECS].options.map((o) => o.name).sort()).toEqual(
          (sub.options ?? []).map((o) => o.name).sort(),
        );
      }
    }
    expect(actionOfDiscordCommand('accords', 'help')).toBeUndefined();
    expect(actionOfDiscordCommand('accords', null)).toBeUndefined();
    expect(actionOfDiscordCommand('ping', 'pong')).toBeUndefined();
  });

  it('types options by kind: topics autocomplete, counts are 1 to 10, booleans, choices', () => {
    expect(option('accords', 'latest', 'topic')).toMatchObject({ type: STRING, autocomplete: true, required: false });
    expect(option('accords', 'latest', 'count')).toMatchObject({ type: INTEGER, min_value: 1, max_value: 10 });
    expect(option('accords', 'subscribe', 'topics')).toMatchObject({ type: STRING, autocomplete: true });
    expect(option('accords', 'subscribe', 'language')).toMatchObject({ type: STRING, required: false });
    expect(option('accords', 'options', 'silent')).toMatchObject({ type: BOOLEAN });
    expect(option('accords', 'options', 'format')?.choices).toEqual([
      { name: 'embed', value: 'embed' },
      { name: 'text', value: 'text' },
    ]);
    expect(option('keywords', 'add', 'topic')).toMatchObject({ type: STRING, autocomplete: true, required: true });
    expect(option('keywords', 'create', 'topic')?.autocomplete).toBeUndefined();
    expect(option('keywords', 'preview', 'edit')?.choices?.map((choice) => choice.value)).toEqual(['add', 'exclude', 'remove']);
  });

  it('describes everything in English with Indonesian localizations (Discord locale id), each within 100 characters', () => {
    const id = chatMessages('id');
    const accords = discordCommandDefinitions()[0];
    expect(accords?.description).toBe(chatMessages('en').groups.accords);
    expect(accords?.description_localizations).toEqual({ id: id.groups.accords });
    expect(subcommands('keywords').find((sub) => sub.name === 'add')?.description_localizations).toEqual({ id: id.commands['keywords.add'] });
    expect(option('feeds', 'add', 'url')?.description_localizations).toEqual({ id: id.options.url });
    const walk = (items: readonly DiscordCommandOption[]): void => {
      for (const item of items) {
        expect(item.description.length).toBeGreaterThan(0);
        expect(item.description.length).toBeLessThanOrEqual(100);
        expect(Object.keys(item.description_localizations ?? {})).toEqual(['id']);
        walk(item.options ?? []);
      }
    };
    for (const definition of discordCommandDefinitions()) walk(definition.options);
  });

  it('shows /keywords and /feeds to members with Manage Channels by default, /accords to everyone', () => {
    const permissions = Object.fromEntries(discordCommandDefinitions().map((d) => [d.name, d.default_member_permissions]));
    expect(permissions).toEqual({ accords: null, keywords: '16', feeds: '16' });
  });
});

describe('registerDiscordCommands against the loopback Discord', () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await startFakeDiscord();
  });
  afterEach(async () => {
    await discord.close();
  });

  it('PUTs the commands globally, passing Discord\'s checks of their shape', async () => {
    const result = await registerDiscordCommands({ token: discord.token, applicationId: discord.applicationId, apiBase: discord.api });
    expect(result).toEqual({ count: 3, scope: 'global' });
    expect(discord.commands()).toHaveLength(3);
    const put = discord.requests.find((request) => request.method === 'PUT');
    expect(put?.path).toBe(`/applications/${discord.applicationId}/commands`);
    expect(put?.body).toEqual(discordCommandDefinitions());
  });

  it('PUTs them for one server with a guild id', async () => {
    const result = await registerDiscordCommands({ token: discord.token, applicationId: discord.applicationId, apiBase: discord.api, guildId: '1001' });
    expect(result).toEqual({ count: 3, scope: 'guild' });
    expect(discord.commands('1001')).toHaveLength(3);
    expect(discord.commands()).toHaveLength(0);
  });

  it('fails with the DISCORD_TOKEN line on a refused token, without the token', async () => {
    const wrong = 'MTIz.not-the-token.abc';
    const error = await registerDiscordCommands({ token: wrong, applicationId: discord.applicationId, apiBase: discord.api }).catch((caught: unknown) => caught);
    expect(isKabarError(error, 'permanent')).toBe(true);
    expect((error as KabarError).code).toBe(CHAT_ERROR.unauthorized);
    expect((error as KabarError).message).toContain('DISCORD_TOKEN');
    expect((error as KabarError).message).not.toContain(wrong);
  });
});
