/**
 * How global topics and a chat's own topics combine — the pure part of scoped topics.
 *
 * A chat (scope `chat:<id>`) may hold topics of its own. A chat topic whose name matches a global
 * topic is an **overlay**: its include and exclude terms are added on top of the global topic's
 * for that chat only. A chat topic with a new name **stands alone**. A chat can therefore widen a
 * shipped topic (`add-term`) or veto more of it (`exclude`), but never take a global term away;
 * that is what global moderators are for.
 *
 * **One matcher for every chat.** The pipeline matches each article once, against one compiled
 * matcher ({@link allTopicsForMatching}). Global topics keep their names. Every chat topic is
 * compiled as its own topic named `chat:<id>/<name>` ({@link compiledTopicName}), with the
 * overlay already merged with its global topic. Merging before compiling matters: an overlay's
 * exclusion must veto the global topic's hits, and a global strong (`!`) term must override an
 * overlay's exclusion, which no combination of two separate verdicts can decide. The cost is
 * that an overlaid topic's global terms are compiled once more per overlaying chat (the matcher
 * shares identical phrases, so this grows the term list, not the dictionary).
 *
 * To decide whether an article matched topic `T` for a chat, look for the chat's compiled name
 * first and fall back to the global one: {@link resolveCompiledTopic}.
 */
import type { TopicDefinition, TopicScope } from './topic.js';
import type { ChatScope } from './topic-store.js';

/** Separates the scope from the topic name in a compiled chat topic's name. */
const SCOPE_SEPARATOR = '/';

/**
 * Merges an overlay into its global topic: the global terms first, then the overlay's terms that
 * are not already there (compared as written). The overlay's description wins when it has one.
 *
 * @example
 * ```ts
 * mergeOverlay(
 *   { name: 'central-asia', include: ['Kazakh*'], exclude: [] },
 *   { name: 'central-asia', include: ['Baikonur'], exclude: ['Borat'] },
 * ); // { name: 'central-asia', include: ['Kazakh*', 'Baikonur'], exclude: ['Borat'] }
 * ```
 */
export function mergeOverlay(globalTopic: TopicDefinition, overlay: TopicDefinition): TopicDefinition {
  const merged: TopicDefinition = {
    name: globalTopic.name,
    include: union(globalTopic.include, overlay.include),
    exclude: union(globalTopic.exclude, overlay.exclude),
  };
  const description = overlay.description ?? globalTopic.description;
  if (description !== undefined) merged.description = description;
  return merged;
}

/**
 * The topics that apply in one chat: every global topic (merged with the chat's overlay of the same
 * name, if any), then the chat's stand-alone topics, in the order given. Pass no chat topics to
 * get the global list for the `global` scope.
 *
 * @example
 * ```ts
 * const topics = effectiveTopics(globalDefs, chatDefs);
 * compileMatcher(topics); // what this chat would match, named plainly (`central-asia`)
 * ```
 */
export function effectiveTopics(
  globalTopics: readonly TopicDefinition[],
  scopedTopics: readonly TopicDefinition[],
): TopicDefinition[] {
  const overlays = new Map(scopedTopics.map((t) => [t.name, t]));
  const result = globalTopics.map((g) => {
    const overlay = overlays.get(g.name);
    return overlay === undefined ? copy(g) : mergeOverlay(g, overlay);
  });
  const globalNames = new Set(globalTopics.map((g) => g.name));
  for (const t of scopedTopics) if (!globalNames.has(t.name)) result.push(copy(t));
  return result;
}

/**
 * Everything the pipeline compiles into its one matcher: the global topics under their own names,
 * then, per chat scope (in the order given), each chat topic merged with its global topic and
 * renamed `chat:<id>/<name>`. Chats without topics of their own add nothing: they use the global
 * topics as they are.
 *
 * @example
 * ```ts
 * allTopicsForMatching(
 *   [{ name: 'central-asia', include: ['Kazakh*'], exclude: [] }],
 *   new Map([['chat:42', [{ name: 'central-asia', include: [], exclude: ['Borat'] }]]]),
 * ).map((t) => t.name); // ['central-asia', 'chat:42/central-asia']
 * ```
 */
export function allTopicsForMatching(
  globalTopics: readonly TopicDefinition[],
  scopedTopics: ReadonlyMap<ChatScope, readonly TopicDefinition[]>,
): TopicDefinition[] {
  const byName = new Map(globalTopics.map((g) => [g.name, g]));
  const result = globalTopics.map(copy);
  for (const [scope, topics] of scopedTopics) {
    for (const t of topics) {
      const globalTopic = byName.get(t.name);
      const effective = globalTopic === undefined ? copy(t) : mergeOverlay(globalTopic, t);
      result.push({ ...effective, name: compiledTopicName(scope, t.name) });
    }
  }
  return result;
}

/**
 * The name a topic has inside the pipeline's matcher: the plain name for `global`,
 * `chat:<id>/<name>` for a chat's topic.
 */
export function compiledTopicName(scope: TopicScope, name: string): string {
  return scope === 'global' ? name : `${scope}${SCOPE_SEPARATOR}${name}`;
}

/**
 * Splits a compiled topic name back into scope and name (the inverse of {@link compiledTopicName}).
 * Topic names are slugs and never contain `/`, so the last `/` is the separator even when a chat
 * id contains one.
 */
export function parseCompiledTopicName(compiled: string): { scope: TopicScope; name: string } {
  const at = compiled.lastIndexOf(SCOPE_SEPARATOR);
  if (at === -1 || !compiled.startsWith('chat:')) return { scope: 'global', name: compiled };
  return { scope: compiled.slice(0, at) as ChatScope, name: compiled.slice(at + 1) };
}

/**
 * Which compiled topic decides topic `name` for `scope`: the chat's own compiled topic when the
 * matcher has one, else the global topic, else undefined (no such topic in that chat).
 *
 * @example
 * ```ts
 * const matched = new Set(matcher.match(article).map((m) => m.topic));
 * const decisive = resolveCompiledTopic(matcher.topics, 'chat:42', 'central-asia');
 * const deliver = decisive !== undefined && matched.has(decisive);
 * ```
 */
export function resolveCompiledTopic(
  compiledNames: Iterable<string>,
  scope: TopicScope,
  name: string,
): string | undefined {
  const names = compiledNames instanceof Set ? (compiledNames as ReadonlySet<string>) : new Set(compiledNames);
  const own = compiledTopicName(scope, name);
  if (names.has(own)) return own;
  return names.has(name) ? name : undefined;
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

function copy(def: TopicDefinition): TopicDefinition {
  const out: TopicDefinition = { name: def.name, include: [...def.include], exclude: [...def.exclude] };
  if (def.description !== undefined) out.description = def.description;
  return out;
}
