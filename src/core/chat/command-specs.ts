/**
 * The chat commands, described once for both platforms: the Discord adapter registers slash
 * commands from these specs, the Telegram adapter splits a message's text into their options and
 * publishes them with `setMyCommands`, and `app/chat` reads the options by name.
 *
 * An action is `group.verb` (`keywords.add`) or a bare name (`subscribe`). On Discord a group is
 * a slash command with subcommands (`/keywords add`), and the bare actions are subcommands of
 * `/accords` (`/accords subscribe`). On Telegram each group and bare action is a command of its
 * own (`/keywords add …`, `/subscribe …`), and `/accords [topic]` is `latest`.
 */

/** What an option holds; decides its Discord type, autocomplete and validation. */
export type OptionKind = 'topic' | 'topics' | 'term' | 'text' | 'count' | 'language' | 'url' | 'choice' | 'setting' | 'boolean';

/** One option of a command. */
export interface OptionSpec {
  name: string;
  kind: OptionKind;
  required: boolean;
  /** For `choice`: the allowed values. */
  choices?: readonly string[];
  /** Takes the rest of a Telegram message (a term or headline with spaces). Only the last option may. */
  rest?: boolean;
}

/** One command. */
export interface CommandSpec {
  action: ChatAction;
  /** Changes something: moderators only. */
  changes: boolean;
  options: readonly OptionSpec[];
}

const topic = (required: boolean): OptionSpec => ({ name: 'topic', kind: 'topic', required });
const term: OptionSpec = { name: 'term', kind: 'term', required: true, rest: true };

/** Every chat action, in the order help lists them. */
export const CHAT_ACTIONS = [
  'latest',
  'subscribe',
  'unsubscribe',
  'status',
  'options',
  'language',
  'help',
  'keywords.list',
  'keywords.show',
  'keywords.create',
  'keywords.delete',
  'keywords.add',
  'keywords.remove',
  'keywords.exclude',
  'keywords.test',
  'keywords.preview',
  'keywords.history',
  'keywords.undo',
  'feeds.list',
  'feeds.add',
  'feeds.remove',
] as const;

/** One chat action. */
export type ChatAction = (typeof CHAT_ACTIONS)[number];

/** The specs, by action. */
export const COMMAND_SPECS: Readonly<Record<ChatAction, CommandSpec>> = {
  latest: { action: 'latest', changes: false, options: [topic(false), { name: 'count', kind: 'count', required: false }] },
  subscribe: {
    action: 'subscribe',
    changes: true,
    options: [
      { name: 'topics', kind: 'topics', required: false, rest: true },
      { name: 'language', kind: 'language', required: false },
    ],
  },
  unsubscribe: { action: 'unsubscribe', changes: true, options: [] },
  status: { action: 'status', changes: false, options: [] },
  options: {
    action: 'options',
    changes: true,
    options: [
      { name: 'greeting', kind: 'setting', required: false },
      { name: 'closing', kind: 'setting', required: false },
      { name: 'format', kind: 'choice', required: false, choices: ['embed', 'text'] },
      { name: 'silent', kind: 'boolean', required: false },
    ],
  },
  language: { action: 'language', changes: true, options: [{ name: 'code', kind: 'language', required: true }] },
  help: { action: 'help', changes: false, options: [] },
  'keywords.list': { action: 'keywords.list', changes: false, options: [] },
  'keywords.show': { action: 'keywords.show', changes: false, options: [topic(true)] },
  'keywords.create': { action: 'keywords.create', changes: true, options: [{ name: 'topic', kind: 'text', required: true }] },
  'keywords.delete': { action: 'keywords.delete', changes: true, options: [topic(true)] },
  'keywords.add': { action: 'keywords.add', changes: true, options: [topic(true), term] },
  'keywords.remove': { action: 'keywords.remove', changes: true, options: [topic(true), term] },
  'keywords.exclude': { action: 'keywords.exclude', changes: true, options: [topic(true), term] },
  'keywords.test': {
    action: 'keywords.test',
    changes: false,
    options: [topic(true), { name: 'headline', kind: 'text', required: true, rest: true }],
  },
  'keywords.preview': {
    action: 'keywords.preview',
    changes: false,
    options: [{ name: 'edit', kind: 'choice', required: true, choices: ['add', 'exclude', 'remove'] }, topic(true), term],
  },
  'keywords.history': { action: 'keywords.history', changes: false, options: [topic(true)] },
  'keywords.undo': { action: 'keywords.undo', changes: true, options: [topic(true)] },
  'feeds.list': { action: 'feeds.list', changes: false, options: [] },
  'feeds.add': { action: 'feeds.add', changes: true, options: [{ name: 'url', kind: 'url', required: true }] },
  'feeds.remove': { action: 'feeds.remove', changes: true, options: [{ name: 'url', kind: 'url', required: true }] },
};

/** The Discord slash command an action belongs to, and its subcommand. */
export function discordCommandOf(action: ChatAction): { command: string; subcommand: string } {
  const [group, verb] = action.split('.') as [string, string | undefined];
  return verb === undefined ? { command: 'accords', subcommand: group } : { command: group, subcommand: verb };
}

/** The Telegram command (without `/`) an action is typed as, and the verb that follows it, if any. */
export function telegramCommandOf(action: ChatAction): { command: string; verb?: string } {
  if (action === 'latest') return { command: 'accords' };
  const [group, verb] = action.split('.') as [string, string | undefined];
  return verb === undefined ? { command: group } : { command: group, verb };
}

/** Longest text a command's options may have in all; longer messages are refused unread. */
export const MAX_COMMAND_TEXT = 1_000;

/** Why {@link parseCommandText} refused a text. */
export type CommandTextProblem =
  | { problem: 'missing'; option: string }
  | { problem: 'too-many'; extra: string }
  | { problem: 'too-long' };

/**
 * Splits the text after a Telegram command (and its verb) into the spec's options, in order:
 * words, or "double-quoted" phrases; an option marked `rest` takes everything left (unquoted if
 * it is one quoted phrase). Returns the options, or the problem.
 *
 * @example
 * ```ts
 * parseCommandText(COMMAND_SPECS['keywords.add'], 'central-asia Kazakh* + (Almaty|Astana)');
 * // { options: { topic: 'central-asia', term: 'Kazakh* + (Almaty|Astana)' } }
 * ```
 */
export function parseCommandText(
  spec: CommandSpec,
  text: string,
): { options: Record<string, string> } | CommandTextProblem {
  if (text.length > MAX_COMMAND_TEXT) return { problem: 'too-long' };
  const options: Record<string, string> = {};
  let rest = text.trim();
  for (const option of spec.options) {
    if (rest === '') {
      if (option.required) return { problem: 'missing', option: option.name };
      continue;
    }
    if (option.rest) {
      options[option.name] = unquote(rest);
      rest = '';
      break;
    }
    const word = /^"([^"]*)"(?:\s+|$)|^(\S+)(?:\s+|$)/.exec(rest);
    const value = word?.[1] ?? word?.[2] ?? rest;
    options[option.name] = value;
    rest = rest.slice(word?.[0].length ?? rest.length).trim();
  }
  if (rest !== '') return { problem: 'too-many', extra: rest };
  return { options };
}

function unquote(text: string): string {
  const match = /^"([^"]*)"$/.exec(text);
  return match?.[1] ?? text;
}
