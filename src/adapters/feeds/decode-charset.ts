/** A decoded document and the charset that was used, for logs and tests. */
export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used, e.g. `utf-8`, `windows-1251`, `utf-16le`. */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'utf-16-sniff' | 'content-type' | 'xml-declaration' | 'utf-8-check' | 'fallback';
}

/**
 * Decodes a feed's bytes to text, choosing the charset in this order: byte-order mark, the
 * `charset` of `Content-Type`, the XML declaration's `encoding`, "is it valid UTF-8?", and last
 * windows-1252 (the encoding of most unlabelled legacy feeds; it decodes any byte).
 *
 * A declared charset is skipped when it cannot be right: a `utf-8` label on bytes that are not
 * UTF-8, an unknown label, `us-ascii` (the RFC 3023 default many servers send blindly), or a
 * `utf-16` label on a document whose declaration was readable as ASCII.
 *
 * @example
 * ```ts
 * decodeFeedText(bytes, 'text/xml; charset=windows-1251').charset; // 'windows-1251'
 * ```
 */
export function decodeFeedText(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomCharset(bytes);
  if (bom !== undefined) return { text: decode(bytes, bom), charset: bom, source: 'bom' };
  const sniffed = utf16Sniff(bytes);
  if (sniffed !== undefined) return { text: decode(bytes, sniffed), charset: sniffed, source: 'utf-16-sniff' };

  const candidates: Array<[DecodedText['source'], string | undefined]> = [
    ['content-type', contentTypeCharset(contentType)],
    ['xml-declaration', xmlDeclaredEncoding(bytes)],
  ];
  let utf8: string | null | undefined;
  const strictUtf8 = (): string | null => (utf8 ??= tryStrictUtf8(bytes));

  for (const [source, label] of candidates) {
    const charset = label === undefined ? undefined : canonicalCharset(label);
    if (charset === undefined || charset === 'us-ascii') continue;
    // Both UTF-16 forms would have been caught by the BOM or the sniff; a label saying so lies.
    if (charset === 'utf-16le' || charset === 'utf-16be') continue;
    if (charset === 'utf-8') {
      const text = strictUtf8();
      if (text !== null) return { text, charset, source };
      continue;
    }
    return { text: decode(bytes, charset), charset, source };
  }
  const text = strictUtf8();
  if (text !== null) return { text, charset: 'utf-8', source: 'utf-8-check' };
  return { text: decode(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
}

/**
 * The WHATWG name for a charset label, `'us-ascii'` for ASCII labels (which WHATWG maps to
 * windows-1252, hiding that the label carried no information), or `undefined` when Node's
 * TextDecoder does not know it.
 */
export function canonicalCharset(label: string): string | undefined {
  const trimmed = label.trim().toLowerCase();
  if (/^(us-)?ascii$|^ansi_x3\.4-1968$|^iso646-us$/.test(trimmed)) return 'us-ascii';
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

/** The `charset` parameter of a `Content-Type` value, unquoted. */
export function contentTypeCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match?.[2];
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A `<` and an ASCII character in UTF-16 without a BOM (XML 1.0 appendix F, widened to any tag). */
function utf16Sniff(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x3c && b1 === 0x00 && b2 !== 0x00 && b3 === 0x00) return 'utf-16le';
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 !== 0x00) return 'utf-16be';
  return undefined;
}

function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every ASCII-compatible encoding; latin1 maps bytes 1:1.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const match = /^[\s\S]{0,200}?<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1];
}

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decode(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}
