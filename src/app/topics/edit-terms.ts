/**
 * The term edits moderators make most: add a term, add an exclusion, remove either.
 *
 * Terms follow parse-term's syntax, where a leading `-` marks an exclusion: `add-term NAME -Lincoln`
 * is the same edit as `exclude NAME Lincoln`, and stores `Lincoln` in the exclude list. Likewise
 * `remove-term NAME -Lincoln` removes only an exclusion, while `remove-term NAME Lincoln` removes
 * the term from whichever list holds it.
 *
 * In a chat scope these edit the chat's overlay of a global topic (created by the first edit) or
 * the chat's own topic. A chat cannot remove a global term; it can exclude it instead.
 */
import { KabarError } from '../../core/errors.js';
import { validateTopic } from '../../core/matching/parse-term.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import type { TopicEditResult, TopicLayers, TopicRef } from './edit-topic.js';
import { editTopic, editableDefinition, ownDefinition, resolveTopicRef, unknownTopic } from './edit-topic.js';
import { findTerm, isExclusionMarked, withoutExclusionMarker } from './term-identity.js';
import type { TermList } from './term-identity.js';
import type { TopicDeps } from './topic-deps.js';

/** Input of {@link addTerm}, {@link excludeTerm} and {@link removeTerm}. */
export interface TermEditInput extends TopicRef {
  /** As the moderator typed it: `Kazakh*`, `!Abraham Accords`, `-Lincoln`. */
  term: string;
  /** Who is editing, for the history. */
  author: string;
}

/**
 * Adds an include term to a topic (or, written `-term`, an exclusion: see {@link excludeTerm}).
 *
 * @throws KabarError `permanent`: code `invalid-term` for bad syntax or a full topic,
 *   `duplicate-term` when the topic already has the term (in any spelling that matches the same
 *   words), `unknown-topic` when the topic does not exist.
 * @example
 * ```ts
 * await addTerm({ name: 'central-asia', term: 'Kazakh*', author: 'alice' }, { store, clock });
 * // history: v2 add-term "Kazakh*" by alice
 * ```
 */
export async function addTerm(input: TermEditInput, deps: TopicDeps): Promise<TopicEditResult> {
  if (isExclusionMarked(input.term)) return excludeTerm({ ...input, term: withoutExclusionMarker(input.term) }, deps);
  return addToList(input, 'include', deps);
}

/**
 * Adds an exclusion to a topic: articles it hits leave the topic unless a strong (`!`) include term
 * also hits. A leading `-` is accepted and dropped.
 *
 * @throws KabarError `permanent`: codes as for {@link addTerm}; a strong (`!`) term is refused
 *   (`invalid-term`) because it belongs in the include list.
 * @example
 * ```ts
 * await excludeTerm({ name: 'abraham-accords', term: 'Lincoln', author: 'alice' }, deps);
 * // history: exclude "Lincoln"
 * ```
 */
export async function excludeTerm(input: TermEditInput, deps: TopicDeps): Promise<TopicEditResult> {
  return addToList({ ...input, term: withoutExclusionMarker(input.term) }, 'exclude', deps);
}

/**
 * Removes a term: from the include list or the exclusions, wherever it is; written `-term`, only
 * from the exclusions. The term may be written in any spelling that matches the same words
 * (`kazakh*` removes `Kazakh*`).
 *
 * @throws KabarError `permanent`: code `absent-term` (`"Kazakh*" is not a term of abraham-accords`),
 *   `global-term` when a chat tries to remove a global term, `unknown-topic`.
 */
export async function removeTerm(input: TermEditInput, deps: TopicDeps): Promise<TopicEditResult> {
  const { scope, name } = resolveTopicRef(input);
  const onlyExclusions = isExclusionMarked(input.term);
  const term = withoutExclusionMarker(input.term);
  const roles: TermList[] = onlyExclusions ? ['exclude'] : ['include', 'exclude'];

  return editTopic(
    { scope, name, author: input.author },
    (layers) => {
      const own = ownDefinition(layers);
      if (own === undefined && layers.global === undefined) throw unknownTopic(layers);
      const found = own === undefined ? undefined : findTerm(own, term, roles);
      if (own === undefined || found === undefined) {
        const global = layers.global === undefined ? undefined : findTerm(layers.global.definition, term, roles);
        if (global !== undefined) {
          const instead =
            global.role === 'include'
              ? `exclude it to veto articles that mention it`
              : `add a strong (!) term to override it`;
          throw permanent(
            'global-term',
            `"${global.raw}" comes from the global topic ${name}; a chat can only remove the terms it added — ${instead}.`,
          );
        }
        const what = onlyExclusions ? 'an exclusion' : 'a term';
        throw permanent('absent-term', `"${term}" is not ${what} of ${name}.`);
      }
      const drop = (list: readonly string[]): string[] => list.filter((t) => t !== found.raw);
      const definition: TopicDefinition =
        found.storedIn === 'include' ? { ...own, include: drop(own.include) } : { ...own, exclude: drop(own.exclude) };
      const action = found.role === 'exclude' ? `remove-exclusion "${found.raw}"` : `remove-term "${found.raw}"`;
      return { definition, deleted: false, action };
    },
    deps,
  );
}

async function addToList(input: TermEditInput, list: TermList, deps: TopicDeps): Promise<TopicEditResult> {
  const { scope, name } = resolveTopicRef(input);
  const term = input.term.trim();
  // Syntax first, with the topic named in the message, before reading anything.
  validateTopic({ name, include: list === 'include' ? [term] : [], exclude: list === 'exclude' ? [term] : [] });

  return editTopic(
    { scope, name, author: input.author },
    (layers) => {
      const base = editableDefinition(layers);
      refuseDuplicate(layers, base, term, list);
      const definition: TopicDefinition =
        list === 'include' ? { ...base, include: [...base.include, term] } : { ...base, exclude: [...base.exclude, term] };
      return { definition, deleted: false, action: list === 'include' ? `add-term "${term}"` : `exclude "${term}"` };
    },
    deps,
  );
}

/**
 * Refuses a term the topic already has in this role (here or, for a chat, in the global topic),
 * and a term this scope already has in the other role. Across layers the other role is allowed:
 * excluding a global term is how a chat vetoes it.
 */
function refuseDuplicate(layers: TopicLayers, base: TopicDefinition, term: string, list: TermList): void {
  const { name } = layers;
  const role = list === 'include' ? 'a term' : 'an exclusion';
  const here = findTerm(base, term, [list]);
  const same = here ?? (layers.global === undefined ? undefined : findTerm(layers.global.definition, term, [list]));
  if (same !== undefined) {
    const where = here === undefined ? ' (in the global topic)' : '';
    const spelled = same.raw === term ? '' : `, written "${same.raw}" — remove that first to replace it`;
    throw permanent('duplicate-term', `"${term}" is already ${role} of ${name}${where}${spelled}.`);
  }
  const other = findTerm(base, term, [list === 'include' ? 'exclude' : 'include']);
  if (other !== undefined) {
    const otherRole = other.role === 'include' ? 'a term' : 'an exclusion';
    throw permanent('conflicting-term', `"${other.raw}" is ${otherRole} of ${name} — remove it first, then add "${term}" as ${role}.`);
  }
}

function permanent(code: string, message: string): KabarError {
  return new KabarError('permanent', message, { code });
}
