/**
 * A {@link TopicStore} in memory, held to the same contract suite as the Redis store
 * (`test/core/topics/topic-store-contract.ts`), for use-case tests that need no Redis.
 */
import type { TopicScope } from '../../src/core/topics/topic.js';
import { compareScopes } from '../../src/core/topics/topic-store.js';
import type { StoredTopic, TopicStore, TopicVersion } from '../../src/core/topics/topic-store.js';

/** An in-memory topic store; every value going in or out is copied, as a real store would. */
export function createInMemoryTopicStore(): TopicStore {
  // scope -> name -> versions, oldest first.
  const logs = new Map<TopicScope, Map<string, TopicVersion[]>>();
  let revision = 0;

  const logOf = (scope: TopicScope, name: string): TopicVersion[] => logs.get(scope)?.get(name) ?? [];
  const byName = (a: StoredTopic, b: StoredTopic): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const scopes = (): TopicScope[] => [...logs.keys()].sort(compareScopes);

  const liveIn = (scope: TopicScope): StoredTopic[] => {
    const out: StoredTopic[] = [];
    for (const [name, versions] of logs.get(scope) ?? []) {
      const latest = versions.at(-1);
      if (latest !== undefined && !latest.deleted) out.push({ scope, name, latest: structuredClone(latest) });
    }
    return out.sort(byName);
  };

  return {
    async list(scope) {
      return scope === undefined ? scopes().flatMap(liveIn) : liveIn(scope);
    },
    async get(scope, name) {
      const latest = logOf(scope, name).at(-1);
      return latest === undefined ? undefined : structuredClone(latest);
    },
    async history(scope, name, limit) {
      if (limit <= 0) return [];
      return structuredClone(logOf(scope, name).slice(-limit).reverse());
    },
    async append(scope, name, expectedVersion, next) {
      const log = logOf(scope, name);
      if (log.length !== expectedVersion) return { status: 'conflict', currentVersion: log.length };
      const version: TopicVersion = structuredClone({ version: expectedVersion + 1, ...next });
      let topics = logs.get(scope);
      if (topics === undefined) logs.set(scope, (topics = new Map()));
      topics.set(name, [...log, version]);
      revision++;
      return { status: 'appended', version: structuredClone(version) };
    },
    async revision() {
      return revision;
    },
    async listScopes() {
      return scopes();
    },
  };
}
