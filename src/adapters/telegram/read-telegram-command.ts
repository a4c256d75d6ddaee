/**
 * A Telegram message's text as a command: `/accords@BotName central-asia 3` -> action `latest`
 * with options `{ topic, count }`, following `core/chat/command-specs.ts`.
 */
import { COMMAND_SPECS, MAX_COMMAND_TEXT, parseCommandText, type ChatAction, type CommandTextProblem } from '../../core/chat/command-specs.js';

/** What a message asks for. */
export type TelegramCommandRead =
  /** Not a command, or a command for another bot, or one this bot does not have (in a group). */
  | { kind: 'ignore' }
  | { kind: 'command'; action: ChatAction; options: Record<string, string> }
  /** A command of this bot whose arguments do not fit its spec: the problem, to answer with. */
  | { kind: 'problem'; action: ChatAction; problem: CommandTextProblem };

// Commands that are one action each; `accords` is the latest briefs, `start` the first contact.
const BARE: Readonly<Record<string, ChatAction>> = {
  accords: 'latest',
  start: 'help',
  help: 'help',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  status: 'status',
  language: 'language',
  options: 'options',
};
// Commands followed by a verb (`/keywords add …`).
const GROUPS = new Set(['keywords', 'feeds']);

/**
 * Reads `text` sent to the bot `botUsername`. `/cmd@OtherBot` is ignored; so are unknown commands
 * in groups (they may be another bot's), while in a private chat they get the help. A group
 * command with a missing or unknown verb (`/keywords`, `/keywords frobnicate`) is `help` with
 * option `group` naming the group. `/options` takes `name=value` or `name value` pairs.
 *
 * @example
 * ```ts
 * readTelegramCommand('/keywords@KabarBot add central-asia "Silk Road"', 'KabarBot', false);
 * // { kind: 'command', action: 'keywords.add', options: { topic: 'central-asia', term: 'Silk Road' } }
 * ```
 */
export function readTelegramCommand(text: string, botUsername: string, isPrivate: boolean): TelegramCommandRead {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)([\s\S]*)$/.exec(text);
  if (match === null) return { kind: 'ignore' };
  const [, typed = '', addressee, rest = ''] = match;
  if (addressee !== undefined && addressee.toLowerCase() !== botUsername.toLowerCase()) return { kind: 'ignore' };
  const command = typed.toLowerCase();
  if (GROUPS.has(command)) {
    const verbMatch = /^\s*(\S+)([\s\S]*)$/.exec(rest);
    const action = `${command}.${(verbMatch?.[1] ?? '').toLowerCase()}`;
    if (verbMatch === null || !Object.hasOwn(COMMAND_SPECS, action)) return { kind: 'command', action: 'help', options: { group: command } };
    return withOptions(action as ChatAction, verbMatch[2] ?? '');
  }
  const action = BARE[command];
  if (action === undefined) return isPrivate ? { kind: 'command', action: 'help', options: {} } : { kind: 'ignore' };
  if (action === 'options') return readOptionPairs(rest);
  return withOptions(action, rest);
}

function withOptions(action: ChatAction, rest: string): TelegramCommandRead {
  const parsed = parseCommandText(COMMAND_SPECS[action], rest);
  return 'problem' in parsed ? { kind: 'problem', action, problem: parsed } : { kind: 'command', action, options: parsed.options };
}

/** `/options greeting=off closing="Semoga damai" silent true`: named, in any order. */
function readOptionPairs(rest: string): TelegramCommandRead {
  const names = new Set(COMMAND_SPECS.options.options.map((option) => option.name));
  if (rest.length > MAX_COMMAND_TEXT) return { kind: 'problem', action: 'options', problem: { problem: 'too-long' } };
  // `name="quoted value"`, `"quoted value"`, or a plain word.
  const words = [...rest.matchAll(/([^\s"=]+=)?"([^"]*)"|(\S+)/g)].map((word) => (word[2] === undefined ? (word[3] ?? '') : `${word[1] ?? ''}${word[2]}`));
  const options: Record<string, string> = {};
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    const equals = word.indexOf('=');
    const name = (equals === -1 ? word : word.slice(0, equals)).toLowerCase();
    if (!names.has(name)) return { kind: 'problem', action: 'options', problem: { problem: 'too-many', extra: word } };
    if (equals !== -1) {
      options[name] = word.slice(equals + 1);
      continue;
    }
    const value = words[index + 1];
    if (value === undefined) return { kind: 'problem', action: 'options', problem: { problem: 'missing', option: name } };
    options[name] = value;
    index++;
  }
  return { kind: 'command', action: 'options', options };
}
