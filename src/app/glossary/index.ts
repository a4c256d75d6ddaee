/**
 * The glossary use cases, for the CLI (`kabar glossary …`), chat moderator commands, and the
 * brief worker's {@link effectiveGlossary}. Each takes its input, then its dependencies as one
 * object ({@link GlossaryDeps}).
 */
export type { GlossaryDeps } from './glossary-deps.js';
export { effectiveGlossary, loadGlossaryState } from './effective-glossary.js';
export type { GlossaryState } from './effective-glossary.js';
export { glossaryLanguages, listGlossary } from './list-glossary.js';
export type { GlossaryEntryOrigin, GlossaryListEntry, GlossaryListing } from './list-glossary.js';
export { removeGlossaryTerm, setGlossaryTerm } from './edit-glossary.js';
export type {
  GlossaryEditOutcome,
  GlossaryEditResult,
  RemoveGlossaryTermInput,
  SetGlossaryTermInput,
} from './edit-glossary.js';
