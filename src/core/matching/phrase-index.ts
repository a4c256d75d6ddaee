/**
 * The automaton behind the matcher: every phrase of every term, compiled into one word
 * dictionary and one trie over word ids, so that an article is tokenised once and each token is
 * looked up a bounded number of times, however many terms there are.
 *
 * Per article token the work is: one hash lookup per lookup form (one form, or a few for Arabic),
 * plus one per distinct prefix length in use, plus walking at most {@link MAX_PHRASE_WORDS}
 * trie levels from each start. Nothing a moderator writes changes that shape, so no term can make
 * matching slow — unlike one regular expression per term.
 */
import type { ArticleField } from '../article.js';
import { lookupForms } from './arabic-clitics.js';
import { MAX_PHRASE_WORDS } from './limits.js';
import { forEachToken, normalizeWord } from './normalize-text.js';
import type { Phrase } from './parse-term.js';

const WORD_CACHE_SIZE = 50_000;
// Words longer than this are never cached: no term is that long, and hostile input could be.
const MAX_CACHED_WORD = 64;
// Words of scratch space kept between scans; a longer article's is released after its scan.
const MAX_KEPT_SCRATCH = 20_000;

/** Where a phrase was found. */
export interface PhraseOccurrence {
  field: ArticleField;
  /** Offsets in the original field text. */
  start: number;
  end: number;
  /** Index of the phrase's first and last word among the field's words: word distances for `near(N)`. */
  firstWord: number;
  lastWord: number;
}

/** Collects phrases and compiles them; see {@link PhraseIndexBuilder.add}. */
export class PhraseIndexBuilder {
  private readonly exact = new Map<string, number>();
  private readonly prefix = new Map<string, number>();
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly terminal: number[][] = [[]];
  private readonly ids = new Map<string, number>();
  private readonly positional = new Set<number>();
  private wordCount = 0;

  /** Adds a phrase (if new) and returns its id; equal phrases share an id. */
  add(phrase: Phrase): number {
    const key = phrase.map((w) => `${w.prefix ? '*' : '='}${w.text}`).join(' ');
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(key, id);
    let node = 0;
    for (const word of phrase) {
      const wordId = this.wordId(word.text, word.prefix);
      const edges = this.children[node] ?? new Map<number, number>();
      let next = edges.get(wordId);
      if (next === undefined) {
        next = this.children.length;
        edges.set(wordId, next);
        this.children.push(new Map());
        this.terminal.push([]);
      }
      node = next;
    }
    this.terminal[node]?.push(id);
    return id;
  }

  /**
   * Asks {@link PhraseIndex.scan} to record every occurrence of phrase `id`, not just the first:
   * context clauses (`near`, `notnear`, `in`) are checked occurrence by occurrence.
   */
  keepAllOccurrences(id: number): void {
    this.positional.add(id);
  }

  /** Freezes what was added into a {@link PhraseIndex}. */
  build(): PhraseIndex {
    const positional = Array.from({ length: this.ids.size }, (_, id) => this.positional.has(id));
    return new PhraseIndex(this.exact, this.prefix, this.children, this.terminal, this.ids.size, positional);
  }

  private wordId(text: string, isPrefix: boolean): number {
    const table = isPrefix ? this.prefix : this.exact;
    let id = table.get(text);
    if (id === undefined) {
      id = this.wordCount++;
      table.set(text, id);
    }
    return id;
  }
}

/** A compiled set of phrases; {@link PhraseIndex.scan} finds which of them occur in a text. */
export class PhraseIndex {
  private readonly prefixLengths: number[];
  // News vocabulary repeats heavily, so most tokens' lookups are cached. Emptied when full, which
  // keeps memory bounded even when every word of a hostile article is new.
  private readonly cache = new Map<string, readonly number[]>();
  // The same for normalization, by the word as written: most words repeat, and normalizing
  // (a Unicode test, lower-casing, for many scripts NFKD and replacements) cost as much as the
  // lookups themselves.
  private readonly norms = new Map<string, string>();
  // Scratch space of scan(), reused so that scanning allocates nothing per word.
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly wordIds: (readonly number[])[] = [];
  private readonly frontier: number[] = [];
  private readonly next: number[] = [];
  private readonly normalize = (raw: string): string => {
    let norm = this.norms.get(raw);
    if (norm !== undefined) return norm;
    norm = normalizeWord(raw);
    if (raw.length > MAX_CACHED_WORD) return norm;
    if (this.norms.size >= WORD_CACHE_SIZE) this.norms.clear();
    this.norms.set(raw, norm);
    return norm;
  };

  /** @internal Built by {@link PhraseIndexBuilder.build}. */
  constructor(
    private readonly exact: ReadonlyMap<string, number>,
    private readonly prefix: ReadonlyMap<string, number>,
    private readonly children: readonly ReadonlyMap<number, number>[],
    private readonly terminal: readonly (readonly number[])[],
    /** How many distinct phrases were compiled. */
    readonly size: number,
    private readonly positional: readonly boolean[] = [],
  ) {
    this.prefixLengths = [...new Set([...prefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  }

  /**
   * Finds the phrases occurring in `text` and records each one's first occurrence into `found`
   * (earlier fields are scanned first, so a title occurrence wins over a summary one), and, for
   * phrases marked with {@link PhraseIndexBuilder.keepAllOccurrences}, every occurrence into `all`
   * in text order.
   */
  scan(
    text: string,
    field: ArticleField,
    found: Map<number, PhraseOccurrence>,
    all: Map<number, PhraseOccurrence[]> = new Map(),
  ): void {
    // Word offsets and dictionary ids go into arrays reused from article to article: a token
    // object per word was a tenth of matching time in allocation and garbage collection.
    const { starts, ends, wordIds } = this;
    let count = 0;
    forEachToken(text, this.normalize, (norm, start, end) => {
      starts[count] = start;
      ends[count] = end;
      wordIds[count] = this.wordIdsOf(norm);
      count++;
    });
    const frontier = this.frontier;
    const next = this.next;
    for (let i = 0; i < count; i++) {
      // Most words start no phrase: skip them before touching the trie.
      if ((wordIds[i]?.length ?? 0) === 0) continue;
      frontier[0] = 0;
      let size = 1;
      for (let j = i; j < count && j < i + MAX_PHRASE_WORDS && size > 0; j++) {
        const ids = wordIds[j] ?? [];
        let nextSize = 0;
        for (let f = 0; f < size; f++) {
          const edges = this.children[frontier[f] ?? 0];
          if (edges === undefined || edges.size === 0) continue;
          for (const id of ids) {
            const child = edges.get(id);
            if (child === undefined) continue;
            next[nextSize++] = child;
            for (const phrase of this.terminal[child] ?? []) this.record(phrase, field, i, j, found, all);
          }
        }
        for (let f = 0; f < nextSize; f++) frontier[f] = next[f] ?? 0;
        size = nextSize;
      }
    }
    // One huge article must not pin its scratch arrays for the life of the matcher.
    if (count > MAX_KEPT_SCRATCH) starts.length = ends.length = wordIds.length = 0;
  }

  private record(
    phrase: number,
    field: ArticleField,
    i: number,
    j: number,
    found: Map<number, PhraseOccurrence>,
    all: Map<number, PhraseOccurrence[]>,
  ): void {
    const keepAll = this.positional[phrase] === true;
    if (!keepAll && found.has(phrase)) return;
    const at = { field, start: this.starts[i] ?? 0, end: this.ends[j] ?? 0, firstWord: i, lastWord: j };
    if (!found.has(phrase)) found.set(phrase, at);
    if (keepAll) {
      const list = all.get(phrase);
      if (list === undefined) all.set(phrase, [at]);
      else list.push(at);
    }
  }

  private wordIdsOf(norm: string): readonly number[] {
    const cached = this.cache.get(norm);
    if (cached !== undefined) return cached;
    const ids = this.lookUp(norm);
    if (norm.length > MAX_CACHED_WORD) return ids;
    if (this.cache.size >= WORD_CACHE_SIZE) this.cache.clear();
    this.cache.set(norm, ids);
    return ids;
  }

  private lookUp(norm: string): number[] {
    const ids: number[] = [];
    for (const form of lookupForms(norm)) {
      const exact = this.exact.get(form);
      if (exact !== undefined && !ids.includes(exact)) ids.push(exact);
      for (const length of this.prefixLengths) {
        if (length > form.length) break;
        const id = this.prefix.get(form.slice(0, length));
        if (id !== undefined && !ids.includes(id)) ids.push(id);
      }
    }
    return ids;
  }
}
