import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { feedError, formatBytes } from './feed-errors.js';

/** Options for {@link readBody}. */
export interface ReadBodyOptions {
  /** The response's `Content-Encoding` header, if any. */
  contentEncoding: string | undefined;
  /** The response's `Content-Length` header, if any: a body declared too large is refused unread. */
  contentLength?: string | undefined;
  /** Cap on decompressed bytes (and on bytes received). */
  maxBytes: number;
}

/**
 * Reads a response body, decompressing gzip, deflate (zlib-wrapped or raw) and br as it arrives,
 * and gunzips a body that starts with the gzip magic number even without `Content-Encoding` (a
 * `.xml.gz` served as a plain file). A body labelled gzip that is not gzip is taken as is.
 *
 * Bytes are counted after decompression, and the stream is destroyed the moment the count passes
 * `maxBytes`, so neither an endless body nor a decompression bomb is buffered past the cap.
 *
 * @throws KabarError `too-large`, `bad-encoding` (corrupt or unsupported compression), or
 *   `network` (the connection closed before the body was complete).
 */
export function readBody(stream: Readable, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes } = options;
  const encoding = (options.contentEncoding ?? '').trim().toLowerCase();
  if (!['', 'identity', 'gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) {
    stream.destroy();
    return Promise.reject(feedError('bad-encoding', `the server compressed the feed with "${encoding}", which kabar cannot read`));
  }

  const declared = Number(options.contentLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    stream.destroy();
    return Promise.reject(tooLarge(maxBytes));
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let received = 0;
    let head = Buffer.alloc(0);
    let decoder: Transform | null | undefined; // undefined: not chosen yet; null: none needed
    let settled = false;

    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      stream.destroy();
      decoder?.destroy();
      reject(error);
    };
    const succeed = (): void => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, total));
    };
    const collect = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) {
        fail(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const feed = (chunk: Buffer): void => {
      if (decoder) decoder.write(chunk);
      else collect(chunk);
    };
    const choose = (): void => {
      decoder = pickDecoder(encoding, head);
      if (decoder) {
        decoder.on('data', (chunk: Buffer) => collect(chunk));
        decoder.on('end', succeed);
        decoder.on('error', (cause) =>
          fail(feedError('bad-encoding', `the ${encoding || 'gzip'} body is corrupt or truncated (${cause.message})`, { cause })),
        );
      }
      const first = head;
      head = Buffer.alloc(0);
      if (first.length > 0) feed(first);
    };

    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      // Compressed bytes count too: a body bigger than the cap before decompression is too large.
      if (received > maxBytes) {
        fail(tooLarge(maxBytes));
        return;
      }
      if (decoder === undefined) {
        head = Buffer.concat([head, chunk]);
        // Two bytes decide gzip and zlib sniffing.
        if (head.length >= 2) choose();
        return;
      }
      feed(chunk);
    });
    stream.on('end', () => {
      if (settled) return;
      if (decoder === undefined) choose();
      if (decoder) decoder.end();
      else succeed();
    });
    stream.on('aborted', () => fail(cutShort()));
    stream.on('error', (cause) => fail(cutShort(cause)));
    stream.on('close', () => {
      // 'close' without 'end' means the body was cut short (socket reset, destroyed by a deadline).
      if (!stream.readableEnded) fail(cutShort());
    });
  });
}

function pickDecoder(encoding: string, head: Buffer): Transform | null {
  const [b0 = 0, b1 = 0] = head;
  const gzipMagic = b0 === 0x1f && b1 === 0x8b;
  switch (encoding) {
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      // RFC 9110 deflate is zlib-wrapped (CM 8 and a header checksum); some servers send it raw.
      return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0 ? createInflate() : createInflateRaw();
    default:
      return gzipMagic ? createGunzip() : null;
  }
}

function tooLarge(maxBytes: number): Error {
  return feedError('too-large', `the feed is larger than ${formatBytes(maxBytes)}; download stopped there — ask the publisher for a shorter feed`);
}

function cutShort(cause?: unknown): Error {
  return feedError('network', 'the connection closed before the whole feed arrived; will retry', { cause });
}
