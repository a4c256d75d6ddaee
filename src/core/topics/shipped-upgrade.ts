/**
 * Bringing a new release's shipped topic into a topic that moderators have edited: a three-way
 * merge, term by term, of the shipped version the topic started from (the base), the new shipped
 * version, and the topic as it is now. Moderators' edits win.
 */
import { shortHash } from '../short-hash.js';
import type { TopicDefinition } from './topic.js';

/** The two term lists of a topic. */
export type TermListName = 'include' | 'exclude';

/** One term in one list. */
export interface ListedTerm {
  list: TermListName;
  term: string;
}

/** A shipped change that the merge did not apply, and why. */
export interface KeptEdit extends ListedTerm {
  /** `removed-by-moderators`: shipped still has it; `listed-elsewhere`: moderators put it in the other list. */
  why: 'removed-by-moderators' | 'listed-elsewhere';
}

/** What an upgrade would do to one topic. */
export interface ShippedUpgradePlan {
  /** The topic after the upgrade. */
  definition: TopicDefinition;
  /** Terms the new shipped version adds that the topic gains. */
  added: ListedTerm[];
  /** Terms the new shipped version drops that the topic loses (moderators had left them as shipped). */
  removed: ListedTerm[];
  /** Shipped changes left out because moderators' edits win. */
  kept: KeptEdit[];
  /** The description changes too (moderators had not changed it). */
  describes: boolean;
  /** True when the topic would change at all. */
  changed: boolean;
}

const LISTS: readonly TermListName[] = ['include', 'exclude'];

/**
 * A short fingerprint of a shipped topic's content (description and both lists, in order), used
 * to record in a topic's history which shipped version an upgrade brought in.
 *
 * @example
 * ```ts
 * shippedFingerprint(defaultTopics()[0]!); // e.g. 'q3V9xw0LbA'
 * ```
 */
export function shippedFingerprint(def: TopicDefinition): string {
  return shortHash(JSON.stringify([def.description ?? null, def.include, def.exclude])).slice(0, 10);
}

/**
 * Merges the new shipped version of a topic into the topic as moderators left it.
 *
 * Per list, terms compared as written (trimmed):
 * - a term shipped before and now dropped is removed, unless moderators had already removed it;
 * - a term the new version adds is added at the end of its list, unless it is already there or
 *   moderators put it in the other list (then it is reported in `kept`);
 * - a term moderators removed stays removed even if the new version still ships it (reported in
 *   `kept` when the new version ships it);
 * - terms moderators added stay, in their place.
 *
 * A shipped term whose text changed counts as dropped and added. The description follows the new
 * version unless moderators changed it.
 *
 * @example
 * ```ts
 * const plan = planShippedUpgrade(seeded, defaultTopics()[1]!, current);
 * plan.added;   // [{ list: 'include', term: 'Тоқаев*' }, ...]
 * plan.changed; // false when there is nothing to bring in
 * ```
 */
export function planShippedUpgrade(base: TopicDefinition, shipped: TopicDefinition, current: TopicDefinition): ShippedUpgradePlan {
  const trimmed = (terms: readonly string[]): string[] => terms.map((t) => t.trim());
  const result: Record<TermListName, string[]> = { include: trimmed(current.include), exclude: trimmed(current.exclude) };
  const plan: Omit<ShippedUpgradePlan, 'definition' | 'changed'> = { added: [], removed: [], kept: [], describes: false };

  for (const list of LISTS) {
    const other: TermListName = list === 'include' ? 'exclude' : 'include';
    const was = new Set(trimmed(base[list]));
    const now = new Set(trimmed(shipped[list]));
    const mine = new Set(result[list]);
    const elsewhere = new Set(result[other]);
    for (const term of was) {
      if (now.has(term)) {
        if (!mine.has(term)) plan.kept.push({ list, term, why: 'removed-by-moderators' });
      } else if (mine.has(term)) {
        plan.removed.push({ list, term });
      }
    }
    const dropped = new Set(plan.removed.filter((r) => r.list === list).map((r) => r.term));
    result[list] = result[list].filter((term) => !dropped.has(term));
    for (const term of now) {
      if (was.has(term) || mine.has(term)) continue;
      if (elsewhere.has(term)) {
        plan.kept.push({ list, term, why: 'listed-elsewhere' });
        continue;
      }
      result[list].push(term);
      plan.added.push({ list, term });
    }
  }

  const definition: TopicDefinition = { name: current.name, include: result.include, exclude: result.exclude };
  let description = current.description;
  if (current.description === base.description && shipped.description !== base.description) {
    description = shipped.description;
    plan.describes = true;
  }
  if (description !== undefined) definition.description = description;
  const changed = plan.added.length > 0 || plan.removed.length > 0 || plan.describes;
  return { ...plan, definition, changed };
}
