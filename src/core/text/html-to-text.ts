/**
 * Plain text out of the HTML (or text) that feeds put in descriptions and content.
 *
 * Hand-written, and kept against `htmlparser2` and `html-to-text` (issue 12; BENCHMARKS.md, "Text
 * modules against libraries"). Given kabar's block and junk element lists and kabar's clean-up of
 * control and invisible characters, htmlparser2 with a small walk gave the expected paragraphs in
 * 20 of 21 labelled feed-HTML cases and html-to-text in 18, this module in 21; against this
 * module's own tests htmlparser2 failed 7 of 25 and html-to-text 8 (plain-text paragraphs,
 * unclosed junk elements, tags cut off by truncation, entities broken by a line wrap), and
 * html-to-text took 29 s on the 1 MB of unclosed junk elements this module reads in about 2 s.
 * htmlparser2 is the faster tokenizer (25-33 MB/s against 18-19), which kabar does not need.
 */
import { createClosingTagFinder } from './closing-tags.js';
import { stripControlCharacters } from './control-characters.js';
import { decodeHtmlEntities } from './html-entities.js';

/** Elements whose boundaries are paragraph breaks. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'blockquote', 'br', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);

/**
 * Elements whose whole content is junk for a reader: code, media, captions, page furniture (side
 * boxes, navigation, the footer with credits, tags and share buttons).
 */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'picture', 'figure', 'figcaption', 'form', 'button', 'select', 'textarea',
  'head', 'nav', 'aside', 'footer',
]);

// Void elements have no closing tag, so there is no content to skip.
const VOID = new Set(['embed']);
// Elements whose content is never markup; unclosed, they run to the end of the document.
const RAW_TEXT = new Set(['script', 'style']);

const BLOCK_TAG_PRESENT = new RegExp(`<(?:${[...BLOCK_ELEMENTS].join('|')})\\b`, 'i');
const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9:-]*)/;

// Comments, CDATA, doctype/processing instructions, then ordinary tags (attributes may be quoted
// and contain `>`). A `<` that starts none of these is text (`profits < 5%`).
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<[!?][^>]*>?|<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?\/?>/g;

// A tag cut off at the end of a truncated summary (`... read <a href="ht`).
const TRUNCATED_TAG = /<\/?[A-Za-z][^<>]*$/;

const PARAGRAPH_BREAK = '\u0000';
// Invisible characters that only get in the way of matching and splitting. ZWNJ/ZWJ stay: they
// change how Persian and emoji render.
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;

/**
 * Turns feed HTML into plain text: one paragraph per block element (`p`, `div`, `br`, `li`, `h1`
 * to `h6`, `blockquote`, table cells), paragraphs separated by a blank line (`\n\n`), whitespace
 * collapsed inside each paragraph, every entity decoded. Scripts (JSON-LD too), styles, figures and
 * their captions, side boxes (`aside`), navigation, footers, embedded media and forms are dropped
 * with their content, and so are control and bidi
 * override characters, typed or encoded (`&#27;`; see {@link stripControlCharacters}).
 *
 * Text without block markup keeps the paragraphs it was written with: blank lines separate them
 * or, when there is no blank line at all, each line is a paragraph.
 *
 * @example
 * ```ts
 * htmlToText('<p>Kazakhstan&rsquo;s move</p><p>It is symbolic.</p>'); // "Kazakhstan’s move\n\nIt is symbolic."
 * ```
 */
export function htmlToText(html: string): string {
  if (html.trim() === '') return '';
  const mode = lineMode(html);
  // NUL is the internal paragraph mark, and never text anyway.
  const source = html.replaceAll(PARAGRAPH_BREAK, '').replace(TRUNCATED_TAG, '');
  const findClosingTag = createClosingTagFinder(source);
  const pieces: string[] = [];
  let last = 0;
  MARKUP.lastIndex = 0;
  for (let match = MARKUP.exec(source); match !== null; match = MARKUP.exec(source)) {
    const markup = match[0];
    pieces.push(textOf(source.slice(last, match.index), mode));
    last = match.index + markup.length;
    const cdata = match[1];
    if (cdata !== undefined) {
      pieces.push(textOf(cdata, mode));
      continue;
    }
    const name = TAG_NAME.exec(markup)?.[1]?.toLowerCase();
    if (name === undefined) continue;
    if (DROPPED_ELEMENTS.has(name)) {
      pieces.push(PARAGRAPH_BREAK);
      if (markup.startsWith('</') || markup.endsWith('/>') || VOID.has(name)) continue;
      const end = findClosingTag(name, last);
      // An unclosed script or style runs to the end; any other unclosed junk tag is ignored,
      // so that sloppy markup cannot swallow the article.
      if (end === -1 && !RAW_TEXT.has(name)) continue;
      last = end === -1 ? source.length : end;
      MARKUP.lastIndex = last;
    } else if (BLOCK_ELEMENTS.has(name)) {
      pieces.push(PARAGRAPH_BREAK);
    }
  }
  pieces.push(textOf(source.slice(last), mode));
  return pieces
    .join('')
    .split(PARAGRAPH_BREAK)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** How newlines in text runs are read: as whitespace (block markup present) or as paragraph marks. */
type LineMode = 'whitespace' | 'blank-line' | 'newline';

function lineMode(html: string): LineMode {
  if (BLOCK_TAG_PRESENT.test(html)) return 'whitespace';
  return /\n[ \t\u00A0]*\r?\n/.test(html) ? 'blank-line' : 'newline';
}

/** Decodes one run of text between tags, marking paragraph breaks as `mode` says. */
function textOf(raw: string, mode: LineMode): string {
  // After decoding, so that `&#27;` goes the way a typed ESC does.
  const text = stripControlCharacters(decodeHtmlEntities(raw)).replace(INVISIBLE, '');
  if (mode === 'whitespace') return text;
  return text.split(mode === 'blank-line' ? /\n\s*\n/ : /\n/).join(PARAGRAPH_BREAK);
}

// What is left of markup escaped twice (`&amp;#8217;`, `&lt;em&gt;`) after one decoding.
const LEFTOVER_MARKUP = /&(?:#\d{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>/;

/**
 * A title as a reader should see it: plain text on one line. Tags are dropped and entities decoded
 * as {@link htmlToText} does, and a title escaped twice, as feeds often send it
 * (`Kazakhstan&amp;#8217;s`, `&lt;em&gt;record&lt;/em&gt;`), is decoded once more. So a title
 * that is about markup (`Why <div> soup is bad`) loses its tags: a double escape is the more
 * common case.
 *
 * @example
 * ```ts
 * titleText('Kazakhstan&amp;#8217;s <em>record</em> budget'); // "Kazakhstan’s record budget"
 * ```
 */
export function titleText(title: string): string {
  const once = oneLine(htmlToText(title));
  return LEFTOVER_MARKUP.test(once) ? oneLine(htmlToText(once)) : once;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
