/**
 * Feed text made inert for Discord: shown as written, never formatting, linking or mentioning.
 */
import { escapeMarkdown } from 'discord.js';

/**
 * Escapes `text` for a message's content, an embed title or description: markdown (bold, italic,
 * code, spoilers, headings, lists), masked links (`[trusted](https://elsewhere)`), and mentions
 * (`@everyone`, `@here`, `<@id>`, `<@&role>`, `<#channel>`) with the backslashes Discord hides
 * when it renders. `allowed_mentions: { parse: [] }` already keeps a mention from pinging; this
 * also keeps it from showing as one. Bare URLs are left alone so they stay links.
 *
 * @example
 * ```ts
 * escapeDiscordText('[x](javascript:alert(1)) @everyone'); // "\\[x](javascript:alert(1)) \\@everyone"
 * ```
 */
export function escapeDiscordText(text: string): string {
  // Every `[`, not discord.js's `maskedLink`: that escapes only the first masked link of a line,
  // leaving `[b](https://elsewhere)` after `[a](...)` a live link. escapeMarkdown has already
  // doubled any backslash of the feed's, so an added one cannot pair up with it.
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: false })
    .replace(/\[/g, '\\[')
    .replace(/@(everyone|here)\b/g, '\\@$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<\\$1$2>');
}
