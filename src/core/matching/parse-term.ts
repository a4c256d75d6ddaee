/**
 * Reads the moderator term syntax (see {@link parseTerm}) into a {@link ParsedTerm}, and checks
 * whole topics before they are saved ({@link validateTopic}).
 */
import type { ArticleField } from '../article.js';
import { KabarError } from '../errors.js';
import type { TopicDefinition } from '../topics/topic.js';
import { canonicalTermWord } from './arabic-clitics.js';
import {
  MAX_ALTERNATIVES,
  MAX_COOCCURRENCE_SIDES,
  MAX_PHRASE_CHARS,
  MAX_PHRASE_WORDS,
  MAX_TERMS_PER_TOPIC,
  MAX_TERM_CHARS,
  MIN_PREFIX_CHARS,
} from './limits.js';
import { tokenize } from './normalize-text.js';
import { describeClause, splitContext } from './context-clause.js';

/** One word of a phrase, normalized; `prefix` when it was written with a trailing `*`. */
export interface WordPattern {
  readonly text: string;
  readonly prefix: boolean;
}

/** Consecutive words that must appear in this order, nothing but separators between them. */
export type Phrase = readonly WordPattern[];

/**
 * A context clause of one side, parsed. `near`: the side counts only where one of `alternatives`
 * is at most `words` words away in the same field. `notnear`: only where none is. `in`: only in
 * that field. `raw` is the clause as written, for explanations.
 */
export type SideContext =
  | { readonly kind: 'near' | 'notnear'; readonly words: number; readonly alternatives: readonly Phrase[]; readonly raw: string }
  | { readonly kind: 'in'; readonly field: ArticleField; readonly raw: string };

/** A term, parsed. */
export interface ParsedTerm {
  /** The term as written (trimmed), markers included: shown in hits and error messages. */
  readonly raw: string;
  /** `exclude` for terms in a topic's `exclude` list and for `-term` in `include`. */
  readonly role: 'include' | 'exclude';
  /** Written with a leading `!`: a hit overrides the topic's exclusions. */
  readonly strong: boolean;
  /** The sides joined by `+`; each side lists its alternatives. A plain term has one side with one alternative. */
  readonly sides: readonly (readonly Phrase[])[];
  /** Per side, its context clauses (`near`, `notnear`, `in`); empty for a side without any. */
  readonly contexts: readonly (readonly SideContext[])[];
}

/** A topic whose terms all parsed. */
export interface ParsedTopic {
  readonly name: string;
  readonly include: readonly ParsedTerm[];
  readonly exclude: readonly ParsedTerm[];
}

// Characters that only make sense in regular expressions or code: refused rather than silently
// ignored, so a moderator who expects regex behaviour learns at once that there is none.
const REGEX_LIKE = /[\\[\]{}?^$<>=~]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function invalid(term: string, problem: string): KabarError {
  return new KabarError('permanent', `Term "${term}": ${problem}`, { code: 'invalid-term' });
}

/**
 * Parses one moderator-written term.
 *
 * **Syntax** (no regular expressions; every form is matched on whole words):
 *
 * | Written | Meaning |
 * |---|---|
 * | `Abraham Accords` | phrase: these words, in this order |
 * | `Kazakh*` | prefix: any word starting with `Kazakh` (Kazakh, Kazakhs, Kazakhstan, Kazakhstani) |
 * | `!Abraham Accords` | strong include term: when it hits, the topic's exclusions are ignored |
 * | `-Lincoln` | exclusion (in an `include` list; terms in `exclude` need no `-`) |
 * | `Astana + summit` | co-occurrence: both sides appear somewhere in the article |
 * | `Astana + (summit\|president\|government)` | a side may list alternatives in parentheses |
 * | `Kazakh near(3) (government\|president)` | context: counts only with one of these at most 3 words away |
 * | `Tashkent notnear(2) (street\|restaurant)` | context: counts only where none of these is that near |
 * | `Kazakhstan in(title)` | context: counts only in the title (or `summary`, `content`) |
 *
 * **Phrases.** Matching ignores case, accents and other diacritics (`Kazajistán` = `kazajistan`,
 * `Ё` = `Е`, Arabic harakat and hamza seats, Turkish `İ`/`ı` = `i`). Words must be whole: `Osh`
 * does not match `Oshkosh`, `Abraham` does not match `Abrahams`. Between two words of a phrase
 * anything that is not a letter or digit is allowed — spaces, line breaks, hyphens, punctuation
 * (`Abraham-Abkommen` matches `Abraham Abkommen`) — but no other word, and never across fields.
 * An English possessive `'s` is ignored (`Kazakhstan's` matches `Kazakhstan`), and a bare
 * trailing apostrophe is punctuation (`Accords'`). Arabic words match with or without the
 * article and attached `و ف ب ك ل` (`الإمارات` matches `والإمارات`, `للإمارات`).
 *
 * **Prefixes.** `*` ends a word and needs at least {@link MIN_PREFIX_CHARS} letters before it; it
 * may end any word of a phrase (`Kazakh* government`). There is no `*` at the start or middle.
 *
 * **Co-occurrence.** `A + B` (up to {@link MAX_COOCCURRENCE_SIDES} sides) hits when every side
 * hits somewhere in the article — any field, any order, any distance. A side is a phrase or
 * prefix term, or `( … | … )` with up to {@link MAX_ALTERNATIVES} alternatives, any one of
 * which is enough. Groups do not nest and `|` is only allowed inside parentheses. A hit's field
 * is where the first side was found; its snippet shows every side. `+` always joins sides: to
 * match the text `C5+1`, write `C5 1`.
 *
 * **Context.** A side may end with up to `MAX_CONTEXT_CLAUSES` (3) clauses, all of which must
 * hold at one occurrence of the side: `near(N) X` (a word of `X`, a phrase or a group, at most N
 * words away in the same field, before or after), `notnear(N) X` (none that near) and `in(field)`.
 * `N` runs from 1 (adjacent) to `MAX_CONTEXT_WORDS` (50). Context words alone never make a term
 * hit. A hit says which context made it count; a term whose words appear but whose context rules
 * every occurrence out is listed as unmet, with the reason. Exclusions take clauses too:
 * `(flight*|airline*) near(4) (cancel*|divert*)` vetoes only disruption stories.
 *
 * **Topic rule.** An article belongs to a topic when at least one include term hits and either
 * no exclusion hits or a strong (`!`) include term hits. `!` and `-` apply to the whole term and
 * go at its very start; a term cannot be both. Exclusions use the same forms as include terms
 * (`Baikonur + (launch*|Soyuz)` vetoes launch reports, not every mention of Baikonur), and an
 * exclusion vetoes the whole topic for that article, wherever it appears.
 *
 * **Refused** (with a message saying how to fix it): regular-expression characters
 * `\ [ ] { } ? ^ $ < > = ~`, misplaced `*`, `!`, `-`, `(`, `)`, `|`, and terms over the caps
 * (`limits.ts`): {@link MAX_TERM_CHARS} characters per term; {@link MAX_PHRASE_CHARS} characters
 * and {@link MAX_PHRASE_WORDS} words per phrase; {@link MAX_ALTERNATIVES} alternatives per group;
 * {@link MAX_COOCCURRENCE_SIDES} sides; {@link MAX_TERMS_PER_TOPIC} terms per topic (checked by
 * {@link validateTopic}).
 *
 * @throws KabarError `permanent`, code `invalid-term`, with a message saying how to fix the term.
 * @example
 * ```ts
 * const t = parseTerm('!Astana + (summit|president)');
 * t.strong;                 // true
 * t.sides.length;           // 2
 * t.sides[1]?.length;       // 2 alternatives
 * parseTerm('-Lincoln').role; // 'exclude'
 * ```
 */
export function parseTerm(raw: string): ParsedTerm {
  const term = raw.trim();
  if (term.length === 0) throw invalid(raw, 'the term is empty — write at least one word.');
  if (term.length > MAX_TERM_CHARS) {
    throw invalid(term, `the term is ${term.length} characters long; the limit is ${MAX_TERM_CHARS} — shorten it or split it into several terms.`);
  }
  const regexLike = REGEX_LIKE.exec(term);
  if (regexLike) {
    throw invalid(term, `"${regexLike[0]}" is not allowed: terms are plain words, not regular expressions. Use Word* for prefixes and (a|b) for alternatives.`);
  }

  let body = term;
  let strong = false;
  let role: ParsedTerm['role'] = 'include';
  if (body.startsWith('!')) {
    strong = true;
    body = body.slice(1).trimStart();
  } else if (body.startsWith('-')) {
    role = 'exclude';
    body = body.slice(1).trimStart();
  }
  if (body.startsWith('!') || body.startsWith('-')) {
    throw invalid(term, 'use one marker at most: ! (strong) or - (exclusion), once, at the very start.');
  }
  if (body.length === 0) throw invalid(term, 'there is nothing after the marker — write the words to match, as in !Abraham Accords.');
  if (body.includes('!')) throw invalid(term, '! marks a strong term and goes only at the very start, as in !Abraham Accords.');

  const written = splitSides(term, body).map((side) => splitContext(side, (problem) => invalid(term, problem)));
  if (written.length > MAX_COOCCURRENCE_SIDES) {
    throw invalid(term, `a term may join at most ${MAX_COOCCURRENCE_SIDES} sides with +; it has ${written.length}.`);
  }
  const sides = written.map(({ base }) => parseSide(term, base));
  const contexts = written.map(({ clauses }) =>
    clauses.map((clause): SideContext =>
      clause.kind === 'in'
        ? { ...clause, raw: describeClause(clause) }
        : { kind: clause.kind, words: clause.words, alternatives: parseSide(term, clause.target), raw: describeClause(clause) },
    ),
  );
  return { raw: term, role, strong, sides, contexts };
}

function splitSides(term: string, body: string): string[] {
  const sides: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '(') {
      if (depth > 0) throw invalid(term, 'groups cannot be nested: write (a|b|c), not (a|(b|c)).');
      depth++;
    } else if (ch === ')') {
      if (depth === 0) throw invalid(term, 'there is a ) without a matching (.');
      depth--;
    } else if (ch === '+') {
      if (depth > 0) throw invalid(term, '+ cannot be used inside ( ); write A + (b|c) + (d|e).');
      sides.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (depth > 0) throw invalid(term, 'there is a ( without a matching ).');
  sides.push(current);
  return sides.map((s) => s.trim());
}

function parseSide(term: string, side: string): Phrase[] {
  if (side.length === 0) throw invalid(term, 'a side of + is empty — write words on both sides, as in Astana + summit.');
  let alternatives: string[];
  if (side.startsWith('(') && side.endsWith(')')) {
    alternatives = side.slice(1, -1).split('|');
  } else if (side.includes('(') || side.includes(')')) {
    throw invalid(term, 'a group ( … ) must make up a whole side of +, as in Astana + (summit|president).');
  } else if (side.includes('|')) {
    throw invalid(term, `put alternatives in parentheses: (${side}).`);
  } else {
    alternatives = [side];
  }
  if (alternatives.length > MAX_ALTERNATIVES) {
    throw invalid(term, `a group may hold at most ${MAX_ALTERNATIVES} alternatives; this one has ${alternatives.length} — split it into several terms.`);
  }
  return alternatives.map((alt) => parsePhrase(term, alt));
}

function parsePhrase(term: string, text: string): Phrase {
  if (text.trim().length > MAX_PHRASE_CHARS) {
    throw invalid(term, `a phrase may be at most ${MAX_PHRASE_CHARS} characters long; "${text.trim().slice(0, 30)}…" has ${text.trim().length}.`);
  }
  const tokens = tokenize(text);
  if (tokens.length === 0) throw invalid(term, 'an alternative or side has no words in it — remove the empty part.');
  if (tokens.length > MAX_PHRASE_WORDS) {
    throw invalid(term, `a phrase may have at most ${MAX_PHRASE_WORDS} words; "${text.trim()}" has ${tokens.length}.`);
  }
  const prefixEnds = new Set<number>();
  for (let i = text.indexOf('*'); i !== -1; i = text.indexOf('*', i + 1)) {
    if (!tokens.some((t) => t.end === i)) throw invalid(term, 'a * must directly follow a word, as in Kazakh*.');
    if (WORD_CHAR.test(text.charAt(i + 1))) throw invalid(term, 'a * may only end a word: write Kazakh*, not Ka*zakh.');
    prefixEnds.add(i);
  }
  return tokens.map((t) => {
    const prefix = prefixEnds.has(t.end);
    const word = canonicalTermWord(t.norm);
    if (prefix && [...word].length < MIN_PREFIX_CHARS) {
      throw invalid(term, `write at least ${MIN_PREFIX_CHARS} letters before * ("${text.slice(t.start, t.end)}*" would match too many words).`);
    }
    return { text: word, prefix };
  });
}

/**
 * Parses every term of a topic: terms in `exclude` (with or without a leading `-`) and `-terms`
 * in `include` become exclusions. Unlike {@link validateTopic} it does not cap the number of
 * terms: that cap is for editing one topic, while the pipeline compiles merged topics (a global
 * topic plus a chat's overlay) that may together hold more.
 *
 * @throws KabarError `permanent`, code `invalid-term`, naming the topic and the list.
 */
export function parseTopic(def: TopicDefinition): ParsedTopic {
  const include: ParsedTerm[] = [];
  const exclude: ParsedTerm[] = [];
  const inTopic = (list: string, raw: string): ParsedTerm => {
    try {
      return parseTerm(raw);
    } catch (error) {
      if (!(error instanceof KabarError)) throw error;
      throw new KabarError('permanent', `Topic "${def.name}", ${list} list: ${error.message}`, {
        code: 'invalid-term',
        cause: error,
      });
    }
  };
  for (const raw of def.include) {
    const term = inTopic('include', raw);
    (term.role === 'exclude' ? exclude : include).push(term);
  }
  for (const raw of def.exclude) {
    const term = inTopic('exclude', raw);
    if (term.strong) {
      throw new KabarError(
        'permanent',
        `Topic "${def.name}", exclude list: Term "${term.raw}": a strong term (!) overrides exclusions, so it belongs in the include list.`,
        { code: 'invalid-term' },
      );
    }
    exclude.push({ ...term, role: 'exclude' });
  }
  return { name: def.name, include, exclude };
}

/**
 * Checks a topic before it is saved: every term parses and no cap is exceeded, including
 * {@link MAX_TERMS_PER_TOPIC}.
 *
 * @throws KabarError `permanent`, code `invalid-term`, whose message names the topic, the list
 * and the term, and says how to fix it.
 * @example
 * ```ts
 * validateTopic({ name: 'central-asia', include: ['Kazakh*'], exclude: ['Astana Qazaqstan'] }); // ok
 * validateTopic({ name: 't', include: ['Ka*'], exclude: [] }); // throws: write at least 3 letters before *
 * ```
 */
export function validateTopic(def: TopicDefinition): void {
  const total = def.include.length + def.exclude.length;
  if (total > MAX_TERMS_PER_TOPIC) {
    throw new KabarError(
      'permanent',
      `Topic "${def.name}" has ${total} terms; the limit is ${MAX_TERMS_PER_TOPIC} — remove some, or use prefixes (Kazakh*) and groups (a|b) to cover several spellings in one term.`,
      { code: 'invalid-term' },
    );
  }
  parseTopic(def);
}
