/**
 * Short, fixed-length, key-safe digests.
 */
import { createHash } from 'node:crypto';

/** Length of {@link shortHash}'s output: 22 base64url characters carry 132 bits. */
export const SHORT_HASH_LENGTH = 22;

/**
 * The first {@link SHORT_HASH_LENGTH} characters of the base64url SHA-256 of `text` (UTF-8).
 * Only `A-Z a-z 0-9 - _` appear, so the result is safe in Redis keys, BullMQ job ids and URLs.
 *
 * @example
 * ```ts
 * shortHash('https://example.com/a'); // 22 characters, always the same for the same input
 * ```
 */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, SHORT_HASH_LENGTH);
}
