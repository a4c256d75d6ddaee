/**
 * What the topic use cases need from the world, handed in as one object.
 */
import type { Clock } from '../../core/ports.js';
import type { TopicStore } from '../../core/topics/topic-store.js';

/**
 * The dependencies of every topic use case: where topics are kept, and the time edits are stamped
 * with.
 *
 * @example
 * ```ts
 * const deps: TopicDeps = { store: createRedisTopicStore(redis, '{kabar}:'), clock: { now: Date.now } };
 * await addTerm({ name: 'central-asia', term: 'Kazakh*', author: 'cli:ops' }, deps);
 * ```
 */
export interface TopicDeps {
  store: TopicStore;
  clock: Clock;
}
