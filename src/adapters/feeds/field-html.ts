import { stripControlCharacters } from '../../core/text/control-characters.js';
import { htmlToText, titleText as coreTitleText } from '../../core/text/html-to-text.js';
import { nonBlank } from './feed-item.js';
import { textContent, type XmlChild, type XmlElement } from './xml-tree.js';

/**
 * The core reads every feed field it shows (title, summary, content) as HTML (see `htmlToText`).
 * These functions turn what a feed element holds into that HTML, according to what the element
 * says it holds, so that the core's one HTML-to-text step gives the text as the outlet wrote it:
 * markup in document order, and literal text kept literal.
 */

// HTML element names, to tell markup in a title that should be plain text from text that merely
// looks like a tag (`<blink>`, `<Name>`): only real HTML elements make a title HTML.
const HTML_ELEMENTS = new Set(
  ('a abbr address article aside audio b bdi bdo big blockquote br button caption center cite code col dd del ' +
    'details dfn div dl dt em embed figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i iframe img ' +
    'input ins kbd label li main mark nav noscript object ol p picture pre q s samp script section select small ' +
    'source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time tr tt ' +
    'u ul var video wbr').split(' '),
);
const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>|<!--/g;
// Elements without an end tag in HTML.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Text to hand the core as HTML, escaped just enough that `htmlToText` gives it back unchanged:
 * `<` and `>` always, `&` where it could start an entity (`AT&T`, `&lt;`), not in `Q & A`.
 *
 * @example
 * ```ts
 * textAsHtml('<blink> & AT&T'); // '&lt;blink&gt; & AT&amp;T'
 * ```
 */
export function textAsHtml(text: string): string {
  return text.replace(/&(?=[#A-Za-z\r\n])/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * HTML of an Atom text construct (`title`, `subtitle`, `summary`, `content`, `rights`) by its
 * `type`: `text` (the default) is escaped, `html` is taken as is, `xhtml` is serialized in document
 * order. Atom 0.3's MIME types (`text/plain`, `text/html`, `application/xhtml+xml`) and `mode`
 * (`escaped`, `xml`, `base64`) are read too. Markup inside an element that claims to hold text
 * is kept, so its words are not lost.
 */
export function atomConstructHtml(element: XmlElement): string {
  const type = (element.attributes.type ?? '').trim().toLowerCase();
  const mode = (element.attributes.mode ?? '').trim().toLowerCase();
  const html = type === 'html' || type === 'text/html' || mode === 'escaped';
  if (mode === 'base64') {
    const decoded = decodeBase64(textContent(element));
    return html || type.includes('xhtml') || type.includes('xml') ? decoded : textAsHtml(decoded);
  }
  if (hasElementChildren(element)) return childrenHtml(element.children);
  const text = textContent(element);
  return html ? text : textAsHtml(text);
}

/**
 * HTML of an RSS field that is HTML by convention (`description`, `content:encoded`,
 * `itunes:summary`...): escaped HTML as is, and unescaped inline markup (`xhtml:body`, a
 * `<description>` holding `<p>` elements) serialized in document order.
 */
export function rssHtml(element: XmlElement): string {
  return hasElementChildren(element) ? childrenHtml(element.children) : textContent(element);
}

/**
 * The text of an RSS (or JSON Feed) title. Such titles are plain text by the specifications and
 * HTML in practice (`&lt;b&gt;`, or escaped twice: `&amp;amp;`). A title is read as HTML when it
 * holds a real HTML element or a comment, else as text in which entities are decoded once and
 * `<`, `>` are literal (`Why <blink> died`).
 */
export function looseTitleText(element: XmlElement | string): string | undefined {
  if (typeof element !== 'string' && hasElementChildren(element)) return titleText(childrenHtml(element.children));
  const text = typeof element === 'string' ? element : textContent(element);
  if (looksLikeHtml(text)) return titleText(text);
  return oneLine(htmlToText(text.replace(/</g, '&lt;').replace(/>/g, '&gt;')));
}

/** The text of an Atom title: a `type="text"` title exactly as written, others read as HTML. */
export function atomTitleText(element: XmlElement): string | undefined {
  const type = (element.attributes.type ?? 'text').trim().toLowerCase();
  const plain = (type === 'text' || type === 'text/plain') && element.attributes.mode === undefined && !hasElementChildren(element);
  return plain ? oneLine(stripControlCharacters(textContent(element))) : titleText(atomConstructHtml(element));
}

/**
 * A title's plain text out of its HTML, on one line, read the way the core reads titles (its
 * `titleText`: scripts, styles and comments dropped, a title escaped twice decoded twice).
 *
 * @example
 * ```ts
 * titleText('Breaking: <b>Astana</b> summit<script>x()</script>'); // 'Breaking: Astana summit'
 * ```
 */
export function titleText(html: string): string | undefined {
  // Most titles hold neither markup nor entities; they need no HTML reading.
  return oneLine(html.includes('<') || html.includes('&') ? coreTitleText(html) : stripControlCharacters(html));
}

function oneLine(text: string): string | undefined {
  return nonBlank(text.replace(/\s+/g, ' '));
}

/**
 * A title for a {@link FeedItem}: its plain text, escaped into HTML so that the core's
 * `titleText` gives exactly that text again, so `kabar fetch --json` shows what readers will see.
 * The core decodes a title a second time when the first pass leaves something that looks like
 * markup (`<blink>`, `&amp;`); such a text is escaped twice, so the second pass gives it back.
 */
export function titleAsHtml(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const once = textAsHtml(text);
  if (!/[&<]/.test(text) || coreTitleText(once) === text) return once;
  return textAsHtml(once);
}

function looksLikeHtml(text: string): boolean {
  if (!text.includes('<')) return false;
  for (const match of text.matchAll(HTML_TAG)) {
    const name = match[1];
    if (name === undefined || HTML_ELEMENTS.has(name.toLowerCase())) return true;
  }
  return false;
}

function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((child) => typeof child !== 'string');
}

/** Serializes children as HTML in document order: local names (no prefixes), text escaped. */
function childrenHtml(children: readonly XmlChild[]): string {
  let html = '';
  for (const child of children) {
    if (typeof child === 'string') {
      html += escapeText(child);
      continue;
    }
    const name = child.local.toLowerCase();
    html += `<${name}${attributesHtml(child.attributes)}>`;
    if (VOID.has(name)) continue;
    html += `${childrenHtml(child.children)}</${name}>`;
  }
  return html;
}

function attributesHtml(attributes: Readonly<Record<string, string>>): string {
  let html = '';
  for (const name in attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || !/^[A-Za-z_][\w.:-]*$/.test(name)) continue;
    html += ` ${name}="${escapeText(attributes[name] ?? '').replace(/"/g, '&quot;')}"`;
  }
  return html;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeBase64(text: string): string {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return '';
  return Buffer.from(compact, 'base64').toString('utf8');
}
