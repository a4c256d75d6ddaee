/**
 * The plain-text form of a brief, the shape of `examples/reference-brief-id.txt`.
 */
import type { Brief } from './brief.js';

/**
 * Renders a brief as plain text, one paragraph per line:
 *
 * ```
 * <title> - <greeting>
 * <greeting> - <first paragraph>
 * <other paragraphs>
 * <closing>
 * <note>
 * <url>
 * ```
 *
 * Without a greeting the first two lines are `<title>` and `<first paragraph>`; without a closing
 * or note their lines are left out. The URL is written whole, last. Line breaks inside a field
 * become spaces so that the one-paragraph-per-line shape holds. No trailing newline.
 *
 * @example
 * ```ts
 * renderBriefText({ articleId: 'a1', topics: [], language: 'id', title: 'Judul', paragraphs: ['Isi.'],
 *   url: 'https://example.com/a', greeting: 'As-salamu alaykum' });
 * // "Judul - As-salamu alaykum\nAs-salamu alaykum - Isi.\nhttps://example.com/a"
 * ```
 */
export function renderBriefText(brief: Brief): string {
  const greeting = oneLine(brief.greeting ?? '');
  const title = oneLine(brief.title);
  const [first, ...rest] = brief.paragraphs.map(oneLine).filter((paragraph) => paragraph !== '');
  const lines = [
    joinDash(title, greeting),
    first === undefined ? '' : joinDash(greeting, first),
    ...rest,
    oneLine(brief.closing ?? ''),
    oneLine(brief.note ?? ''),
    brief.url.trim(),
  ];
  return lines.filter((line) => line !== '').join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function joinDash(left: string, right: string): string {
  return [left, right].filter((part) => part !== '').join(' - ');
}
