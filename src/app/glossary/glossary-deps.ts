/**
 * What the glossary use cases need from the world, handed in as one object.
 */
import type { Clock } from '../../core/ports.js';
import type { GlossaryStore } from '../../core/translation/glossary-store.js';

/**
 * The dependencies of every glossary use case: where moderators' changes are kept, and the time
 * they are stamped with.
 *
 * @example
 * ```ts
 * const deps: GlossaryDeps = { store: createRedisGlossaryStore(redis, '{kabar}:'), clock: { now: Date.now } };
 * await setGlossaryTerm({ language: 'id', source: 'White House', target: 'Gedung Putih', author: 'cli:ops' }, deps);
 * ```
 */
export interface GlossaryDeps {
  store: GlossaryStore;
  clock: Clock;
}
