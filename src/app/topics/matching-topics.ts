/**
 * Reading every topic in the store into the one list the pipeline compiles.
 */
import { allTopicsForMatching } from '../../core/topics/effective-topics.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import type { ChatScope, TopicStore } from '../../core/topics/topic-store.js';

/**
 * All live topics of all scopes, shaped for one matcher by `allTopicsForMatching`: global topics
 * under their names, each chat topic merged with its global topic and named `chat:<id>/<name>`.
 *
 * @example
 * ```ts
 * compileMatcher(await loadMatchingTopics(store)).topics; // ['abraham-accords', 'central-asia', 'chat:42/central-asia']
 * ```
 */
export async function loadMatchingTopics(store: TopicStore): Promise<TopicDefinition[]> {
  const globalTopics: TopicDefinition[] = [];
  const scoped = new Map<ChatScope, TopicDefinition[]>();
  for (const topic of await store.list()) {
    if (topic.scope === 'global') {
      globalTopics.push(topic.latest.definition);
    } else {
      const list = scoped.get(topic.scope) ?? [];
      list.push(topic.latest.definition);
      scoped.set(topic.scope, list);
    }
  }
  return allTopicsForMatching(globalTopics, scoped);
}
