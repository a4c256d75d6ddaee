/**
 * Telegram's HTML parse mode, as kabar writes it: feed text escaped, links only to web pages, and
 * lengths counted the way Telegram counts them (after its entity parsing).
 */

/** Telegram's limit on a message's text, in UTF-16 units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

// C0 controls other than tab, line feed and carriage return, and DEL: feeds carry them by accident, and Telegram
// either rejects them or shows boxes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Escapes plain text for Telegram HTML: `&`, `<` and `>` become entities (the three Telegram asks
 * for), so nothing a feed says can open a tag or a link. Control characters are dropped.
 *
 * @example
 * ```ts
 * escapeTelegramHtml('<script>a & b</script>'); // "&lt;script&gt;a &amp; b&lt;/script&gt;"
 * ```
 */
export function escapeTelegramHtml(text: string): string {
  return text.replace(CONTROL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted attribute value (`href="…"`). */
export function escapeTelegramAttribute(text: string): string {
  return escapeTelegramHtml(text).replace(/"/g, '&quot;');
}

/**
 * True for an absolute `http:` or `https:` URL: the only links kabar makes, so that a feed's
 * `javascript:` or `data:` URL stays text.
 */
export function isWebUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The length of an HTML message as Telegram counts it: tags removed, each entity one character
 * (two for a numeric one outside the Basic Multilingual Plane), surrounding whitespace trimmed.
 * Pass it to `splitForLimit` as the measure.
 *
 * @example
 * ```ts
 * telegramVisibleLength('<b>a &amp; b</b>'); // 5
 * ```
 */
export function telegramVisibleLength(html: string): number {
  return telegramVisibleText(html).length;
}

/** The text Telegram shows for an HTML message: tags removed, entities decoded, trimmed. */
export function telegramVisibleText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);/g, (_whole, name: string) => decodeEntity(name))
    .trim();
}

function decodeEntity(name: string): string {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    default: {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
  }
}
