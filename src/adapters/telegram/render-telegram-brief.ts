/**
 * Briefs and replies as Telegram HTML messages: the reference brief shape, title in bold, every
 * piece of feed text escaped, the source URL whole and last, split under Telegram's limit.
 */
import type { Brief } from '../../core/briefs/brief.js';
import { renderBriefText } from '../../core/briefs/render-brief-text.js';
import { splitForLimit } from '../../core/briefs/split-for-limit.js';
import {
  escapeTelegramAttribute,
  escapeTelegramHtml,
  isWebUrl,
  TELEGRAM_TEXT_LIMIT,
  telegramVisibleLength,
} from './telegram-html.js';

/** One Telegram message, ready to send with `parse_mode: "HTML"`. */
export interface TelegramMessagePart {
  /** The message text in Telegram HTML; at most 4,096 visible UTF-16 units. */
  html: string;
  /** The page Telegram previews under this message; without it, link previews are off. */
  previewUrl?: string;
}

// Stands in for the title while the shared renderer lays the brief out, so the title can be
// wrapped in <b> afterwards. Escaping removes control characters, so no feed text contains it.
const TITLE_MARK = '\u0001';

/**
 * Renders a brief (greeting and closing already applied) as the messages that carry it, in order:
 *
 * ```
 * <b>title</b> - greeting
 * greeting - first paragraph
 * …paragraphs…
 * closing
 * note
 * <a href="https://…">https://…</a>
 * ```
 *
 * The URL is a link only when it is http(s); the last message previews it. Messages are split at
 * paragraph, then sentence ends, never inside a tag, an entity or the URL. Deterministic.
 *
 * @example
 * ```ts
 * renderTelegramBrief(brief); // [{ html: '<b>Judul</b> - As-salamu alaykum\n…', previewUrl: 'https://…' }]
 * ```
 */
export function renderTelegramBrief(brief: Brief): TelegramMessagePart[] {
  const title = escapeTelegramHtml(brief.title).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const url = brief.url.trim();
  const web = isWebUrl(url);
  const framed: Brief = { ...brief, title: title === '' ? '' : TITLE_MARK, paragraphs: brief.paragraphs.map(escapeTelegramHtml), url: '' };
  for (const field of ['greeting', 'closing', 'note'] as const) {
    const text = brief[field];
    if (text !== undefined) framed[field] = escapeTelegramHtml(text);
  }
  const body = renderBriefText(framed).replace(TITLE_MARK, () => `<b>${title}</b>`);
  const link = url === '' ? '' : web ? `<a href="${escapeTelegramAttribute(url)}">${escapeTelegramHtml(url)}</a>` : escapeTelegramHtml(url);
  const html = [body, link].filter((line) => line !== '').join('\n');
  const pieces = splitForLimit(html, TELEGRAM_TEXT_LIMIT, telegramVisibleLength);
  return pieces.map((piece, index) => (web && index === pieces.length - 1 ? { html: piece, previewUrl: url } : { html: piece }));
}

/**
 * A plain-text reply (the command handler's words) as escaped HTML messages without previews.
 *
 * @example
 * ```ts
 * renderTelegramText('Added https://example.com/feed & more'); // [{ html: 'Added https://example.com/feed &amp; more' }]
 * ```
 */
export function renderTelegramText(text: string): TelegramMessagePart[] {
  return splitForLimit(escapeTelegramHtml(text), TELEGRAM_TEXT_LIMIT, telegramVisibleLength).map((html) => ({ html }));
}
