/**
 * Writing the shipped topics into the store on first start.
 */
import { validateTopic } from '../../core/matching/parse-term.js';
import { defaultTopics } from '../../core/topics/default-topics.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import type { TopicDeps } from './topic-deps.js';

/** The author of shipped topics in their history. */
export const SEED_AUTHOR = 'kabar';

/** Input of {@link seedDefaultTopics}. */
export interface SeedDefaultTopicsInput {
  /** The topics to seed; the shipped defaults (`defaultTopics()`) when left out. */
  topics?: readonly TopicDefinition[];
}

/** What {@link seedDefaultTopics} did. */
export interface SeedResult {
  /** Topics written as version 1. */
  seeded: string[];
  /** Topics left alone because they already exist (edited, or even deleted, by moderators). */
  kept: string[];
}

/**
 * Writes each shipped topic as global version 1 (author `kabar`, action `seed defaults`) unless a
 * topic of that name already exists. The check and the write are one atomic append (expected
 * version 0), so moderator edits are never overwritten, a topic moderators deleted stays deleted,
 * and several processes starting at once seed each topic once. Later releases' changes to the
 * shipped defaults therefore do not reach an existing install by this path.
 *
 * @example
 * ```ts
 * const { seeded } = await seedDefaultTopics({}, { store, clock }); // ['abraham-accords', 'central-asia'] on first start
 * ```
 */
export async function seedDefaultTopics(input: SeedDefaultTopicsInput, { store, clock }: TopicDeps): Promise<SeedResult> {
  const topics = input.topics ?? defaultTopics();
  for (const topic of topics) validateTopic(topic);
  const result: SeedResult = { seeded: [], kept: [] };
  for (const definition of topics) {
    const appended = await store.append('global', definition.name, 0, {
      definition,
      deleted: false,
      author: SEED_AUTHOR,
      at: clock.now(),
      action: 'seed defaults',
    });
    (appended.status === 'appended' ? result.seeded : result.kept).push(definition.name);
  }
  return result;
}
