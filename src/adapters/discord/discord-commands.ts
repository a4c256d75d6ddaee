/**
 * kabar's slash commands, built from the shared command specs (`core/chat/command-specs.ts`) and
 * the chat texts of every language, and their registration with Discord.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits, Routes } from 'discord.js';
import { CHAT_ACTIONS, COMMAND_SPECS, discordCommandOf, type ChatAction, type OptionSpec } from '../../core/chat/command-specs.js';
import { CHAT_MESSAGES, chatMessages, FALLBACK_CHAT_LANGUAGE, type CommandGroup } from '../../core/chat/messages/index.js';
import { discordErrorToKabar } from './discord-errors.js';
import { createDiscordRest } from './discord-rest.js';

/** One option or subcommand, as Discord's API takes it. */
export interface DiscordCommandOption {
  type: ApplicationCommandOptionType;
  name: string;
  description: string;
  description_localizations?: Record<string, string>;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Array<{ name: string; value: string }>;
  min_value?: number;
  max_value?: number;
  options?: DiscordCommandOption[];
}

/** One slash command, as `PUT /applications/:id/commands` takes it. */
export interface DiscordCommandDefinition {
  name: CommandGroup;
  description: string;
  description_localizations?: Record<string, string>;
  /** Who sees the command by default (a decimal permission bit set); null: everyone. */
  default_member_permissions: string | null;
  options: DiscordCommandOption[];
}

/**
 * Actions that are not slash commands: the language is an option of `/accords subscribe`, and
 * Discord lists commands and their descriptions by itself (no `help`).
 */
const NOT_ON_DISCORD: ReadonlySet<ChatAction> = new Set(['language', 'help']);

/** Discord's locales for each base language code of the chat texts (English is the default text). */
const DISCORD_LOCALES: Readonly<Record<string, readonly string[]>> = {
  id: ['id'],
  da: ['da'],
  de: ['de'],
  es: ['es-ES', 'es-419'],
  fr: ['fr'],
  hr: ['hr'],
  it: ['it'],
  lt: ['lt'],
  hu: ['hu'],
  nl: ['nl'],
  no: ['no'],
  nb: ['no'],
  pl: ['pl'],
  pt: ['pt-BR'],
  ro: ['ro'],
  fi: ['fi'],
  sv: ['sv-SE'],
  vi: ['vi'],
  tr: ['tr'],
  cs: ['cs'],
  el: ['el'],
  bg: ['bg'],
  ru: ['ru'],
  uk: ['uk'],
  hi: ['hi'],
  th: ['th'],
  zh: ['zh-CN', 'zh-TW'],
  ja: ['ja'],
  ko: ['ko'],
};

/** Commands only moderators see by default; `/accords` stays open for `latest` and its changes are checked on arrival. */
const MODERATOR_GROUPS: ReadonlySet<CommandGroup> = new Set(['keywords', 'feeds']);

/**
 * The slash commands: `/accords` (latest, subscribe, unsubscribe, status, options), `/keywords`
 * and `/feeds` with their verbs as subcommands. Topic options autocomplete, counts are 1 to 10,
 * choices are listed; descriptions are English with a localization for every other language of
 * the chat texts.
 */
export function discordCommandDefinitions(): DiscordCommandDefinition[] {
  const groups = new Map<CommandGroup, DiscordCommandOption[]>();
  for (const action of CHAT_ACTIONS) {
    if (NOT_ON_DISCORD.has(action)) continue;
    const { command, subcommand } = discordCommandOf(action);
    const group = command as CommandGroup;
    const options = [...COMMAND_SPECS[action].options]
      // Discord wants required options first; the specs' own order is kept otherwise.
      .sort((a, b) => Number(b.required) - Number(a.required))
      .map((spec) => optionDefinition(spec));
    const list = groups.get(group) ?? [];
    list.push({
      type: ApplicationCommandOptionType.Subcommand,
      name: subcommand,
      ...described((messages) => messages.commands[action]),
      ...(options.length === 0 ? {} : { options }),
    });
    groups.set(group, list);
  }
  return [...groups].map(([name, options]) => ({
    name,
    ...described((messages) => messages.groups[name]),
    default_member_permissions: MODERATOR_GROUPS.has(name) ? String(PermissionFlagsBits.ManageChannels) : null,
    options,
  }));
}

/** The action a slash command and subcommand stand for, if kabar has it. */
export function actionOfDiscordCommand(command: string, subcommand: string | null): ChatAction | undefined {
  return CHAT_ACTIONS.find((action) => {
    if (NOT_ON_DISCORD.has(action)) return false;
    const names = discordCommandOf(action);
    return names.command === command && names.subcommand === subcommand;
  });
}

function optionDefinition(spec: OptionSpec): DiscordCommandOption {
  const base = { name: spec.name, ...described((messages) => messages.options[spec.name]), required: spec.required };
  switch (spec.kind) {
    case 'topic':
    case 'topics':
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
    case 'count':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 10 };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'choice':
      return { ...base, type: ApplicationCommandOptionType.String, choices: (spec.choices ?? []).map((value) => ({ name: value, value })) };
    default:
      return { ...base, type: ApplicationCommandOptionType.String };
  }
}

/** The English description and its localizations, from `pick` applied to each language's texts. */
function described(pick: (messages: ReturnType<typeof chatMessages>) => string | undefined): {
  description: string;
  description_localizations?: Record<string, string>;
} {
  const description = fit(pick(chatMessages(FALLBACK_CHAT_LANGUAGE)) ?? '-');
  const localizations: Record<string, string> = {};
  for (const [language, messages] of Object.entries(CHAT_MESSAGES)) {
    if (language === FALLBACK_CHAT_LANGUAGE) continue;
    const text = pick(messages);
    if (text === undefined || text === '') continue;
    for (const locale of DISCORD_LOCALES[language] ?? []) localizations[locale] = fit(text);
  }
  return Object.keys(localizations).length === 0 ? { description } : { description, description_localizations: localizations };
}

/** Discord takes 1 to 100 characters. */
function fit(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}

/**
 * Registers the commands (`PUT`, replacing what was there): globally, or for one server with
 * `guildId` (instant, for testing a bot on a server of your own).
 *
 * @example
 * ```ts
 * await registerDiscordCommands({ token, applicationId }); // { count: 3, scope: 'global' }
 * ```
 */
export async function registerDiscordCommands(options: {
  token: string;
  applicationId: string;
  apiBase?: string;
  guildId?: string;
}): Promise<{ count: number; scope: 'global' | 'guild' }> {
  const rest = createDiscordRest(options);
  const route =
    options.guildId === undefined
      ? Routes.applicationCommands(options.applicationId)
      : Routes.applicationGuildCommands(options.applicationId, options.guildId);
  try {
    const registered = (await rest.put(route, { body: discordCommandDefinitions() })) as unknown[];
    return { count: registered.length, scope: options.guildId === undefined ? 'global' : 'guild' };
  } catch (error) {
    throw discordErrorToKabar(error, options.guildId === undefined ? 'registering the commands' : `registering the commands on server ${options.guildId}`);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
