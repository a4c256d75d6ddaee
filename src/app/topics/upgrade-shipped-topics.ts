/**
 * Bringing improved shipped topics into an install whose topics moderators may have edited:
 * `kabar topics upgrade [NAME] [--dry-run]`, and the check `kabar start` logs.
 */
import { KabarError } from '../../core/errors.js';
import { defaultTopics } from '../../core/topics/default-topics.js';
import { shippedVersion } from '../../core/topics/shipped-history.js';
import { planShippedUpgrade, shippedFingerprint } from '../../core/topics/shipped-upgrade.js';
import type { ShippedUpgradePlan } from '../../core/topics/shipped-upgrade.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import type { TopicStore, TopicVersion } from '../../core/topics/topic-store.js';
import { editTopic } from './edit-topic.js';
import type { TopicEditResult } from './edit-topic.js';
import { SEED_AUTHOR } from './seed-default-topics.js';
import type { TopicDeps } from './topic-deps.js';
import { assertTopicName } from './topic-names.js';

/** The action an upgrade records; the fingerprint names the shipped version it brought in. */
const UPGRADE_ACTION = /^upgrade shipped ([A-Za-z0-9_-]+)/u;
const SEED_ACTION = 'seed defaults';

/** Where a shipped topic stands in this install. */
export interface ShippedTopicStatus {
  name: string;
  /**
   * - `available`: the new shipped version would change the topic; see `plan`.
   * - `up-to-date`: nothing to bring in (already upgraded, or the release did not change it, or
   *   every change conflicts with moderators' edits).
   * - `deleted`: moderators deleted the topic; an upgrade leaves it deleted.
   * - `missing`: not in the store yet (the next start seeds it).
   * - `unknown-base`: the topic was not seeded by kabar, or was upgraded to a version this
   *   release does not know, so a merge cannot tell moderators' edits from shipped ones.
   */
  status: 'available' | 'up-to-date' | 'deleted' | 'missing' | 'unknown-base';
  /** Fingerprint of the new shipped version. */
  shipped: string;
  /** Where the base came from: `v1 seed` or `v7 upgrade shipped <fingerprint>`. */
  base?: string;
  /** The merge, for `available` and `up-to-date` topics. */
  plan?: ShippedUpgradePlan;
}

/** Input of {@link shippedTopicUpgrades} and {@link upgradeShippedTopics}. */
export interface ShippedUpgradeInput {
  /** One topic; every shipped topic when left out. */
  name?: string;
  /** The new shipped topics; the release's defaults (`defaultTopics()`) when left out. */
  shipped?: readonly TopicDefinition[];
  /** Reads a shipped version by fingerprint; the release's `shipped-history.json` when left out. */
  lookup?: (name: string, fingerprint: string) => TopicDefinition | undefined;
}

/**
 * Which shipped topics have an upgrade available, without changing anything. Cheap enough for
 * every start: one history read per shipped topic.
 *
 * @throws KabarError `permanent`, code `unknown-topic`, when `name` is not a shipped topic.
 * @example
 * ```ts
 * const waiting = (await shippedTopicUpgrades(topicDeps)).filter((u) => u.status === 'available');
 * for (const u of waiting) log.info(`Shipped topic ${u.name} has an upgrade: kabar topics upgrade ${u.name}`);
 * ```
 */
export async function shippedTopicUpgrades(deps: TopicDeps, input: ShippedUpgradeInput = {}): Promise<ShippedTopicStatus[]> {
  const shipped = selectShipped(input);
  const lookup = input.lookup ?? shippedVersion;
  return Promise.all(shipped.map(async (def) => statusOf(def, await baseOf(deps.store, def.name, lookup))));
}

/** What {@link upgradeShippedTopics} did. */
export interface ShippedUpgradeResult {
  /** Every shipped topic considered, as {@link shippedTopicUpgrades} reports it (before saving). */
  topics: ShippedTopicStatus[];
  /** The versions saved: one per upgraded topic; none on a dry run. */
  saved: TopicEditResult[];
}

/**
 * Merges the new shipped version of each shipped topic (or of `name`) into the topic as moderators
 * left it (see `planShippedUpgrade`: moderators' edits win) and saves the result as one new
 * version per topic, with action `upgrade shipped <fingerprint> (+added -removed)`, so that
 * `undo` takes the whole upgrade back. With `dryRun`, saves nothing. Topics that are deleted,
 * missing, up to date or of unknown base are left alone. An undone upgrade counts as moderators'
 * choice: the topic then reports `up-to-date` until a later release changes the shipped topic.
 *
 * @throws KabarError `permanent`: `unknown-topic` when `name` is not a shipped topic,
 *   `missing-author`, `invalid-term`; `retryable` `edit-conflict` (see `editTopic`).
 * @example
 * ```ts
 * const { saved } = await upgradeShippedTopics({ author: 'cli:ops' }, topicDeps);
 * ```
 */
export async function upgradeShippedTopics(
  input: ShippedUpgradeInput & { author: string; dryRun?: boolean },
  deps: TopicDeps,
): Promise<ShippedUpgradeResult> {
  const topics = await shippedTopicUpgrades(deps, input);
  const saved: TopicEditResult[] = [];
  if (input.dryRun === true) return { topics, saved };
  const shipped = selectShipped(input);
  const lookup = input.lookup ?? shippedVersion;
  for (const status of topics) {
    if (status.status !== 'available') continue;
    const def = shipped.find((t) => t.name === status.name);
    if (def === undefined) continue;
    // The merge is redone on whatever editTopic reads, so an edit saved meanwhile is kept.
    const base = await baseOf(deps.store, def.name, lookup);
    if (base.kind !== 'known') continue;
    const result = await editTopic(
      { scope: 'global', name: def.name, author: input.author },
      (layers) => {
        const current = layers.own;
        if (current === undefined || current.deleted) throw gone(def.name);
        const plan = planShippedUpgrade(base.definition, def, current.definition);
        return { definition: plan.definition, deleted: false, action: upgradeAction(def, plan) };
      },
      deps,
    );
    saved.push(result);
  }
  return { topics, saved };
}

type Base =
  | { kind: 'known'; definition: TopicDefinition; label: string; latest: TopicVersion }
  | { kind: 'deleted' | 'missing' | 'unknown'; label?: string };

/**
 * The shipped version a topic's current state grew from: the one brought in by its latest
 * upgrade, else its seed (version 1 by kabar, which holds the shipped version itself).
 */
async function baseOf(
  store: TopicStore,
  name: string,
  lookup: (name: string, fingerprint: string) => TopicDefinition | undefined,
): Promise<Base> {
  const latest = await store.get('global', name);
  if (latest === undefined) return { kind: 'missing' };
  if (latest.deleted) return { kind: 'deleted' };
  const versions = await store.history('global', name, latest.version);
  for (const version of versions) {
    const print = UPGRADE_ACTION.exec(version.action)?.[1];
    if (print === undefined) continue;
    const label = `v${version.version} upgrade shipped ${print}`;
    const definition = lookup(name, print);
    return definition === undefined ? { kind: 'unknown', label } : { kind: 'known', definition, label, latest };
  }
  const first = versions.at(-1);
  if (first?.version === 1 && first.author === SEED_AUTHOR && first.action === SEED_ACTION) {
    return { kind: 'known', definition: first.definition, label: 'v1 seed', latest };
  }
  return { kind: 'unknown' };
}

function statusOf(def: TopicDefinition, base: Base): ShippedTopicStatus {
  const shipped = shippedFingerprint(def);
  const status: ShippedTopicStatus = { name: def.name, status: 'unknown-base', shipped };
  if (base.label !== undefined) status.base = base.label;
  if (base.kind !== 'known') {
    if (base.kind !== 'unknown') status.status = base.kind;
    return status;
  }
  status.plan = planShippedUpgrade(base.definition, def, base.latest.definition);
  status.status = status.plan.changed ? 'available' : 'up-to-date';
  return status;
}

function selectShipped(input: ShippedUpgradeInput): TopicDefinition[] {
  const shipped = [...(input.shipped ?? defaultTopics())];
  if (input.name === undefined) return shipped;
  assertTopicName(input.name);
  const one = shipped.filter((t) => t.name === input.name);
  if (one.length === 0) {
    throw new KabarError(
      'permanent',
      `"${input.name}" is not a shipped topic; the shipped topics are ${shipped.map((t) => t.name).join(', ')}.`,
      { code: 'unknown-topic' },
    );
  }
  return one;
}

function upgradeAction(def: TopicDefinition, plan: ShippedUpgradePlan): string {
  const kept = plan.kept.length > 0 ? `, ${plan.kept.length} moderator edits kept` : '';
  return `upgrade shipped ${shippedFingerprint(def)} (+${plan.added.length} -${plan.removed.length}${kept})`;
}

function gone(name: string): KabarError {
  return new KabarError('permanent', `Topic "${name}" was deleted while it was being upgraded; nothing was saved.`, {
    code: 'unknown-topic',
  });
}
