import { stripControlCharacters } from '../../core/text/control-characters.js';
import { decodeHtmlEntities } from '../../core/text/html-entities.js';

/**
 * Turns a title that may carry HTML (Atom `type="html"`, or an RSS title escaped twice) into
 * plain text: tags dropped, entities decoded, whitespace collapsed. Plain text passes through
 * unchanged apart from whitespace, so `a < b` survives.
 *
 * @example
 * ```ts
 * plainText('  <b>Breaking</b>:&#32;AT&amp;amp;T  '); // 'Breaking: AT&T'
 * ```
 */
export function plainText(text: string): string {
  let result = text;
  if (/<[A-Za-z/!]/.test(result)) {
    // Block tags separate words; inline tags (<b>, <em>, <a>) sit inside them.
    result = result
      .replace(/<!--[\s\S]*?-->|<\/?(?:br|p|div|li|h[1-6]|tr|td|blockquote)\b[^>]*>/gi, ' ')
      .replace(/<\/?[A-Za-z][^>]*>/g, '');
  }
  // Decode twice at most: "&amp;amp;" is a common double-escape; more would eat real text.
  for (let pass = 0; pass < 2 && /&[#A-Za-z]/.test(result); pass++) result = decodeHtmlEntities(result);
  return stripControlCharacters(result).replace(/\s+/g, ' ').trim();
}
