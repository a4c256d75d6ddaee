/**
 * Every version of the shipped topics that a release has carried since upgrades exist, by
 * fingerprint (`shipped-history.json`). An upgrade records in the topic's history only the
 * fingerprint of the shipped version it brought in; the next upgrade reads that version back from
 * here as its base. A seeded topic needs no entry: its version 1 is the shipped version itself.
 *
 * When `default-topics.json` changes, add the new version here and keep the old ones
 * (`test/core/topics/shipped-history.test.ts` fails until it is there, and prints the entry).
 */
import type { TopicDefinition } from './topic.js';
import data from './shipped-history.json' with { type: 'json' };

type StoredVersion = { description?: string; include: string[]; exclude: string[] };
const versions = (data as { versions: Record<string, Record<string, StoredVersion>> }).versions;

/**
 * The shipped version of topic `name` with fingerprint `fingerprint` (see `shippedFingerprint`),
 * or undefined when no release shipped it.
 *
 * @example
 * ```ts
 * const base = shippedVersion('central-asia', 'q3V9xw0LbA');
 * ```
 */
export function shippedVersion(name: string, fingerprint: string): TopicDefinition | undefined {
  const stored = versions[name]?.[fingerprint];
  if (stored === undefined) return undefined;
  const def: TopicDefinition = { name, include: [...stored.include], exclude: [...stored.exclude] };
  if (stored.description !== undefined) def.description = stored.description;
  return def;
}

/** Every recorded version, as `[name, fingerprint, definition]`, for the consistency test. */
export function allShippedVersions(): [string, string, TopicDefinition][] {
  return Object.entries(versions).flatMap(([name, byPrint]) =>
    Object.keys(byPrint).flatMap((print): [string, string, TopicDefinition][] => {
      const def = shippedVersion(name, print);
      return def === undefined ? [] : [[name, print, def]];
    }),
  );
}
