/**
 * The chat texts by language. To add a language, add its file (a copy of `en.ts`, translated)
 * and list it here.
 */
import { normalizeLanguageTag } from '../../text/language-tag.js';
import type { ChatMessages } from './chat-messages.js';
import { en } from './en.js';
import { id } from './id.js';

export type { ChatMessages, ChatReplies, CommandGroup } from './chat-messages.js';

/** Every language with its own chat texts, by base language code. */
export const CHAT_MESSAGES: Readonly<Record<string, ChatMessages>> = { en, id };

/** The language chat texts fall back to. */
export const FALLBACK_CHAT_LANGUAGE = 'en';

/**
 * The first of `preferences` (locale tags such as `id`, `en-US`, `pt_BR`) that has chat texts,
 * else English.
 *
 * @example
 * ```ts
 * chatLanguage(['id-ID']);        // "id"
 * chatLanguage([undefined, 'kk']); // "en"
 * ```
 */
export function chatLanguage(preferences: ReadonlyArray<string | undefined>): string {
  for (const preference of preferences) {
    const code = preference === undefined ? undefined : normalizeLanguageTag(preference);
    if (code !== undefined && Object.hasOwn(CHAT_MESSAGES, code)) return code;
  }
  return FALLBACK_CHAT_LANGUAGE;
}

/** The chat texts of a base language code, English when it has none. */
export function chatMessages(language: string): ChatMessages {
  return CHAT_MESSAGES[language] ?? en;
}
