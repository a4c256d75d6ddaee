/**
 * Characters a feed must not be able to put in front of a terminal, a log reader or a chat:
 * control characters and the bidi overrides that reorder what is shown.
 */

// C0 controls but tab and line feed, DEL, C1 controls, the bidi embeddings and overrides
// (U+202A-U+202E) and isolates (U+2066-U+2069). CR is matched with an LF after it, so that CRLF
// becomes one line break. LRM/RLM (U+200E/U+200F) and ALM (U+061C) stay: Arabic, Persian and
// Hebrew text needs them, and they cannot hide or reorder anything beyond a mark's width.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /\r\n?|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Removes control characters (C0 except tab and line feed, DEL, C1) and bidi override, embedding
 * and isolate characters from feed text. Without this, a feed could send ESC sequences that
 * recolour, clear or retitle the terminal running `kabar fetch` or reading the logs, or reverse
 * a title's text in a chat (`\u202E`). Characters that separate text keep words apart: CR, CRLF
 * and NEL become a line feed, vertical tab and form feed a space.
 *
 * @example
 * ```ts
 * stripControlCharacters('\u001b[31mRed\u001b[0m alert\r\nfor \u202Eevil'); // 'Red alert\nfor evil'
 * ```
 */
export function stripControlCharacters(text: string): string {
  return text.replace(UNSAFE, (unsafe) => {
    if (unsafe.startsWith('\r') || unsafe === '\u0085') return '\n';
    return unsafe === '\u000B' || unsafe === '\u000C' ? ' ' : '';
  });
}
