/**
 * Caps on what moderators may type into a topic.
 *
 * They exist so that no edit made from a chat can make matching slow or the matcher huge: the
 * matcher's work per article token is bounded by {@link MAX_PHRASE_WORDS} and by the number of
 * distinct prefix lengths (at most {@link MAX_TERM_CHARS}), never by what a term looks like.
 * `validateTopic` enforces them with `KabarError('permanent', …, { code: 'invalid-term' })`.
 */

/**
 * Longest phrase (one side, or one alternative, of a term), in characters (UTF-16 units) as typed.
 */
export const MAX_PHRASE_CHARS = 100;

/**
 * Longest whole term, in characters as typed, markers, groups and spaces included: room for a
 * co-occurrence of full groups of alternatives, or a group with its context clauses. Matching
 * cost does not depend on it (see above); it only keeps a term readable in a chat.
 */
export const MAX_TERM_CHARS = 600;

/** Most words in one phrase (one side, or one alternative, of a term). */
export const MAX_PHRASE_WORDS = 8;

/** Most terms in one topic, `include` and `exclude` counted together. */
export const MAX_TERMS_PER_TOPIC = 500;

/** Most alternatives inside one `( … | … )` group. */
export const MAX_ALTERNATIVES = 10;

/** Most sides joined by `+` in one co-occurrence term. */
export const MAX_COOCCURRENCE_SIDES = 3;

/**
 * Fewest letters before a `*`: shorter prefixes (`Ka*`) match so many words that they are
 * almost always a mistake.
 */
export const MIN_PREFIX_CHARS = 3;

/**
 * Widest `near(N)` / `notnear(N)` window, in words. The check costs the same for any N (both
 * occurrence lists are walked once), so this only keeps "near" meaning near.
 */
export const MAX_CONTEXT_WORDS = 50;

/** Most context clauses (`near`, `notnear`, `in`) on one side of a term. */
export const MAX_CONTEXT_CLAUSES = 3;
