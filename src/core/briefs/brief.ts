/**
 * The brief: what a subscriber reads, before a platform renderer formats it.
 */
import { briefLocale } from './locales.js';

/** A condensed, possibly translated article ready to render. All text is plain (not HTML). */
export interface Brief {
  articleId: string;
  /** Names of the topics the article matched. */
  topics: string[];
  /** Base language code of the title and paragraphs. */
  language: string;
  title: string;
  /** Body paragraphs, in the article's order. */
  paragraphs: string[];
  /** The article's canonical URL, posted whole and last. */
  url: string;
  greeting?: string;
  closing?: string;
  /** A one-line remark such as "translation unavailable". */
  note?: string;
  /**
   * Not news but a word from the bot to the chat (a feed it reads has failed or recovered): the
   * title says it, `url` is the feed's; no greeting or closing frames it.
   */
  notice?: true;
}

/** A greeting or closing setting: the language's default text, none, or the moderator's own text. */
export type BriefTextSetting = 'default' | 'off' | { custom: string };

/** Per-subscription brief style. */
export interface BriefStyle {
  greeting: BriefTextSetting;
  closing: BriefTextSetting;
}

/** Both greeting and closing on, with the language's default texts. */
export const DEFAULT_BRIEF_STYLE: BriefStyle = { greeting: 'default', closing: 'default' };

/**
 * The text a setting stands for: `fallback` for `default`, the custom text (trimmed) for
 * `{ custom }`, undefined for `off` or an empty custom text.
 */
export function resolveBriefText(setting: BriefTextSetting, fallback: string): string | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'default') return fallback;
  const custom = setting.custom.trim();
  return custom === '' ? undefined : custom;
}

/**
 * The greeting and closing of a brief in `language` under `style`, as fields ready to spread into
 * a {@link Brief} (absent when turned off).
 *
 * @example
 * ```ts
 * const brief: Brief = { ...body, ...briefFrame({ greeting: 'default', closing: 'off' }, 'id') };
 * ```
 */
export function briefFrame(style: BriefStyle, language: string): Pick<Brief, 'greeting' | 'closing'> {
  const locale = briefLocale(language);
  const greeting = resolveBriefText(style.greeting, locale.greeting);
  const closing = resolveBriefText(style.closing, locale.closing);
  return {
    ...(greeting === undefined ? {} : { greeting }),
    ...(closing === undefined ? {} : { closing }),
  };
}
