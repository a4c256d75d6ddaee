/**
 * The fault suite's secrets grep (issue 9): every configured secret (bot tokens, API keys, a Redis
 * password) must be absent from everything kabar wrote during a fault run and from its `/metrics`.
 *
 * @example
 * ```ts
 * const texts = { ...fleet.captured(), metrics: await scrapeMetrics(port) };
 * expectNoSecrets([FAKE_TELEGRAM_TOKEN, discord.token], texts);
 * ```
 */
import { expect } from 'vitest';

/** Secrets shorter than this are not searched: they would match ordinary text (kabar does not scrub them either). */
const MIN_SECRET_LENGTH = 6;

/**
 * Where each secret appears: `"<source>: <secret name>"` per hit, empty when none does. A secret is
 * looked for as given and URL-encoded (as it would sit in a URL); the report names a secret by
 * its first 4 characters only, so that a failing test does not print it in full.
 */
export function findSecrets(secrets: readonly string[], texts: Readonly<Record<string, string>>): string[] {
  const hits: string[] = [];
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`findSecrets: a secret of ${secret.length} characters is too short to look for`);
    const forms = [...new Set([secret, encodeURIComponent(secret)])];
    for (const [source, text] of Object.entries(texts)) {
      if (forms.some((form) => text.includes(form))) hits.push(`${source}: the secret starting ${secret.slice(0, 4)}…`);
    }
  }
  return hits;
}

/** Fails the test when any secret appears in any of `texts` (name -> captured text). */
export function expectNoSecrets(secrets: readonly string[], texts: Readonly<Record<string, string>>): void {
  expect(Object.keys(texts).length, 'expectNoSecrets was given nothing to search').toBeGreaterThan(0);
  expect(findSecrets(secrets, texts)).toEqual([]);
}

/** `GET http://127.0.0.1:PORT/metrics`, as Prometheus would scrape it. */
export async function scrapeMetrics(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (!response.ok) throw new Error(`/metrics on port ${port} answered ${response.status}`);
  return response.text();
}
