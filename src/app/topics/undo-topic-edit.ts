/**
 * Undo, as an edit of its own: history stays append-only and an undo can itself be undone.
 */
import { KabarError } from '../../core/errors.js';
import type { TopicEditResult, TopicRef } from './edit-topic.js';
import { editTopic, resolveTopicRef, unknownTopic } from './edit-topic.js';
import type { TopicDeps } from './topic-deps.js';

/** Input of {@link undoTopicEdit}. */
export interface UndoTopicEditInput extends TopicRef {
  author: string;
}

/**
 * Reverts a topic's latest edit: appends a new version that restores the version before it
 * (action `undo v<latest>`). Undoing the first version deletes the topic; undoing a deletion
 * brings the topic back; undoing an undo re-applies the edit. In a chat scope only the chat's own
 * edits are undone.
 *
 * @throws KabarError `permanent`: `unknown-topic`, `nothing-to-undo` (a chat that never edited a
 *   global topic), `invalid-term` if the restored topic no longer passes today's checks.
 * @example
 * ```ts
 * await addTerm({ name: 't', term: 'Osh', author: 'alice' }, deps);     // v2
 * await undoTopicEdit({ name: 't', author: 'bob' }, deps);              // v3 "undo v2" = v1's terms
 * await undoTopicEdit({ name: 't', author: 'alice' }, deps);            // v4 "undo v3" = v2's terms
 * ```
 */
export async function undoTopicEdit(input: UndoTopicEditInput, deps: TopicDeps): Promise<TopicEditResult> {
  const { scope, name } = resolveTopicRef(input);
  return editTopic(
    { scope, name, author: input.author },
    (layers) => {
      const latest = layers.own;
      if (latest === undefined) {
        if (layers.global === undefined) throw unknownTopic(layers);
        throw new KabarError('permanent', `This chat has not edited ${name}, so there is nothing to undo here.`, {
          code: 'nothing-to-undo',
        });
      }
      const action = `undo v${latest.version}`;
      const before = layers.previous;
      if (before === undefined) return { definition: latest.definition, deleted: true, action };
      return { definition: before.definition, deleted: before.deleted, action };
    },
    deps,
  );
}
