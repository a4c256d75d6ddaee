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
import type { TopicChange, TopicEditResult, TopicLayers, TopicRef } from './edit-topic.js';
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

/** The term edits, named as `kabar topics` names them. */
export const TERM_EDIT_KINDS = ['add-term', 'exclude', 'remove-term'] as const;

/** One of {@link TERM_EDIT_KINDS}. */
export type TermEditKind = (typeof TERM_EDIT_KINDS)[number];

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
  return saveTermEdit('add-term', input, deps);
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
  return saveTermEdit('exclude', input, deps);
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
  return saveTermEdit('remove-term', input, deps);
}

/**
 * A term edit as a pure change of a topic's layers, for `editTopic` to save or for
 * `previewTopicEdit` to try on recent articles: one function, so a preview refuses exactly what
 * the edit would. The term's syntax is checked at once, before any layer is read, so a typo fails
 * without touching the store.
 *
 * @throws KabarError `permanent`, code `invalid-term`, at once for bad syntax; the returned change
 *   throws the codes listed on {@link addTerm}, {@link excludeTerm} and {@link removeTerm}.
 * @example
 * ```ts
 * const change = termEditChange('exclude', 'abraham-accords', 'Lincoln');
 * change(await readTopicLayers(store, 'global', 'abraham-accords')).action; // 'exclude "Lincoln"'
 * ```
 */
export function termEditChange(kind: TermEditKind, name: string, term: string): (layers: TopicLayers) => TopicChange {
  switch (kind) {
    case 'add-term':
      return isExclusionMarked(term)
        ? addToListChange(name, withoutExclusionMarker(term), 'exclude')
        : addToListChange(name, term, 'include');
    case 'exclude':
      return addToListChange(name, withoutExclusionMarker(term), 'exclude');
    case 'remove-term':
      return removeChange(name, term);
  }
}

async function saveTermEdit(kind: TermEditKind, input: TermEditInput, deps: TopicDeps): Promise<TopicEditResult> {
  const { scope, name } = resolveTopicRef(input);
  return editTopic({ scope, name, author: input.author }, termEditChange(kind, name, input.term), deps);
}

function removeChange(name: string, raw: string): (layers: TopicLayers) => TopicChange {
  const onlyExclusions = isExclusionMarked(raw);
  const term = withoutExclusionMarker(raw);
  const roles: TermList[] = onlyExclusions ? ['exclude'] : ['include', 'exclude'];

  return (layers) => {
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
  };
}

function addToListChange(name: string, raw: string, list: TermList): (layers: TopicLayers) => TopicChange {
  const term = raw.trim();
  validateTopic({ name, include: list === 'include' ? [term] : [], exclude: list === 'exclude' ? [term] : [] });

  return (layers) => {
    const base = editableDefinition(layers);
    refuseDuplicate(layers, base, term, list);
    const definition: TopicDefinition =
      list === 'include' ? { ...base, include: [...base.include, term] } : { ...base, exclude: [...base.exclude, term] };
    return { definition, deleted: false, action: list === 'include' ? `add-term "${term}"` : `exclude "${term}"` };
  };
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
