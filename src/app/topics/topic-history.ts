/**
 * A topic's history: `kabar topics history NAME`.
 */
import { KabarError } from '../../core/errors.js';
import type { TopicVersion } from '../../core/topics/topic-store.js';
import type { TopicRef } from './edit-topic.js';
import { resolveTopicRef, unknownTopic } from './edit-topic.js';
import type { TopicDeps } from './topic-deps.js';

/** Versions shown when no limit is given. */
export const DEFAULT_HISTORY_LIMIT = 20;
/** Most versions one call returns. */
export const MAX_HISTORY_LIMIT = 100;

/** Input of {@link topicHistory}. */
export interface TopicHistoryInput extends TopicRef {
  /** 1 to {@link MAX_HISTORY_LIMIT}; default {@link DEFAULT_HISTORY_LIMIT}. */
  limit?: number;
}

/**
 * The latest versions of a topic in `scope` (default `global`), newest first. A chat's history
 * holds only the chat's own edits; it is empty when the chat never edited a global topic.
 *
 * @throws KabarError `permanent`: `unknown-topic` when the topic exists in neither the scope nor
 *   globally; `invalid-limit`.
 * @example
 * ```ts
 * const [latest] = await topicHistory({ name: 'central-asia', limit: 5 }, deps);
 * `v${latest.version} ${latest.action} by ${latest.author}`; // 'v7 exclude "Borat" by alice'
 * ```
 */
export async function topicHistory(input: TopicHistoryInput, { store }: TopicDeps): Promise<TopicVersion[]> {
  const { scope, name } = resolveTopicRef(input);
  const limit = input.limit ?? DEFAULT_HISTORY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
    throw new KabarError('permanent', `The history limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}; got ${limit}.`, {
      code: 'invalid-limit',
    });
  }
  const versions = await store.history(scope, name, limit);
  if (versions.length > 0) return versions;
  const global = scope === 'global' ? undefined : await store.get('global', name);
  if (global === undefined) throw unknownTopic({ scope, name, own: undefined, previous: undefined, global: undefined });
  return [];
}
