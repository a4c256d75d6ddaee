/**
 * How much of a feed document becomes articles. A feed is text from a stranger: without caps, one
 * document with a million items, or one item with a 10 MB body, costs every later step (matching,
 * condensing, translation prompts, Redis, chat messages) memory and time on every poll.
 */

/**
 * Most items read from one feed document: the newest by date, undated items counting as older
 * than any dated one, ties in document order. Newest rather than first because not every feed
 * lists newest first; an oldest-first feed capped at its first items would never show a new one.
 * Busy news feeds carry 50 to 300 items; 500 leaves room for archives, not for a flood.
 */
export const MAX_ITEMS_PER_FEED = 500;

/**
 * Longest `summary` or `content`, in UTF-16 code units, cut at a paragraph, sentence or word
 * boundary (see `truncateText`). 64,000 is a long-form article several times over (a 10,000-word
 * feature is about 60,000 characters), and keeps one item far below what matching and the
 * condenser should ever have to read.
 */
export const MAX_TEXT_CHARS = 64_000;

/**
 * Longest `title`, in UTF-16 code units, cut at a word boundary with `…`. Real headlines stay under
 * 200 characters; a longer one is a body stuffed into the title, which would otherwise fill a
 * chat message and a terminal line.
 */
export const MAX_TITLE_CHARS = 500;
