/**
 * A brief as Discord messages: embeds (the default) or plain text, each message within Discord's
 * limits, split at paragraph then sentence ends, the URL never cut.
 */
import type { Brief } from '../../core/briefs/brief.js';
import { renderBriefText } from '../../core/briefs/render-brief-text.js';
import { splitForLimit } from '../../core/briefs/split-for-limit.js';
import type { BriefFormat } from '../../core/ports.js';
import { escapeDiscordText } from './escape-discord-text.js';

/** An embed, as kabar sends it. */
export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
  /** ISO 8601; set when the message is posted. */
  timestamp?: string;
}

/** One Discord message of a brief: the fields of `POST /channels/:id/messages` kabar renders. */
export interface DiscordMessagePart {
  content?: string;
  embeds?: DiscordEmbed[];
}

/** Discord's limits (characters, as UTF-16 units). */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  footer: 2048,
  embedsPerMessage: 10,
  embedTotal: 6000,
} as const;

// Kept well under Discord's 2,048 so that a long topic list cannot crowd out the description.
const FOOTER_MAX = 512;
const COLOR = 0x2f6f9f;

/**
 * The messages that carry `brief` in `format` (default `embed`), in order. Deterministic.
 *
 * Embed: the first embed holds the title, linked to the source; the descriptions hold the body
 * (greeting line, paragraphs, closing, note) and end with the URL; the last embed has the footer
 * (source host and topics). Descriptions are split under 4,096 and packed up to 6,000 a message.
 * Text: the reference shape (`renderBriefText`), split under 2,000 a message.
 *
 * @example
 * ```ts
 * renderDiscordBrief(brief, 'embed'); // [{ embeds: [{ title, url, description, footer }] }]
 * ```
 */
export function renderDiscordBrief(brief: Brief, format: BriefFormat = 'embed'): DiscordMessagePart[] {
  return format === 'text' ? renderText(brief) : renderEmbeds(brief);
}

/** The embed-length of an embed, as Discord counts it against the 6,000 of a message. */
export function embedLength(embed: DiscordEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

function renderText(brief: Brief): DiscordMessagePart[] {
  const text = renderBriefText({
    ...brief,
    title: inert(brief.title),
    paragraphs: brief.paragraphs.map(inert),
    url: safeUrl(brief.url) ?? inert(brief.url),
    ...optional('greeting', brief.greeting),
    ...optional('closing', brief.closing),
    ...optional('note', brief.note),
  });
  return splitForLimit(text, DISCORD_LIMITS.content).map((content) => ({ content }));
}

function renderEmbeds(brief: Brief): DiscordMessagePart[] {
  const greeting = inert(brief.greeting ?? '');
  const [first, ...rest] = brief.paragraphs.map(inert).filter((paragraph) => paragraph !== '');
  const url = safeUrl(brief.url);
  const lines = [
    first === undefined ? greeting : [greeting, first].filter((part) => part !== '').join(' - '),
    ...rest,
    inert(brief.closing ?? ''),
    inert(brief.note ?? ''),
    url ?? inert(brief.url),
  ].filter((line) => line !== '');
  const chunks = splitForLimit(lines.join('\n\n'), DISCORD_LIMITS.description);
  const embeds: DiscordEmbed[] = chunks.map((description) => ({ color: COLOR, description }));
  if (embeds.length === 0) embeds.push({ color: COLOR });
  const head = embeds[0] as DiscordEmbed;
  const title = truncate(inert(brief.title), DISCORD_LIMITS.title);
  if (title !== '') head.title = title;
  if (url !== undefined) head.url = url;
  (embeds[embeds.length - 1] as DiscordEmbed).footer = { text: footer(brief) };
  return pack(embeds);
}

/** Embeds into as few messages as the 6,000 total and 10 embeds allow, in order. */
function pack(embeds: readonly DiscordEmbed[]): DiscordMessagePart[] {
  const messages: DiscordEmbed[][] = [];
  let current: DiscordEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    if (current.length > 0 && (total + size > DISCORD_LIMITS.embedTotal || current.length === DISCORD_LIMITS.embedsPerMessage)) {
      messages.push(current);
      current = [];
      total = 0;
    }
    current.push(embed);
    total += size;
  }
  if (current.length > 0) messages.push(current);
  return messages.map((group) => ({ embeds: group }));
}

function footer(brief: Brief): string {
  const host = hostOf(brief.url);
  const topics = brief.topics.join(', ');
  return truncate([host, topics].filter((part) => part !== '').join(' · '), FOOTER_MAX) || 'kabar';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The URL when it is one Discord may link (http or https), else undefined. */
function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : undefined;
  } catch {
    return undefined;
  }
}

/** One line of feed text, escaped (line breaks inside a field become spaces, as in the text shape). */
function inert(text: string): string {
  return escapeDiscordText(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

function optional<K extends 'greeting' | 'closing' | 'note'>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: inert(value) } as Partial<Record<K, string>>);
}

/** At most `max` characters, cut at a space when there is one in the last quarter, with an ellipsis. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(' ', max - 1);
  if (cut < max * 0.75) cut = max - 1;
  // Never leave a lone escaping backslash at the end, nor half a surrogate pair.
  let head = text.slice(0, cut).trimEnd();
  while (head.endsWith('\\') || /[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}…`;
}
