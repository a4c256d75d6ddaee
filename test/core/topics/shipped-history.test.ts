import { describe, expect, it } from 'vitest';
import { defaultTopics } from '../../../src/core/topics/default-topics.js';
import { allShippedVersions, shippedVersion } from '../../../src/core/topics/shipped-history.js';
import { shippedFingerprint } from '../../../src/core/topics/shipped-upgrade.js';

describe('shipped-history.json', () => {
  it('holds the shipped topics of this release, so that the next release can upgrade from them', () => {
    for (const topic of defaultTopics()) {
      const print = shippedFingerprint(topic);
      const entry = { description: topic.description, include: topic.include, exclude: topic.exclude };
      expect(
        shippedVersion(topic.name, print),
        `default-topics.json changed: add to src/core/topics/shipped-history.json, under versions["${topic.name}"], the key "${print}" with ${JSON.stringify(entry).slice(0, 80)}… (keep the older versions)`,
      ).toEqual(topic);
    }
  });

  it('files every version under its own fingerprint', () => {
    const all = allShippedVersions();
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const [name, print, definition] of all) {
      expect(definition.name).toBe(name);
      expect(shippedFingerprint(definition), `${name} ${print}`).toBe(print);
    }
  });

  it('knows nothing of a fingerprint no release shipped', () => {
    expect(shippedVersion('central-asia', 'nope')).toBeUndefined();
    expect(shippedVersion('no-such-topic', shippedFingerprint(defaultTopics()[0] ?? { name: 'x', include: [], exclude: [] }))).toBeUndefined();
  });
});
