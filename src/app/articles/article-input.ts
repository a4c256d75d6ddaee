/**
 * Articles given by hand (`kabar match`, `kabar brief`, previews): one JSON object per article,
 * `{id?, title, link?, summary?, content?, language?}`, content as HTML or plain text.
 */
import type { Article } from '../../core/article.js';
import { articleIdFor } from '../../core/articles/article-id.js';
import { canonicalizeUrl } from '../../core/articles/canonical-url.js';
import { KabarError } from '../../core/errors.js';
import { detectLanguage } from '../../core/text/detect-language.js';
import { htmlToText } from '../../core/text/html-to-text.js';
import { normalizeLanguageTag } from '../../core/text/language-tag.js';

/** The largest input line accepted: a long article is ~100 KB; anything bigger is not one. */
export const MAX_ARTICLE_INPUT_CHARS = 1_000_000;

/**
 * The same limit in UTF-8 bytes, for readers that must stop before decoding (stdin): no text of
 * {@link MAX_ARTICLE_INPUT_CHARS} UTF-16 units takes more than 3 bytes per unit, so input over
 * this many bytes is over the limit whatever its script.
 */
export const MAX_ARTICLE_INPUT_BYTES = 3 * MAX_ARTICLE_INPUT_CHARS;

/**
 * Parses and validates one article given as JSON text.
 *
 * @throws KabarError (`permanent`, code `bad-input`) saying what is wrong, e.g.
 *   `"title" is missing: each line needs at least {"title": "..."}`.
 */
export function parseArticleInput(json: string, options: { requireLink?: boolean } = {}): Article {
  if (json.length > MAX_ARTICLE_INPUT_CHARS) throw badInput(`input is longer than ${MAX_ARTICLE_INPUT_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw badInput(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput('expected a JSON object');
  const fields = value as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const field = fields[name];
    if (field === undefined || field === null) return undefined;
    if (typeof field !== 'string') throw badInput(`"${name}" must be a string`);
    return field;
  };
  const title = text('title')?.trim();
  if (!title) throw badInput('"title" is missing: each article needs at least {"title": "..."}');
  const rawLink = text('link')?.trim();
  const link = rawLink === undefined || rawLink === '' ? '' : canonicalizeUrl(rawLink);
  if (link === undefined) throw badInput(`"link" must be an http(s) URL, got ${JSON.stringify(rawLink)}`);
  if (options.requireLink && !link) throw badInput('"link" is missing: a brief always ends with its source URL');
  const summary = htmlToText(text('summary') ?? '');
  const content = htmlToText(text('content') ?? '');
  const language =
    normalizeLanguageTag(text('language')) ?? detectLanguage([title, summary, content].join('\n'));
  const id = text('id') ?? articleIdFor(link || title);
  return { id, title, link, summary, content, ...(language === undefined ? {} : { language }) };
}

function badInput(message: string): KabarError {
  return new KabarError('permanent', message, { code: 'bad-input' });
}
