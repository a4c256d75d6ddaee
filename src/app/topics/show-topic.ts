/**
 * Reading topics as a scope sees them: `kabar topics list` and `kabar topics show NAME`, and the
 * same commands from a chat.
 */
import { effectiveTopics } from '../../core/topics/effective-topics.js';
import type { TopicDefinition, TopicScope } from '../../core/topics/topic.js';
import type { StoredTopic, TopicVersion } from '../../core/topics/topic-store.js';
import type { TopicRef } from './edit-topic.js';
import { effectiveDefinition, readTopicLayers, resolveTopicRef } from './edit-topic.js';
import { assertTopicScope } from './topic-names.js';
import type { TopicDeps } from './topic-deps.js';

/** Where a topic's terms come from, in one scope. */
export type TopicOrigin = 'global' | 'chat' | 'global+chat';

/** A topic as one scope sees it, in full. */
export interface TopicDetails {
  scope: TopicScope;
  name: string;
  origin: TopicOrigin;
  /** What matching uses in this scope: the global topic with the chat's additions merged in. */
  definition: TopicDefinition;
  /** The latest global version, when the global topic exists. */
  global?: TopicVersion;
  /** In a chat scope, the chat's own latest version: an overlay when `global` is set too. */
  chat?: TopicVersion;
}

/** One line of a topic list. */
export interface TopicSummary {
  name: string;
  description?: string;
  origin: TopicOrigin;
  /** Terms in the effective topic. */
  includeCount: number;
  excludeCount: number;
  globalVersion?: number;
  chatVersion?: number;
  /** The most recent edit of either layer. */
  updatedAt: number;
  updatedBy: string;
}

/**
 * Shows one topic as `scope` (default `global`) sees it.
 *
 * @throws KabarError `permanent`, code `unknown-topic` (also for a deleted topic, saying so).
 * @example
 * ```ts
 * const t = await showTopic({ scope: 'chat:42', name: 'central-asia' }, deps);
 * t.origin; // 'global+chat' once the chat has added terms
 * ```
 */
export async function showTopic(input: TopicRef, { store }: TopicDeps): Promise<TopicDetails> {
  const { scope, name } = resolveTopicRef(input);
  const layers = await readTopicLayers(store, scope, name);
  // Throws unknown-topic unless a live version exists in the scope or globally.
  const definition = effectiveDefinition(layers);
  const ownLive = layers.own !== undefined && !layers.own.deleted ? layers.own : undefined;
  const globalVersion = scope === 'global' ? ownLive : layers.global;
  const chatVersion = scope === 'global' ? undefined : ownLive;
  const details: TopicDetails = { scope, name, origin: originOf(globalVersion, chatVersion), definition };
  if (globalVersion !== undefined) details.global = globalVersion;
  if (chatVersion !== undefined) details.chat = chatVersion;
  return details;
}

/**
 * Lists the topics that apply in `scope` (default `global`): the global topics (with the chat's
 * additions merged in) by name, then the chat's own topics by name. Deleted topics are left out.
 */
export async function listTopics(input: { scope?: TopicScope }, { store }: TopicDeps): Promise<TopicSummary[]> {
  const scope = input.scope ?? 'global';
  assertTopicScope(scope);
  const [globals, chats] = await Promise.all([store.list('global'), scope === 'global' ? [] : store.list(scope)]);
  const globalByName = new Map(globals.map((t) => [t.name, t.latest]));
  const chatByName = new Map(chats.map((t) => [t.name, t.latest]));
  const definitions = (topics: StoredTopic[]): TopicDefinition[] => topics.map((t) => t.latest.definition);
  return effectiveTopics(definitions(globals), definitions(chats)).map((definition) => {
    const globalVersion = globalByName.get(definition.name);
    const chatVersion = chatByName.get(definition.name);
    const latest = [globalVersion, chatVersion].reduce<TopicVersion | undefined>(
      (a, b) => (b !== undefined && (a === undefined || b.at > a.at) ? b : a),
      undefined,
    );
    const summary: TopicSummary = {
      name: definition.name,
      origin: originOf(globalVersion, chatVersion),
      includeCount: definition.include.length,
      excludeCount: definition.exclude.length,
      updatedAt: latest?.at ?? 0,
      updatedBy: latest?.author ?? '',
    };
    if (definition.description !== undefined) summary.description = definition.description;
    if (globalVersion !== undefined) summary.globalVersion = globalVersion.version;
    if (chatVersion !== undefined) summary.chatVersion = chatVersion.version;
    return summary;
  });
}

function originOf(global: TopicVersion | undefined, chat: TopicVersion | undefined): TopicOrigin {
  if (global !== undefined && chat !== undefined) return 'global+chat';
  return chat !== undefined ? 'chat' : 'global';
}
