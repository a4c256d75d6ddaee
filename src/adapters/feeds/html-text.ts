/**
 * HTML named entities that turn up in feeds outside the five XML predefines, usually because the
 * feed was built by pasting HTML. Not the full HTML table: enough for titles and for repairing
 * documents a strict XML parser would otherwise reject; unknown names are left alone.
 */
export const htmlEntities: Readonly<Record<string, number>> = {
  nbsp: 0xa0, iexcl: 0xa1, cent: 0xa2, pound: 0xa3, curren: 0xa4, yen: 0xa5, brvbar: 0xa6, sect: 0xa7,
  uml: 0xa8, copy: 0xa9, ordf: 0xaa, laquo: 0xab, not: 0xac, shy: 0xad, reg: 0xae, macr: 0xaf,
  deg: 0xb0, plusmn: 0xb1, sup2: 0xb2, sup3: 0xb3, acute: 0xb4, micro: 0xb5, para: 0xb6, middot: 0xb7,
  cedil: 0xb8, sup1: 0xb9, ordm: 0xba, raquo: 0xbb, frac14: 0xbc, frac12: 0xbd, frac34: 0xbe, iquest: 0xbf,
  Agrave: 0xc0, Aacute: 0xc1, Acirc: 0xc2, Atilde: 0xc3, Auml: 0xc4, Aring: 0xc5, AElig: 0xc6, Ccedil: 0xc7,
  Egrave: 0xc8, Eacute: 0xc9, Ecirc: 0xca, Euml: 0xcb, Igrave: 0xcc, Iacute: 0xcd, Icirc: 0xce, Iuml: 0xcf,
  ETH: 0xd0, Ntilde: 0xd1, Ograve: 0xd2, Oacute: 0xd3, Ocirc: 0xd4, Otilde: 0xd5, Ouml: 0xd6, times: 0xd7,
  Oslash: 0xd8, Ugrave: 0xd9, Uacute: 0xda, Ucirc: 0xdb, Uuml: 0xdc, Yacute: 0xdd, THORN: 0xde, szlig: 0xdf,
  agrave: 0xe0, aacute: 0xe1, acirc: 0xe2, atilde: 0xe3, auml: 0xe4, aring: 0xe5, aelig: 0xe6, ccedil: 0xe7,
  egrave: 0xe8, eacute: 0xe9, ecirc: 0xea, euml: 0xeb, igrave: 0xec, iacute: 0xed, icirc: 0xee, iuml: 0xef,
  eth: 0xf0, ntilde: 0xf1, ograve: 0xf2, oacute: 0xf3, ocirc: 0xf4, otilde: 0xf5, ouml: 0xf6, divide: 0xf7,
  oslash: 0xf8, ugrave: 0xf9, uacute: 0xfa, ucirc: 0xfb, uuml: 0xfc, yacute: 0xfd, thorn: 0xfe, yuml: 0xff,
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc,
  ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d,
  bdquo: 0x201e, dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032,
  Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, euro: 0x20ac, trade: 0x2122, larr: 0x2190, rarr: 0x2192,
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27,
};

const entityPattern = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * Decodes numeric references and the named entities in {@link htmlEntities}; leaves anything
 * else (and references to invalid code points) as written.
 *
 * @example
 * ```ts
 * decodeEntities('Tom &amp; Jerry &#8211; &hellip;'); // 'Tom & Jerry – …'
 * ```
 */
export function decodeEntities(text: string): string {
  return text.replace(entityPattern, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : htmlEntities[name ?? ''];
    if (code === undefined || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

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
  for (let pass = 0; pass < 2 && /&[#A-Za-z]/.test(result); pass++) result = decodeEntities(result);
  return result.replace(/\s+/g, ' ').trim();
}
