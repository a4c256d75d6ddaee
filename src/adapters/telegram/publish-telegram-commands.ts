/**
 * The bot's command menu (`setMyCommands`): English by default, and one list per language that
 * has chat texts, so Telegram shows each user the descriptions in their own language.
 */
import { CHAT_ACTIONS, telegramCommandOf } from '../../core/chat/command-specs.js';
import { CHAT_MESSAGES, FALLBACK_CHAT_LANGUAGE, type ChatMessages, type CommandGroup } from '../../core/chat/messages/index.js';

/** One entry of the menu. */
export interface TelegramBotCommand {
  command: string;
  description: string;
}

/**
 * The menu in one language: each Telegram command once, in the order help lists the actions;
 * group commands (`/keywords`, `/feeds`) described by their group.
 */
export function telegramCommandMenu(messages: ChatMessages): TelegramBotCommand[] {
  const menu = new Map<string, string>();
  for (const action of CHAT_ACTIONS) {
    const { command, verb } = telegramCommandOf(action);
    if (menu.has(command)) continue;
    menu.set(command, verb === undefined ? messages.commands[action] : messages.groups[command as CommandGroup]);
  }
  return [...menu].map(([command, description]) => ({ command, description }));
}

/**
 * Every `setMyCommands` call to make: the default (fallback language, no `language_code`) and one
 * per other language with chat texts.
 */
export function telegramCommandMenus(): Array<{ commands: TelegramBotCommand[]; language_code?: string }> {
  const fallback = CHAT_MESSAGES[FALLBACK_CHAT_LANGUAGE];
  const menus: Array<{ commands: TelegramBotCommand[]; language_code?: string }> = [];
  if (fallback !== undefined) menus.push({ commands: telegramCommandMenu(fallback) });
  for (const [language, messages] of Object.entries(CHAT_MESSAGES)) {
    if (language !== FALLBACK_CHAT_LANGUAGE) menus.push({ commands: telegramCommandMenu(messages), language_code: language });
  }
  return menus;
}
