/**
 * Sentences that only announce what follows ("Not everyone agreed.", "Here is what the deal
 * changes:", "Что это значит для пассажиров?"): kept alone, they leave the reader hanging.
 */

// A lead-in is a line, not a paragraph of argument.
const MAX_LEAD_IN_CHARS = 120;
// A rhetorical question that opens the next point ("Why does it matter?") is short.
const MAX_QUESTION_CHARS = 80;
// A one-line paragraph this short, without a figure or a quotation, sets up the next one.
const MAX_SETUP_CHARS = 60;
const MAX_SETUP_WORDS = 7;

const CLOSERS = /["'”’»›)\]」』]+$/u;
const QUOTATION_MARK = /["“”„«»‹›「」『』]/u;

/** Where a sentence sits, which decides whether it can be a lead-in. */
export interface LeadInContext {
  /** The sentence is the only one of its paragraph (after boilerplate is left out). */
  aloneInParagraph: boolean;
  /** Another sentence follows it. */
  hasNext: boolean;
  /** The sentence after it opens with a quotation mark: it is what this one introduces. */
  nextIsQuotation?: boolean;
}

/**
 * True when `sentence` only announces what follows, so that it may be kept only together with the
 * next sentence: a short sentence ending in a colon ("The statement read:"), or, standing alone as
 * a paragraph, a short question ("Why does it matter?", "Lantas, apa tantangannya?") or a short
 * set-up line without figures or quotations ("Not everyone agreed.", "Не все согласились."), and
 * a short set-up line anywhere that a quotation follows ("Environmental groups were cautious.
 * “It is a good start,” …"). A set-up line with nothing after it is an ending, not a lead-in.
 *
 * @example
 * ```ts
 * isLeadIn('Not everyone agreed.', { aloneInParagraph: true, hasNext: true }); // true
 * isLeadIn('Not everyone agreed.', { aloneInParagraph: true, hasNext: false }); // false
 * isLeadIn('Here is what the deal changes:', { aloneInParagraph: true, hasNext: false }); // true
 * ```
 */
export function isLeadIn(sentence: string, context: LeadInContext): boolean {
  const text = sentence.trim();
  if (text.length > MAX_LEAD_IN_CHARS) return false;
  const bare = text.replace(CLOSERS, '');
  if (/[:：]$/u.test(bare)) return true;
  if (/\p{N}/u.test(text) || QUOTATION_MARK.test(text)) return false;
  const setUp = context.hasNext && text.length <= MAX_SETUP_CHARS && text.split(/\s+/u).length <= MAX_SETUP_WORDS;
  if (setUp && context.nextIsQuotation === true) return true;
  if (!context.aloneInParagraph) return false;
  if (/[?？؟]$/u.test(bare)) return text.length <= MAX_QUESTION_CHARS;
  return setUp;
}
