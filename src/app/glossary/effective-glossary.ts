/**
 * The glossary translation actually uses for a language: the shipped entries, with the
 * moderators' overrides applied on top.
 */
import { isBaseLanguageCode } from '../../core/text/language-tag.js';
import type { GlossaryOverride, GlossaryStore } from '../../core/translation/glossary-store.js';
import { baseLanguage, defaultGlossaries, glossaryFor, type Glossary } from '../../core/translation/glossary.js';

/**
 * One language's glossary in its three parts. Maps rather than plain objects, because source terms
 * are free text: `constructor` or `toString` must not find something on `Object.prototype`.
 */
export interface GlossaryState {
  language: string;
  /** What kabar ships for the language (empty for a language it ships nothing for). */
  shipped: ReadonlyMap<string, string>;
  /** The moderators' overrides, by source term. */
  overrides: ReadonlyMap<string, GlossaryOverride>;
  /** Shipped + overrides − removals: what translation uses, by source term. */
  effective: ReadonlyMap<string, string>;
}

/**
 * The glossary for translating into `language` (a base code such as `id`; `pt-BR` is read as `pt`):
 * shipped entries, replaced or added to by moderators' terms, without the shipped entries they
 * removed. Read from the store on every call, so an edit reaches the next translation.
 *
 * @example
 * ```ts
 * // after `kabar glossary remove --lang id UAE` and `kabar glossary set --lang id "Board of Peace" "Dewan Perdamaian"`:
 * const glossary = await effectiveGlossary('id', { store });
 * glossary['White House']; // 'Gedung Putih' (shipped)
 * glossary['Board of Peace']; // 'Dewan Perdamaian'
 * 'UAE' in glossary; // false
 * ```
 */
export async function effectiveGlossary(language: string, deps: { store: GlossaryStore }): Promise<Glossary> {
  const base = baseLanguage(language);
  // No edit can be stored under a code like this, so there is nothing to read.
  if (!isBaseLanguageCode(base)) return glossaryFor(base);
  return Object.fromEntries((await loadGlossaryState(base, deps.store)).effective);
}

/** Reads one language's overrides and combines them with its shipped glossary. `language` must be valid. */
export async function loadGlossaryState(language: string, store: GlossaryStore): Promise<GlossaryState> {
  const shipped = new Map(Object.entries(defaultGlossaries[language] ?? {}));
  const overrides = new Map((await store.overrides(language)).map((override) => [override.source, override]));
  const effective = new Map(shipped);
  for (const override of overrides.values()) {
    if (override.kind === 'term') effective.set(override.source, override.target);
    else effective.delete(override.source);
  }
  return { language, shipped, overrides, effective };
}
