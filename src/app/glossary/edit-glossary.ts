/**
 * The edits moderators make to a language's glossary: set a term's rendering, or remove a term.
 *
 * Only changes are stored. Setting a shipped term to its shipped rendering therefore drops the
 * change instead of storing a copy, so the term follows kabar's future releases again; that is
 * also how a removed shipped term comes back. Removing a shipped term stores a removal, since the
 * shipped file cannot be edited from a chat.
 *
 * Each edit is one atomic write. Two moderators editing the same term at once: the later write
 * wins, as it would if they had taken turns.
 */
import { KabarError } from '../../core/errors.js';
import {
  MAX_GLOSSARY_ENTRIES,
  validateGlossaryLanguage,
  validateGlossaryTerm,
} from '../../core/translation/glossary-store.js';
import type { GlossaryOverride } from '../../core/translation/glossary-store.js';
import { loadGlossaryState, type GlossaryState } from './effective-glossary.js';
import type { GlossaryDeps } from './glossary-deps.js';

/** Input of {@link setGlossaryTerm}. */
export interface SetGlossaryTermInput {
  /** Base code of the target language: `id`, `es`. */
  language: string;
  /** The term as it appears in the source text: `White House`. Capitals count (see `Glossary`). */
  source: string;
  /** How translations must render it: `Gedung Putih`. */
  target: string;
  /** Who is editing, kept with the change. */
  author: string;
}

/** Input of {@link removeGlossaryTerm}. */
export type RemoveGlossaryTermInput = Omit<SetGlossaryTermInput, 'target'>;

/**
 * What an edit did:
 * - `added`: the term was not in use and now is;
 * - `changed`: it had another rendering;
 * - `restored`: the moderators' change was dropped and the shipped entry applies again;
 * - `unchanged`: it already read so, and nothing was written;
 * - `removed`: translation no longer enforces any rendering of it.
 */
export type GlossaryEditOutcome = 'added' | 'changed' | 'restored' | 'unchanged' | 'removed';

/** The result of {@link setGlossaryTerm} and {@link removeGlossaryTerm}. */
export interface GlossaryEditResult {
  language: string;
  /** The source term as stored (trimmed, single spaces). */
  source: string;
  outcome: GlossaryEditOutcome;
  /** The rendering in use now; absent after a removal. */
  target?: string;
  /** The rendering in use before the edit; absent when the term was not in use. */
  previous?: string;
  /** kabar's shipped rendering of the term, when it ships one. */
  shipped?: string;
}

/**
 * Makes translations into `language` render `source` as `target`: adds the term, or replaces its
 * rendering (shipped or a moderator's). Giving a shipped term its shipped rendering restores it.
 *
 * @throws KabarError `permanent`: code `usage` for a bad language code, `invalid-glossary` for a
 *   bad term or when the glossary already has {@link MAX_GLOSSARY_ENTRIES} entries in use.
 * @example
 * ```ts
 * await setGlossaryTerm({ language: 'id', source: 'Board of Peace', target: 'Dewan Perdamaian', author: 'alice' }, deps);
 * // { outcome: 'added', target: 'Dewan Perdamaian', … }
 * await setGlossaryTerm({ language: 'id', source: 'UAE', target: 'UEA', author: 'alice' }, deps);
 * // after a removal of UAE: { outcome: 'restored', shipped: 'UEA', … }
 * ```
 */
export async function setGlossaryTerm(input: SetGlossaryTermInput, deps: GlossaryDeps): Promise<GlossaryEditResult> {
  const language = validateGlossaryLanguage(input.language);
  const source = validateGlossaryTerm('source', input.source);
  const target = validateGlossaryTerm('target', input.target);
  const state = await loadGlossaryState(language, deps.store);
  const shipped = state.shipped.get(source);
  const own = state.overrides.get(source);
  const previous = state.effective.get(source);
  const result = (outcome: GlossaryEditOutcome): GlossaryEditResult => ({
    language,
    source,
    outcome,
    target,
    ...(previous === undefined ? {} : { previous }),
    ...(shipped === undefined ? {} : { shipped }),
  });

  if (shipped === target) {
    if (own === undefined) return result('unchanged');
    if (previous === undefined) refuseFullGlossary(state);
    await deps.store.clear(language, source);
    return result('restored');
  }
  if (own?.kind === 'term' && own.target === target) return result('unchanged');
  if (previous === undefined) refuseFullGlossary(state);
  await write(language, { kind: 'term', source, target, author: input.author, at: deps.clock.now() }, deps);
  return result(previous === undefined ? 'added' : 'changed');
}

/**
 * Stops translations into `language` from enforcing any rendering of `source`: a moderator's own
 * term is dropped; a shipped term is switched off by a stored removal (undone by setting it again).
 * The term must be written as the glossary has it: capitals count.
 *
 * @throws KabarError `permanent`: code `unknown-glossary-term` when the term is not in use (the
 *   message names a near spelling, or who removed it already), `usage` / `invalid-glossary` as for
 *   {@link setGlossaryTerm}.
 * @example
 * ```ts
 * await removeGlossaryTerm({ language: 'id', source: 'UAE', author: 'alice' }, deps);
 * // { outcome: 'removed', previous: 'UEA', shipped: 'UEA', … }; "UAE" stays as the provider renders it
 * ```
 */
export async function removeGlossaryTerm(input: RemoveGlossaryTermInput, deps: GlossaryDeps): Promise<GlossaryEditResult> {
  const language = validateGlossaryLanguage(input.language);
  const source = validateGlossaryTerm('source', input.source);
  const state = await loadGlossaryState(language, deps.store);
  const previous = state.effective.get(source);
  if (previous === undefined) throw notInUse(state, source);
  const shipped = state.shipped.get(source);
  if (shipped === undefined) {
    await deps.store.clear(language, source);
  } else {
    await write(language, { kind: 'removed', source, author: input.author, at: deps.clock.now() }, deps);
  }
  return { language, source, outcome: 'removed', previous, ...(shipped === undefined ? {} : { shipped }) };
}

async function write(language: string, override: GlossaryOverride, deps: GlossaryDeps): Promise<void> {
  if ((await deps.store.put(language, override)) === 'written') return;
  throw new KabarError(
    'permanent',
    `The ${language} glossary already holds ${MAX_GLOSSARY_ENTRIES} moderator changes (removals included), the most allowed — ` +
      'remove an added term, or set a shipped term back to its shipped rendering, first.',
    { code: 'invalid-glossary' },
  );
}

/** Refuses a term that would take the glossary in use past the cap. */
function refuseFullGlossary(state: GlossaryState): void {
  if (state.effective.size < MAX_GLOSSARY_ENTRIES) return;
  throw new KabarError(
    'permanent',
    `The ${state.language} glossary already has ${state.effective.size} entries in use, the most allowed is ${MAX_GLOSSARY_ENTRIES} — remove one first.`,
    { code: 'invalid-glossary' },
  );
}

function notInUse(state: GlossaryState, source: string): KabarError {
  const where = `"${source}" is not in the ${state.language} glossary`;
  const own = state.overrides.get(source);
  let message: string;
  if (own?.kind === 'removed') {
    message = `${where}: ${own.author} removed it on ${new Date(own.at).toISOString().slice(0, 10)} — set it again to bring it back.`;
  } else {
    // Capitals decide what a term matches, so "uae" is another term than "UAE": point at the one meant.
    const folded = source.toLowerCase();
    const near = [...state.effective.keys()].find((term) => term.toLowerCase() === folded);
    message = near === undefined ? `${where}.` : `${where}, but "${near}" is — write terms as the glossary does, capitals included.`;
  }
  return new KabarError('permanent', message, { code: 'unknown-glossary-term' });
}
