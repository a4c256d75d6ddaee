/**
 * A language's glossary as moderators review it: every shipped entry, and every change they made,
 * each marked with where it comes from.
 */
import { validateGlossaryLanguage, type GlossaryStore } from '../../core/translation/glossary-store.js';
import { defaultGlossaries } from '../../core/translation/glossary.js';
import { loadGlossaryState } from './effective-glossary.js';

/**
 * Where an entry comes from:
 * - `added`: a moderator's term kabar does not ship;
 * - `changed`: a shipped term a moderator gave another rendering;
 * - `removed`: a shipped term a moderator switched off (not used);
 * - `shipped`: kabar's own entry, untouched.
 */
export type GlossaryEntryOrigin = 'added' | 'changed' | 'removed' | 'shipped';

/** One line of a {@link GlossaryListing}. */
export interface GlossaryListEntry {
  source: string;
  origin: GlossaryEntryOrigin;
  /** The rendering translations must use; absent for a `removed` entry. */
  target?: string;
  /** kabar's shipped rendering, when it ships one (absent for a removal of a term no longer shipped). */
  shipped?: string;
  /** Who made the moderator change (absent for `shipped`). */
  author?: string;
  /** When the moderator change was made, epoch ms (absent for `shipped`). */
  at?: number;
}

/** A language's glossary, entry by entry. */
export interface GlossaryListing {
  language: string;
  /**
   * Moderators' changes first (`added`, then `changed`, then `removed`), then the shipped entries,
   * each group ordered by source term, so the changes read at a glance above the long shipped list.
   */
  entries: GlossaryListEntry[];
  /** How many entries translation uses: everything but the removals. */
  inUse: number;
  /** Entries per origin. */
  counts: Record<GlossaryEntryOrigin, number>;
}

const ORIGIN_ORDER: readonly GlossaryEntryOrigin[] = ['added', 'changed', 'removed', 'shipped'];

/**
 * Lists `language`'s glossary: shipped entries, moderators' terms and changes, and removals.
 *
 * @throws KabarError `permanent`, code `usage`, for a bad language code.
 * @example
 * ```ts
 * const { entries, inUse } = await listGlossary('id', { store });
 * entries[0]; // { source: 'Board of Peace', origin: 'added', target: 'Dewan Perdamaian', author: 'alice', at: … }
 * ```
 */
export async function listGlossary(language: string, deps: { store: GlossaryStore }): Promise<GlossaryListing> {
  const code = validateGlossaryLanguage(language);
  const state = await loadGlossaryState(code, deps.store);
  const entries: GlossaryListEntry[] = [];
  for (const [source, target] of state.shipped) {
    if (!state.overrides.has(source)) entries.push({ source, origin: 'shipped', target, shipped: target });
  }
  for (const override of state.overrides.values()) {
    const { source, author, at } = override;
    const shipped = state.shipped.get(source);
    const fromShipped = shipped === undefined ? {} : { shipped };
    if (override.kind === 'removed') {
      entries.push({ source, origin: 'removed', ...fromShipped, author, at });
    } else {
      const origin = shipped === undefined ? 'added' : 'changed';
      entries.push({ source, origin, target: override.target, ...fromShipped, author, at });
    }
  }
  entries.sort(
    (a, b) =>
      ORIGIN_ORDER.indexOf(a.origin) - ORIGIN_ORDER.indexOf(b.origin) ||
      a.source.localeCompare(b.source, 'en', { sensitivity: 'variant' }) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
  const counts: Record<GlossaryEntryOrigin, number> = { added: 0, changed: 0, removed: 0, shipped: 0 };
  for (const entry of entries) counts[entry.origin] += 1;
  return { language: code, entries, inUse: state.effective.size, counts };
}

/**
 * Every language that has a glossary: those kabar ships one for, and those moderators made
 * changes in, in lexical order.
 *
 * @example await glossaryLanguages({ store }); // ['es', 'id']
 */
export async function glossaryLanguages(deps: { store: GlossaryStore }): Promise<string[]> {
  const languages = new Set([...Object.keys(defaultGlossaries), ...(await deps.store.languages())]);
  return [...languages].sort();
}
