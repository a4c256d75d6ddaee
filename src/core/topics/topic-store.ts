/**
 * The port for topics that moderators edit: versioned, append-only storage per scope and name.
 *
 * Every edit appends a full snapshot of the topic (never a diff), so history, undo and auditing
 * need no replay, and a version can be shown on its own. Implementations: the Redis adapter
 * (`adapters/redis/topic-store.ts`) and the in-memory fake (`test/fakes/in-memory-topic-store.ts`),
 * both held to one contract test suite.
 */
import type { TopicDefinition, TopicScope } from './topic.js';

/** A scope that belongs to one chat (or subscription): `chat:<id>`. */
export type ChatScope = Exclude<TopicScope, 'global'>;

/** One version of one topic, as appended by an edit. */
export interface TopicVersion {
  /** 1 for the first version of a topic, then +1 per edit, with no gaps. */
  version: number;
  /**
   * The whole topic after this edit. For a deletion it is the definition that was deleted, so that
   * `show` and `undo` still know what it held.
   */
  definition: TopicDefinition;
  /** True when this version deleted the topic. */
  deleted: boolean;
  /** Who made the edit: a moderator's handle, `cli:<user>`, or `kabar` for shipped defaults. */
  author: string;
  /** When (epoch ms). */
  at: number;
  /** What the edit did, for people: `add-term "Kazakh*"`, `exclude "Lincoln"`, `undo v3`, `seed defaults`. */
  action: string;
}

/** What {@link TopicStore.append} is given: a version without its number, which the store assigns. */
export type NewTopicVersion = Omit<TopicVersion, 'version'>;

/** A topic's latest version, with where it lives. */
export interface StoredTopic {
  scope: TopicScope;
  name: string;
  /** The latest version; never a deletion in {@link TopicStore.list}. */
  latest: TopicVersion;
}

/** The outcome of {@link TopicStore.append}. */
export type AppendResult =
  | { readonly status: 'appended'; readonly version: TopicVersion }
  /** Someone else edited first: `currentVersion` is the topic's latest version (0: none). */
  | { readonly status: 'conflict'; readonly currentVersion: number };

/**
 * Versioned topic storage.
 *
 * Edits are optimistic: read the latest version, compute the new definition, then
 * {@link TopicStore.append} with the version that was read. If another edit landed in between, the
 * append changes nothing and reports a conflict, and the caller re-reads and tries again. No
 * lock is held while a moderator types.
 *
 * @example
 * ```ts
 * const latest = await store.get('global', 'central-asia');
 * const expected = latest?.version ?? 0;
 * const result = await store.append('global', 'central-asia', expected, {
 *   definition: { ...latest!.definition, include: [...latest!.definition.include, 'Kazakh*'] },
 *   deleted: false, author: 'alice', at: clock.now(), action: 'add-term "Kazakh*"',
 * });
 * if (result.status === 'conflict') { ... re-read and retry ... }
 * ```
 */
export interface TopicStore {
  /**
   * The live (not deleted) topics of one scope, or of every scope when `scope` is left out,
   * ordered by scope (`global` first) and then by name.
   */
  list(scope?: TopicScope): Promise<StoredTopic[]>;
  /** The latest version of a topic, deletions included; undefined when it never existed. */
  get(scope: TopicScope, name: string): Promise<TopicVersion | undefined>;
  /** Up to `limit` versions of a topic, newest first; empty when it never existed. */
  history(scope: TopicScope, name: string, limit: number): Promise<TopicVersion[]>;
  /**
   * Appends version `expectedVersion + 1` when the topic's latest version is still
   * `expectedVersion` (0: the topic must not exist yet, not even as a deletion), and bumps the
   * {@link TopicStore.revision}. Otherwise appends nothing and reports the conflict.
   */
  append(scope: TopicScope, name: string, expectedVersion: number, next: NewTopicVersion): Promise<AppendResult>;
  /**
   * A counter that grows with every append in every scope: cheap to poll, so that matchers notice
   * edits without reading topics. 0 before the first append.
   */
  revision(): Promise<number>;
  /** Every scope that has ever held a topic, `global` first, then in lexical order. */
  listScopes(): Promise<TopicScope[]>;
}

/** Orders scopes as the store contract lists them: `global` first, then lexically. */
export function compareScopes(a: TopicScope, b: TopicScope): number {
  if (a === b) return 0;
  if (a === 'global') return -1;
  if (b === 'global') return 1;
  return a < b ? -1 : 1;
}
