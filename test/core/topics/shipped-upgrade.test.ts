import { describe, expect, it } from 'vitest';
import { planShippedUpgrade, shippedFingerprint } from '../../../src/core/topics/shipped-upgrade.js';
import type { TopicDefinition } from '../../../src/core/topics/topic.js';

const def = (include: string[], exclude: string[] = [], description?: string): TopicDefinition => ({
  name: 't',
  include,
  exclude,
  ...(description === undefined ? {} : { description }),
});

describe('planShippedUpgrade', () => {
  it('brings in shipped additions and removals when moderators changed nothing', () => {
    const plan = planShippedUpgrade(def(['a', 'b'], ['x']), def(['a', 'c'], ['x', 'y']), def(['a', 'b'], ['x']));
    expect(plan.definition).toEqual(def(['a', 'c'], ['x', 'y']));
    expect(plan.added).toEqual([
      { list: 'include', term: 'c' },
      { list: 'exclude', term: 'y' },
    ]);
    expect(plan.removed).toEqual([{ list: 'include', term: 'b' }]);
    expect(plan.kept).toEqual([]);
    expect(plan.changed).toBe(true);
  });

  it("keeps moderators' additions in place and their removals removed", () => {
    const base = def(['a', 'b', 'c']);
    const shipped = def(['a', 'b', 'c', 'd']);
    const current = def(['a', 'mine', 'c']); // moderators removed b and added mine
    const plan = planShippedUpgrade(base, shipped, current);
    expect(plan.definition.include).toEqual(['a', 'mine', 'c', 'd']);
    expect(plan.kept).toEqual([{ list: 'include', term: 'b', why: 'removed-by-moderators' }]);
  });

  it('does not add a shipped term that moderators put in the other list', () => {
    const plan = planShippedUpgrade(def(['a']), def(['a', 'Astana']), def(['a'], ['Astana']));
    expect(plan.definition).toEqual(def(['a'], ['Astana']));
    expect(plan.kept).toEqual([{ list: 'include', term: 'Astana', why: 'listed-elsewhere' }]);
    expect(plan.changed).toBe(false);
  });

  it('treats a shipped term whose text changed as dropped and added', () => {
    const plan = planShippedUpgrade(def(['Kazakh*']), def(['Kazakhstan*']), def(['Kazakh*', 'Borat']));
    expect(plan.definition.include).toEqual(['Borat', 'Kazakhstan*']);
  });

  it("follows the shipped description unless moderators changed it", () => {
    expect(planShippedUpgrade(def([], [], 'old'), def([], [], 'new'), def([], [], 'old')).definition.description).toBe('new');
    const ours = planShippedUpgrade(def([], [], 'old'), def([], [], 'new'), def([], [], 'ours'));
    expect(ours.definition.description).toBe('ours');
    expect(ours.changed).toBe(false);
  });

  it('changes nothing when the shipped version is the base', () => {
    const plan = planShippedUpgrade(def(['a']), def(['a']), def(['b']));
    expect(plan.changed).toBe(false);
    expect(plan.definition).toEqual(def(['b']));
  });
});

describe('shippedFingerprint', () => {
  it('is short, stable, and changes with any term, its order, or the description', () => {
    const print = shippedFingerprint(def(['a', 'b'], ['x'], 'd'));
    expect(print).toMatch(/^[A-Za-z0-9_-]{10}$/u);
    expect(shippedFingerprint(def(['a', 'b'], ['x'], 'd'))).toBe(print);
    expect(shippedFingerprint(def(['b', 'a'], ['x'], 'd'))).not.toBe(print);
    expect(shippedFingerprint(def(['a', 'b'], ['x']))).not.toBe(print);
    expect(shippedFingerprint(def(['a', 'b'], ['x', 'y'], 'd'))).not.toBe(print);
  });
});
