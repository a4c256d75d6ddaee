import { gunzipSync } from 'node:zlib';
import type { ParsedFeed } from '../../core/feed.js';
import { decodeFeedText } from './decode-charset.js';
import { feedError, formatBytes, isFeedError } from './feed-errors.js';
import { parseJsonFeed } from './json-feed.js';
import { parseXmlFeed } from './xml-feed.js';

/** Default cap on a decompressed document: 15 MiB. */
export const DEFAULT_MAX_FEED_BYTES = 15 * 1024 * 1024;

/** Options for {@link parseFeedDocument}. */
export interface ParseFeedOptions {
  /** URL the document came from (its `Content-Location`, if the server sent one); relative links are resolved against it. */
  baseUrl?: string;
  /** The `Content-Language` the server sent: the feed's language when the feed declares none. */
  language?: string;
  /** Cap on the size after gunzip (default {@link DEFAULT_MAX_FEED_BYTES}). */
  maxBytes?: number;
}

/**
 * Turns the raw bytes of a feed document into a {@link ParsedFeed}: gunzips a gzip body, decodes
 * the charset (see `decodeFeedText`), detects JSON Feed vs XML, and parses. Works on files as
 * well as on HTTP bodies.
 *
 * @param body - the document's bytes, as received or read from disk
 * @param contentType - the `Content-Type` header, if any (its charset outranks the XML declaration)
 * @throws KabarError with code `not-a-feed`, `parse-error`, `bad-encoding` or `too-large`;
 *   never any other error.
 * @example
 * ```ts
 * const feed = await parseFeedDocument(await readFile('feed.xml'));
 * for (const item of feed.items) console.log(item.title, item.link);
 * ```
 */
export async function parseFeedDocument(body: Buffer, contentType?: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  try {
    const bytes = gunzipIfGzip(body, options.maxBytes ?? DEFAULT_MAX_FEED_BYTES);
    const { text } = decodeFeedText(bytes, contentType);
    const trimmed = text.replace(/^[\s\uFEFF]+/, '');
    if (trimmed === '') throw feedError('not-a-feed', 'the server sent an empty document');
    const parseOptions = {
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.language === undefined ? {} : { language: options.language }),
    };
    if (trimmed.startsWith('{')) return parseJsonFeed(trimmed, parseOptions);
    if (!trimmed.includes('<')) {
      throw feedError('not-a-feed', 'the document is neither XML nor JSON; it is not a feed');
    }
    return await parseXmlFeed(trimmed, parseOptions);
  } catch (error) {
    if (isFeedError(error)) throw error;
    // Parsers are third-party code; whatever they throw becomes a classified failure.
    const reason = error instanceof Error ? error.message : String(error);
    throw feedError('parse-error', `the feed could not be parsed (${reason})`, { cause: error });
  }
}

function gunzipIfGzip(body: Buffer, maxBytes: number): Buffer {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (cause) {
    if (cause instanceof RangeError || (cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw feedError('too-large', `the feed is larger than ${formatBytes(maxBytes)} once decompressed`, { cause });
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw feedError('bad-encoding', `the gzip data is corrupt or truncated (${reason})`, { cause });
  }
}
