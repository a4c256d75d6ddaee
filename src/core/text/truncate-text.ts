/**
 * Cutting text to a length at the best boundary there is: paragraph, sentence, word.
 */

// A sentence ends at . ! ? followed by whitespace (closing quotes and brackets go with it), or at
// a CJK full stop, which needs no space after it.
const SENTENCE_END = /[.!?]["'”’»)\]]*(?=\s)|[。！？]["'”’」』）)]*/g;
const WHITESPACE = /\s/;
const ELLIPSIS = '…';
// How far back a word boundary is looked for in text that has no spaces (CJK, Thai).
const SEGMENTER_WINDOW = 256;

/**
 * Cuts `text` to at most `maxChars` UTF-16 code units. Text that fits is returned as is. Longer
 * text is cut at the last paragraph break that fits, else at the last sentence end, else after
 * the last whole word followed by `…`; never more than half of `maxChars` is given up to reach a
 * boundary. Only a run of half of `maxChars` with no word boundary in it is cut mid-run.
 *
 * @example
 * ```ts
 * truncateText('One two. Three four five.', 14); // 'One two.'
 * truncateText('Alpha beta gamma', 12); // 'Alpha beta…'
 * ```
 */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const floor = Math.floor(maxChars / 2);
  const paragraph = text.lastIndexOf('\n\n', maxChars);
  if (paragraph >= floor) return text.slice(0, paragraph).trimEnd();
  const sentence = lastSentenceEnd(text, floor, maxChars);
  if (sentence !== undefined) return text.slice(0, sentence);
  // From here an ellipsis says the text goes on, so the text before it gets one less.
  const limit = maxChars - ELLIPSIS.length;
  const cut = lastSpaceAt(text, floor, limit) ?? lastWordBoundary(text, Math.max(floor, limit - SEGMENTER_WINDOW), limit);
  return `${text.slice(0, cut ?? hardCut(text, limit)).trimEnd()}${ELLIPSIS}`;
}

/** End of the last sentence ending within `[floor, max]`. */
function lastSentenceEnd(text: string, floor: number, max: number): number | undefined {
  // One character past `max`, for the look-ahead at a sentence that ends exactly at `max`.
  const window = text.slice(floor, max + 1);
  let end: number | undefined;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(window); match !== null; match = SENTENCE_END.exec(window)) {
    const at = floor + match.index + match[0].length;
    if (at <= max) end = at;
  }
  return end;
}

/** Offset of the last whitespace character in `[floor, max]`. */
function lastSpaceAt(text: string, floor: number, max: number): number | undefined {
  for (let at = max; at >= floor && at > 0; at--) {
    if (WHITESPACE.test(text.charAt(at))) return at;
  }
  return undefined;
}

/** The last word boundary in `(from, max]`, by the locale-independent Unicode word rules. */
function lastWordBoundary(text: string, from: number, max: number): number | undefined {
  // One character past `max`, so that a boundary at `max` itself is seen as one.
  const window = text.slice(from, max + 1);
  let boundary: number | undefined;
  for (const { index } of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(window)) {
    if (index > 0 && from + index <= max) boundary = from + index;
  }
  return boundary;
}

/** `limit`, or one less when that would split a surrogate pair. */
function hardCut(text: string, limit: number): number {
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
