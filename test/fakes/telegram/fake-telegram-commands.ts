/**
 * `setMyCommands` as the fake checks it: Telegram's rules for command names and descriptions,
 * scopes and language codes.
 */
import { badRequest, type ApiFailure } from './fake-telegram-answers.js';

/** A command as published. */
export interface BotCommand {
  command: string;
  description: string;
}

/** The checked command list and its key (`scope type|language code`), or the 400 Telegram answers. */
export function checkBotCommands(params: Record<string, unknown>): { key: string; commands: BotCommand[] } | ApiFailure {
  const commands = params.commands;
  if (!Array.isArray(commands) || commands.length > 100) return badRequest('commands must be an array of at most 100 commands');
  for (const entry of commands as unknown[]) {
    const { command, description } = (entry ?? {}) as Record<string, unknown>;
    if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) return badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.trim().length < 1 || description.length > 256) {
      return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  const language = params.language_code;
  if (language !== undefined && (typeof language !== 'string' || !/^([a-z]{2})?$/.test(language))) return badRequest('LANG_CODE_INVALID');
  const scope = params.scope as { type?: unknown } | undefined;
  const scopeType = scope === undefined ? 'default' : scope.type;
  if (typeof scopeType !== 'string') return badRequest('BOT_COMMAND_SCOPE_INVALID');
  return { key: `${scopeType}|${language ?? ''}`, commands: commands as BotCommand[] };
}
