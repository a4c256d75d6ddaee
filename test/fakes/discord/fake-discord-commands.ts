/**
 * Application command registration on the loopback Discord: `PUT /applications/:id/commands` and
 * `PUT /applications/:id/guilds/:guild/commands`, checked the way Discord checks them (names,
 * description lengths, locales, option order and counts, choices versus autocomplete).
 */
import { discordError, type Answer, type FakeDiscordHttp } from './fake-discord-http.js';

/** The locales Discord accepts as keys of `*_localizations`. */
export const DISCORD_LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi',
  'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const NUMBER = 10;

interface CommandOption {
  type: number;
  name: string;
  description: string;
  description_localizations?: Record<string, string> | null;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  autocomplete?: boolean;
  options?: CommandOption[];
  min_value?: number;
  max_value?: number;
}

interface Command extends Omit<CommandOption, 'type'> {
  type?: number;
  default_member_permissions?: string | null;
}

/** Registered commands, per scope. */
export class FakeCommands {
  readonly #byScope = new Map<string, unknown[]>();

  constructor(http: FakeDiscordHttp, private readonly ids: { snowflake(): string; applicationId: string }) {
    http.route({ method: 'PUT', pattern: /^\/applications\/(\d+)\/commands$/, auth: true, handle: (m, body) => this.#put(m[1] as string, 'global', body) });
    http.route({
      method: 'PUT',
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      auth: true,
      handle: (m, body) => this.#put(m[1] as string, m[2] as string, body),
    });
  }

  /** The commands last registered globally, or for `guildId`. */
  list(guildId?: string): unknown[] {
    return this.#byScope.get(guildId ?? 'global') ?? [];
  }

  #put(applicationId: string, scope: string, body: unknown): Answer {
    if (applicationId !== this.ids.applicationId) return discordError(403, 50001, 'Missing Access');
    if (!Array.isArray(body)) return invalid('body', 'must be an array of commands');
    if (body.length > 100) return invalid('body', 'more than 100 commands');
    const names = new Set<string>();
    for (const [index, command] of (body as Command[]).entries()) {
      const problem = checkCommand(command);
      if (problem) return invalid(`${index}.${problem.field}`, problem.problem);
      if (names.has(command.name)) return invalid(`${index}.name`, 'duplicate command name');
      names.add(command.name);
    }
    const stored = (body as Command[]).map((command) => ({
      ...command,
      id: this.ids.snowflake(),
      application_id: applicationId,
      type: command.type ?? 1,
      version: this.ids.snowflake(),
      ...(scope === 'global' ? {} : { guild_id: scope }),
    }));
    this.#byScope.set(scope, stored);
    return { status: 200, body: stored };
  }
}

function invalid(field: string, problem: string): Answer {
  return discordError(400, 50035, 'Invalid Form Body', { [field]: { _errors: [{ code: 'INVALID', message: problem }] } });
}

function checkCommand(command: Command): { field: string; problem: string } | undefined {
  if ((command.type ?? 1) !== 1) return { field: 'type', problem: 'only chat input commands are expected' };
  const base = checkNamed(command);
  if (base) return base;
  if (command.default_member_permissions != null && !/^\d+$/.test(command.default_member_permissions)) {
    return { field: 'default_member_permissions', problem: 'must be a decimal string' };
  }
  return checkOptions(command.options ?? [], 0);
}

function checkNamed(item: { name: string; description: string; description_localizations?: Record<string, string> | null }): { field: string; problem: string } | undefined {
  if (typeof item.name !== 'string' || !NAME.test(item.name) || item.name !== item.name.toLowerCase()) {
    return { field: 'name', problem: `"${item.name}" is not a lowercase name of 1 to 32 characters` };
  }
  if (typeof item.description !== 'string' || item.description.length < 1 || item.description.length > 100) {
    return { field: 'description', problem: `must be 1 to 100 characters (${item.name})` };
  }
  for (const [locale, text] of Object.entries(item.description_localizations ?? {})) {
    if (!DISCORD_LOCALES.has(locale)) return { field: `description_localizations.${locale}`, problem: 'not a valid locale' };
    if (typeof text !== 'string' || text.length < 1 || text.length > 100) {
      return { field: `description_localizations.${locale}`, problem: `must be 1 to 100 characters (${item.name})` };
    }
  }
  return undefined;
}

function checkOptions(options: CommandOption[], depth: number): { field: string; problem: string } | undefined {
  if (options.length > 25) return { field: 'options', problem: 'more than 25 options' };
  const names = new Set<string>();
  let optionalSeen = false;
  const nested = options.filter((option) => option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP).length;
  if (nested > 0 && nested !== options.length) return { field: 'options', problem: 'subcommands cannot be mixed with other options' };
  for (const [index, option] of options.entries()) {
    const field = `options.${index}`;
    const named = checkNamed(option);
    if (named) return { field: `${field}.${named.field}`, problem: named.problem };
    if (names.has(option.name)) return { field: `${field}.name`, problem: 'duplicate option name' };
    names.add(option.name);
    if (option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP) {
      if (depth > 1 || (option.type === SUB_COMMAND_GROUP && depth > 0)) return { field, problem: 'subcommands nested too deep' };
      const inner = checkOptions(option.options ?? [], depth + 1);
      if (inner) return { field: `${field}.${inner.field}`, problem: inner.problem };
      continue;
    }
    if (![STRING, INTEGER, 5, 6, 7, 8, 9, NUMBER, 11].includes(option.type)) return { field: `${field}.type`, problem: 'unknown type' };
    if (option.required === true && optionalSeen) return { field, problem: 'required options must be placed before non-required options' };
    if (option.required !== true) optionalSeen = true;
    if (option.choices !== undefined) {
      if (option.autocomplete === true) return { field, problem: 'autocomplete and choices are mutually exclusive' };
      if (option.choices.length > 25) return { field: `${field}.choices`, problem: 'more than 25 choices' };
      if (option.type !== STRING && option.type !== INTEGER && option.type !== NUMBER) return { field, problem: 'choices on a type without them' };
    }
    if (option.autocomplete === true && option.type !== STRING && option.type !== INTEGER && option.type !== NUMBER) {
      return { field, problem: 'autocomplete on a type without it' };
    }
    if ((option.min_value !== undefined || option.max_value !== undefined) && option.type !== INTEGER && option.type !== NUMBER) {
      return { field, problem: 'min_value/max_value only on numbers' };
    }
  }
  return undefined;
}
