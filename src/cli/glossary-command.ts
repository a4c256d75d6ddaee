/**
 * `kabar glossary list|set|remove`: the moderator's view of the per-language glossaries, through
 * the same use cases chat commands would call.
 *
 * Each command is a thin `withRuntime` wrapper around a `run…` function that takes its store and
 * its output explicitly, so tests drive the command's real behaviour on a test Redis.
 */
import {
  glossaryLanguages,
  listGlossary,
  removeGlossaryTerm,
  setGlossaryTerm,
  type GlossaryDeps,
  type GlossaryEditResult,
  type GlossaryListEntry,
} from '../app/glossary/index.js';
import type { Runtime } from '../main.js';
import { out, UsageError, withRuntime, authorOf } from './cli-support.js';

/** Options of `kabar glossary list`. */
export interface GlossaryListOptions {
  /** Target language (`id`); without it, every language is summed up. */
  lang?: string;
  /** One JSON object per entry instead of text. */
  json?: boolean;
}

/** Options of `kabar glossary set|remove`. */
export interface GlossaryEditOptions {
  /** Target language (`id`); required. */
  lang?: string;
  /** Kept with the change; default `cli:<user>`. */
  author?: string;
}

/** What a glossary command runs against: the use cases' dependencies, and where its lines go. */
export interface GlossaryCommandContext {
  deps: GlossaryDeps;
  print: (line: string) => void;
}

/** `kabar glossary list [--lang CODE] [--json]`. */
export async function glossaryList(options: GlossaryListOptions): Promise<void> {
  await withRuntime((runtime) => runGlossaryList(options, contextOf(runtime)));
}

/** `kabar glossary set --lang CODE SOURCE TARGET [--author NAME]`. */
export async function glossarySet(source: string, target: string, options: GlossaryEditOptions): Promise<void> {
  const language = requiredLanguage(options);
  await withRuntime((runtime) => runGlossarySet(source, target, { ...options, lang: language }, contextOf(runtime)));
}

/** `kabar glossary remove --lang CODE SOURCE [--author NAME]`. */
export async function glossaryRemove(source: string, options: GlossaryEditOptions): Promise<void> {
  const language = requiredLanguage(options);
  await withRuntime((runtime) => runGlossaryRemove(source, { ...options, lang: language }, contextOf(runtime)));
}

/** The body of {@link glossaryList}: one language entry by entry, or a line per language. */
export async function runGlossaryList(options: GlossaryListOptions, { deps, print }: GlossaryCommandContext): Promise<void> {
  if (options.lang === undefined) {
    for (const language of await glossaryLanguages(deps)) {
      const listing = await listGlossary(language, deps);
      if (options.json) {
        print(JSON.stringify({ language, inUse: listing.inUse, counts: listing.counts }));
      } else {
        print(`${language.padEnd(4)} ${String(listing.inUse).padStart(4)} ${inUse(listing.inUse)}  (${describeCounts(listing.counts)})`);
      }
    }
    if (!options.json) print('kabar glossary list --lang CODE shows the entries of one language');
    return;
  }
  const listing = await listGlossary(options.lang, deps);
  if (options.json) {
    for (const entry of listing.entries) print(JSON.stringify(entry));
    return;
  }
  print(`${listing.language} glossary: ${listing.inUse} ${inUse(listing.inUse)}  (${describeCounts(listing.counts)})`);
  // Long names would push every arrow far right; past this width the arrow simply follows the name.
  const width = Math.min(32, Math.max(0, ...listing.entries.map((entry) => entry.source.length)));
  for (const entry of listing.entries) print(describeEntry(entry, width));
}

/** The body of {@link glossarySet}. */
export async function runGlossarySet(
  source: string,
  target: string,
  options: GlossaryEditOptions,
  { deps, print }: GlossaryCommandContext,
): Promise<void> {
  const result = await setGlossaryTerm({ language: requiredLanguage(options), source, target, author: authorOf(options.author) }, deps);
  print(describeEdit(result));
}

/** The body of {@link glossaryRemove}. */
export async function runGlossaryRemove(source: string, options: GlossaryEditOptions, { deps, print }: GlossaryCommandContext): Promise<void> {
  const result = await removeGlossaryTerm({ language: requiredLanguage(options), source, author: authorOf(options.author) }, deps);
  print(describeEdit(result));
}

function contextOf(runtime: Runtime): GlossaryCommandContext {
  return { deps: { store: runtime.glossaries, clock: runtime.clock }, print: out };
}

function requiredLanguage(options: GlossaryEditOptions): string {
  if (options.lang === undefined) throw new UsageError('say which language\'s glossary to edit, e.g. --lang id');
  return options.lang;
}


function inUse(count: number): string {
  return count === 1 ? 'entry in use' : 'entries in use';
}

function describeCounts(counts: Record<GlossaryListEntry['origin'], number>): string {
  const parts = [`${counts.shipped} shipped`];
  if (counts.changed > 0) parts.push(`${counts.changed} changed`);
  if (counts.added > 0) parts.push(`${counts.added} added`);
  if (counts.removed > 0) parts.push(`${counts.removed} removed`);
  return parts.join(', ');
}

function describeEntry(entry: GlossaryListEntry, width: number): string {
  const head = `  ${entry.origin.padEnd(8)} ${entry.source.padEnd(width)}`;
  const by = entry.author === undefined || entry.at === undefined ? '' : `${entry.author}, ${iso(entry.at)}`;
  switch (entry.origin) {
    case 'shipped':
      return `${head}  -> ${entry.target ?? ''}`;
    case 'added':
      return `${head}  -> ${entry.target ?? ''}   (${by})`;
    case 'changed':
      return `${head}  -> ${entry.target ?? ''}   (shipped: ${entry.shipped ?? '?'}; ${by})`;
    case 'removed':
      return `${head}  -x  not enforced   (${entry.shipped === undefined ? 'no longer shipped' : `shipped: ${entry.shipped}`}; ${by})`;
  }
}

function describeEdit(result: GlossaryEditResult): string {
  const { language, source, target = '', previous, shipped } = result;
  const entry = `${language}: ${quote(source)} -> ${quote(target)}`;
  switch (result.outcome) {
    case 'added':
      return `${entry} added; translations made from now on use it`;
    case 'changed':
      return `${entry} (was ${quote(previous ?? '')}); translations made from now on use it`;
    case 'restored':
      return `${entry}: the shipped entry applies again`;
    case 'unchanged':
      return `${entry} already; nothing changed`;
    case 'removed':
      return shipped === undefined
        ? `${language}: ${quote(source)} removed (was ${quote(previous ?? '')})`
        : `${language}: shipped entry ${quote(source)} -> ${quote(shipped)} switched off` +
            `${previous === shipped ? '' : ` (in use was ${quote(previous ?? '')})`}; ` +
            `kabar glossary set --lang ${language} ${quote(source)} ${quote(shipped)} brings it back`;
  }
}

function quote(text: string): string {
  return `"${text.replace(/["\\$`]/g, (character) => `\\${character}`)}"`;
}

function iso(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}
