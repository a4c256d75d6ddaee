/**
 * Short excerpts of original article text around a hit, for explaining why an article matched.
 */

/** Target length of a snippet, in characters, before ellipses are added. */
export const SNIPPET_CHARS = 80;

const SPACE = /\s/u;

// The cuts below test characters one by one; a regular expression per character cost a tenth of
// matching time, so ASCII (most of it) is tested by code, anything else as before.
function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(ch);
}

/**
 * About {@link SNIPPET_CHARS} characters of `text` centred on `text.slice(start, end)`, cut at
 * spaces where possible, with whitespace (line breaks included) collapsed and `…` where the text
 * goes on. The hit itself is always kept whole, even when it is longer than the target.
 *
 * @example
 * ```ts
 * const text = 'Officials said on Monday that Kazakhstan would join the Abraham Accords soon.';
 * snippetAround(text, 56, 71, 40); // '…would join the Abraham Accords soon.'
 * ```
 */
export function snippetAround(text: string, start: number, end: number, width = SNIPPET_CHARS): string {
  const room = Math.max(0, width - (end - start));
  let left = Math.max(0, start - Math.floor(room / 2));
  let right = Math.min(text.length, end + (room - (start - left)));
  left = Math.max(0, left - (room - (start - left) - (right - end)));

  // Move the cuts outward to the nearest space inside the window, so no word is cut in half.
  if (left > 0 && !isSpace(text.charAt(left - 1))) {
    let i = left;
    while (i < start && !isSpace(text.charAt(i))) i++;
    left = i < start ? i + 1 : keepSurrogatePair(text, left);
  }
  if (right < text.length && !isSpace(text.charAt(right))) {
    let i = right;
    while (i > end && !isSpace(text.charAt(i - 1))) i--;
    right = i > end ? i - 1 : keepSurrogatePair(text, right);
  }
  const body = text.slice(left, right).replace(/\s+/gu, ' ').trim();
  return `${left > 0 ? '…' : ''}${body}${right < text.length ? '…' : ''}`;
}

// A cut between the two halves of a surrogate pair would leave a broken character.
function keepSurrogatePair(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}
