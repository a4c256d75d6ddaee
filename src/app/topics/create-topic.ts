/**
 * Creating and deleting whole topics. Both are versions like any edit, so either can be undone.
 */
import { KabarError } from '../../core/errors.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import type { TopicEditResult, TopicRef } from './edit-topic.js';
import { editTopic, ownDefinition, resolveTopicRef, unknownTopic } from './edit-topic.js';
import { isExclusionMarked, termShape, withoutExclusionMarker } from './term-identity.js';
import type { TopicDeps } from './topic-deps.js';

/** Input of {@link createTopic}. */
export interface CreateTopicInput extends TopicRef {
  description?: string;
  /** Include terms; `-term` entries become exclusions, as in `add-term`. */
  include?: readonly string[];
  exclude?: readonly string[];
  author: string;
}

/** Input of {@link deleteTopic}. */
export interface DeleteTopicInput extends TopicRef {
  author: string;
}

/**
 * Creates a topic (version 1, or the next version of a topic deleted earlier). In a chat scope, a
 * name that is also a global topic creates the chat's overlay of it (see `effective-topics.ts`).
 *
 * @throws KabarError `permanent`: `invalid-topic-name` (names are lower-case slugs of at most 40
 *   characters), `topic-exists`, `duplicate-term`, `invalid-term`.
 * @example
 * ```ts
 * await createTopic({ name: 'gulf-trade', include: ['Gulf + trade'], author: 'alice' }, deps);
 * ```
 */
export async function createTopic(input: CreateTopicInput, deps: TopicDeps): Promise<TopicEditResult> {
  const { scope, name } = resolveTopicRef(input);
  const definition = buildDefinition(name, input);
  return editTopic(
    { scope, name, author: input.author },
    (layers) => {
      if (ownDefinition(layers) !== undefined) {
        throw new KabarError('permanent', `Topic "${name}" already exists — add terms to it instead.`, { code: 'topic-exists' });
      }
      return { definition, deleted: false, action: 'create' };
    },
    deps,
  );
}

/**
 * Deletes a topic: appends a version marked deleted, which `undo` reverts. Deleting a chat's
 * overlay returns the chat to the plain global topic; a chat cannot delete a global topic.
 *
 * @throws KabarError `permanent`: `unknown-topic`, `global-topic`.
 */
export async function deleteTopic(input: DeleteTopicInput, deps: TopicDeps): Promise<TopicEditResult> {
  const { scope, name } = resolveTopicRef(input);
  return editTopic(
    { scope, name, author: input.author },
    (layers) => {
      const own = ownDefinition(layers);
      if (own !== undefined) return { definition: own, deleted: true, action: 'delete' };
      if (layers.global !== undefined) {
        throw new KabarError(
          'permanent',
          `"${name}" is a global topic; a chat can only delete the topics and additions it made itself.`,
          { code: 'global-topic' },
        );
      }
      throw unknownTopic(layers);
    },
    deps,
  );
}

function buildDefinition(name: string, input: CreateTopicInput): TopicDefinition {
  const include: string[] = [];
  const exclude: string[] = [];
  const shapes = new Map<string, string>();
  const add = (list: string[], raw: string): void => {
    const term = raw.trim();
    // One shape per topic, whatever the list: twice the same words is a typo, not a rule.
    const shape = termShape(withoutExclusionMarker(term));
    const earlier = shapes.get(shape);
    if (earlier !== undefined) {
      throw new KabarError('permanent', `"${term}" is given twice for topic ${name} (also as "${earlier}").`, {
        code: 'duplicate-term',
      });
    }
    shapes.set(shape, term);
    list.push(term);
  };
  for (const raw of input.include ?? []) {
    if (isExclusionMarked(raw)) add(exclude, withoutExclusionMarker(raw));
    else add(include, raw);
  }
  for (const raw of input.exclude ?? []) add(exclude, withoutExclusionMarker(raw));
  const definition: TopicDefinition = { name, include, exclude };
  if (input.description !== undefined) definition.description = input.description;
  return definition;
}
