/**
 * The one way every topic edit is saved: read, change, validate, append with the version read,
 * and start over when another moderator saved first.
 */
import { KabarError } from '../../core/errors.js';
import { validateTopic } from '../../core/matching/parse-term.js';
import { mergeOverlay } from '../../core/topics/effective-topics.js';
import type { TopicDefinition, TopicScope } from '../../core/topics/topic.js';
import type { TopicStore, TopicVersion } from '../../core/topics/topic-store.js';
import type { TopicDeps } from './topic-deps.js';
import { assertTopicName, assertTopicScope } from './topic-names.js';

/**
 * How many times an edit is tried before giving up. Each conflict means another edit of the same
 * topic was saved, so a handful of attempts only fails under a flood of edits to one topic.
 */
export const MAX_EDIT_ATTEMPTS = 5;

/** Names a topic in one scope; the scope defaults to `global`. */
export interface TopicRef {
  scope?: TopicScope;
  name: string;
}

/** A topic as one scope sees it: its own versions and, for a chat, the global topic it overlays. */
export interface TopicLayers {
  scope: TopicScope;
  name: string;
  /** The latest version in `scope`, deletions included; undefined when never created there. */
  own: TopicVersion | undefined;
  /** The version before `own`, if any. */
  previous: TopicVersion | undefined;
  /** In a chat scope: the global topic of the same name when it exists and is not deleted. */
  global: TopicVersion | undefined;
}

/** What an edit turns a topic into. */
export interface TopicChange {
  definition: TopicDefinition;
  deleted: boolean;
  /** For the history: `add-term "Kazakh*"`, `undo v3`. */
  action: string;
}

/** A saved edit. */
export interface TopicEditResult {
  scope: TopicScope;
  name: string;
  /** The version the edit created. */
  version: TopicVersion;
  /** 1 unless the edit had to be redone after another moderator saved first. */
  attempts: number;
}

/**
 * Checks a topic reference and fills in the default scope.
 *
 * @throws KabarError `permanent` with code `invalid-topic-name` or `invalid-scope`.
 */
export function resolveTopicRef(ref: TopicRef): { scope: TopicScope; name: string } {
  const scope = ref.scope ?? 'global';
  assertTopicScope(scope);
  assertTopicName(ref.name);
  return { scope, name: ref.name };
}

/** Reads a topic's layers for `scope` (see {@link TopicLayers}). */
export async function readTopicLayers(store: TopicStore, scope: TopicScope, name: string): Promise<TopicLayers> {
  const [recent, global] = await Promise.all([
    store.history(scope, name, 2),
    scope === 'global' ? undefined : store.get('global', name),
  ]);
  return {
    scope,
    name,
    own: recent[0],
    previous: recent[1],
    global: global === undefined || global.deleted ? undefined : global,
  };
}

/** The scope's own definition when it is live (not deleted), else undefined. */
export function ownDefinition(layers: TopicLayers): TopicDefinition | undefined {
  return layers.own === undefined || layers.own.deleted ? undefined : layers.own.definition;
}

/**
 * What the topic is in this scope: the global topic merged with the chat's overlay, or whichever
 * of the two exists.
 *
 * @throws KabarError `permanent`, code `unknown-topic`, when neither exists.
 */
export function effectiveDefinition(layers: TopicLayers): TopicDefinition {
  const own = ownDefinition(layers);
  const global = layers.global?.definition;
  if (own !== undefined && global !== undefined) return mergeOverlay(global, own);
  const found = own ?? global;
  if (found === undefined) throw unknownTopic(layers);
  return found;
}

/**
 * The definition a term edit in this scope starts from: the scope's own topic, or — in a chat
 * scope whose global topic exists — an empty overlay the edit will create.
 *
 * @throws KabarError `permanent`, code `unknown-topic`, when there is nothing to edit.
 */
export function editableDefinition(layers: TopicLayers): TopicDefinition {
  const own = ownDefinition(layers);
  if (own !== undefined) return own;
  if (layers.global !== undefined) return { name: layers.name, include: [], exclude: [] };
  throw unknownTopic(layers);
}

/** The error for a topic that does not exist (or no longer does) in a scope. */
export function unknownTopic(layers: TopicLayers): KabarError {
  const { own, name, scope } = layers;
  const message =
    own?.deleted === true
      ? `Topic "${name}" was deleted (v${own.version}, by ${own.author}) — undo that edit to bring it back.`
      : scope === 'global'
        ? `There is no topic "${name}" — list the topics to see their names, or create it first.`
        : `There is no topic "${name}" in this chat or globally — list the topics to see their names, or create it first.`;
  return new KabarError('permanent', message, { code: 'unknown-topic' });
}

/**
 * Refuses what no edit may save: a topic under another name, or a live topic that fails
 * `validateTopic` — alone or, for a chat overlay, merged with its global topic, so a chat cannot
 * push a shipped topic over the term cap. {@link editTopic} runs it before every append; a
 * preview runs it so that it refuses exactly what the edit would.
 *
 * @throws KabarError `permanent`: `invalid-edit` (renamed), `invalid-term`.
 */
export function checkTopicChange(layers: TopicLayers, next: TopicChange): void {
  const { name } = layers;
  if (next.definition.name !== name) {
    throw new KabarError('permanent', `An edit of topic "${name}" produced a topic named "${next.definition.name}".`, {
      code: 'invalid-edit',
    });
  }
  if (next.deleted) return;
  validateTopic(next.definition);
  if (layers.global !== undefined) validateTopic(mergeOverlay(layers.global.definition, next.definition));
}

/**
 * Saves one edit of a topic. `change` is given the topic's current layers and returns what the
 * topic becomes (or throws a `KabarError` saying why the edit makes no sense). The result is
 * checked ({@link checkTopicChange}), then appended with the version that was read. On a conflict
 * the layers are re-read and `change` runs again on the new state, so a concurrent edit is never
 * lost and never silently duplicated.
 *
 * @throws KabarError from `change` or `validateTopic` (`permanent`); `retryable` with code
 *   `edit-conflict` after {@link MAX_EDIT_ATTEMPTS} conflicts in a row.
 * @example
 * ```ts
 * await editTopic({ scope: 'global', name: 't', author: 'alice' }, (layers) => ({
 *   definition: { ...editableDefinition(layers), description: 'Trade talks' },
 *   deleted: false,
 *   action: 'describe',
 * }), deps);
 * ```
 */
export async function editTopic(
  target: { scope: TopicScope; name: string; author: string },
  change: (layers: TopicLayers) => TopicChange,
  { store, clock }: TopicDeps,
): Promise<TopicEditResult> {
  const { scope, name, author } = target;
  if (author.trim().length === 0) {
    throw new KabarError('permanent', 'Every topic edit needs an author, for the history.', { code: 'missing-author' });
  }
  for (let attempt = 1; attempt <= MAX_EDIT_ATTEMPTS; attempt++) {
    const layers = await readTopicLayers(store, scope, name);
    const next = change(layers);
    checkTopicChange(layers, next);
    const result = await store.append(scope, name, layers.own?.version ?? 0, {
      definition: next.definition,
      deleted: next.deleted,
      author,
      at: clock.now(),
      action: next.action,
    });
    if (result.status === 'appended') return { scope, name, version: result.version, attempts: attempt };
  }
  throw new KabarError(
    'retryable',
    `Topic "${name}" kept changing while this edit was being saved (${MAX_EDIT_ATTEMPTS} tries) — look at its history and try again.`,
    { code: 'edit-conflict' },
  );
}
