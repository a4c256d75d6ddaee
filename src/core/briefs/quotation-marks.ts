/**
 * Which quotation marks open and close which quotations, across sentences and paragraphs, so that
 * a brief keeps a quotation whole or leaves it out.
 */

/** A run of text, such as a sentence, and the paragraph it belongs to. */
export interface QuotedSegment {
  text: string;
  /** Index of the paragraph; segments come in order, so this never decreases. */
  paragraph: number;
}

/** What {@link analyzeQuotations} finds, one entry per segment. */
export interface QuotationAnalysis {
  /**
   * The last segment that a quotation opened in this segment reaches (its own index when every
   * quotation it opens also closes in it, or it opens none).
   */
  reach: number[];
  /** True for a segment holding a mark that pairs with nothing: printing it prints an unbalanced mark. */
  stray: boolean[];
}

interface Open {
  segment: number;
  /** Marks that close it. */
  closers: string;
  /** Marks that reopen it at the start of a continuing paragraph (news style: `“…` / `“…”`). */
  continuers: string;
  /** The paragraph it was last opened or reopened in. */
  paragraph: number;
}

// Deeper nesting than this is not prose; what is deeper counts as unpaired.
const MAX_DEPTH = 8;

/** Opening marks that are never anything else, with their closers and paragraph continuers. */
const OPENERS: Readonly<Record<string, { closers: string; continuers: string }>> = {
  '“': { closers: '”', continuers: '“' },
  '„': { closers: '“”', continuers: '„' },
  '«': { closers: '»', continuers: '«»' },
  '‹': { closers: '›', continuers: '‹' },
  '「': { closers: '」', continuers: '「' },
  '『': { closers: '』', continuers: '『' },
  '‚': { closers: '‘’', continuers: '‚' },
};

/** Every character that can be a quotation mark. */
const MARKS = /["“”„«»‹›「」『』‘’‚]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Pairs the quotation marks of `segments` (sentences in article order), the way a reader does:
 * `“ ”`, `„ “`, `« »` (and `» «`), `‹ ›`, `「 」`, `『 』`, straight `"` by turns, and `‘ ’` where
 * `’` is not an apostrophe (`Kazakhstan’s`). A quotation may run over several sentences and
 * paragraphs: into the next paragraph always (`«… перегружены.` / `Мы договорились …»`), and on
 * over any number of paragraphs that reopen it with an opening mark, as news style does
 * (`“… too long.` / `“Today we stop …,” he said.`). One left open for a whole paragraph without
 * being reopened, or at the end, pairs with nothing.
 *
 * Linear in the length of the text.
 *
 * @example
 * ```ts
 * analyzeQuotations([
 *   { text: '“We will sign.', paragraph: 0 },
 *   { text: 'We will ratify,” he said.', paragraph: 0 },
 * ]); // { reach: [1, 1], stray: [false, false] }
 * ```
 */
export function analyzeQuotations(segments: readonly QuotedSegment[]): QuotationAnalysis {
  const reach = segments.map((_, index) => index);
  const stray = segments.map(() => false);
  const stack: Open[] = [];
  const unpaired = (open: Open): void => {
    stray[open.segment] = true;
  };
  let paragraph: number | undefined;
  segments.forEach((segment, index) => {
    const text = segment.text;
    let from = 0;
    if (segment.paragraph !== paragraph) {
      paragraph = segment.paragraph;
      // A quotation left open over a whole paragraph without being reopened was never closed.
      const current = paragraph;
      const stale = stack.filter((open) => open.paragraph < current - 1);
      stale.forEach(unpaired);
      if (stale.length > 0) stack.splice(0, stack.length, ...stack.filter((open) => open.paragraph >= current - 1));
      const top = stack.at(-1);
      const first = text.charAt(0);
      if (top !== undefined && first !== '' && top.continuers.includes(first)) {
        top.paragraph = paragraph;
        from = 1;
      }
    }
    for (let i = from; i < text.length; i++) {
      const char = text.charAt(i);
      if (!MARKS.test(char)) continue;
      const role = roleOf(char, text, i, stack);
      if (role === undefined) continue;
      if (role.open !== undefined) {
        if (stack.length >= MAX_DEPTH) unpaired(stack.shift() as Open);
        stack.push({ segment: index, paragraph: segment.paragraph, ...role.open });
        continue;
      }
      const at = findOpen(stack, char);
      if (at === -1) {
        stray[index] = true;
        continue;
      }
      while (stack.length > at + 1) unpaired(stack.pop() as Open);
      const open = stack.pop() as Open;
      reach[open.segment] = Math.max(reach[open.segment] ?? index, index);
    }
  });
  for (const open of stack) unpaired(open);
  return { reach, stray };
}

/**
 * True when `paragraphs` (a brief's body) print no quotation mark that pairs with nothing.
 *
 * @example
 * ```ts
 * hasBalancedQuotations(['He said: “We will sign.']); // false
 * hasBalancedQuotations(['“We will sign.', '“Soon,” he said.']); // true: reopened, news style
 * ```
 */
export function hasBalancedQuotations(paragraphs: readonly string[]): boolean {
  const { stray } = analyzeQuotations(paragraphs.map((text, paragraph) => ({ text, paragraph })));
  return !stray.includes(true);
}

/**
 * The marks that close the quotations still open at the end of `text`, innermost first: what a
 * cut-off quotation needs after its `…`.
 *
 * @example closingMarksFor('He said: “We will') // '”'
 */
export function closingMarksFor(text: string): string {
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (!MARKS.test(char)) continue;
    const role = roleOf(char, text, i, stack);
    if (role === undefined) continue;
    if (role.open !== undefined) {
      if (stack.length < MAX_DEPTH) stack.push({ segment: 0, paragraph: 0, ...role.open });
      continue;
    }
    const at = findOpen(stack, char);
    if (at !== -1) stack.length = at;
  }
  return stack
    .reverse()
    .map((open) => open.closers.charAt(0))
    .join('');
}

/** Whether the mark at `i` opens a quotation (and how it closes), closes one, or is no quotation mark. */
function roleOf(
  char: string,
  text: string,
  i: number,
  stack: readonly Open[],
): { open?: { closers: string; continuers: string } } | undefined {
  const top = stack.at(-1);
  if (char === '"') return findOpen(stack, char) === -1 ? { open: { closers: '"', continuers: '"' } } : {};
  if (char === '‘') {
    // `‘90s` and a letter right before (`don‘t`, a typo) are apostrophes.
    if (WORD_CHAR.test(text.charAt(i - 1)) || /[\s\p{N}]/u.test(text.charAt(i + 1) || ' ')) {
      return top?.closers.includes('‘') ? {} : undefined;
    }
    return { open: { closers: '’', continuers: '‘' } };
  }
  if (char === '’') {
    // An apostrophe (`Kazakhstan’s`, `’90s`) unless a single quotation is open and no letter follows.
    if (findOpen(stack, char) === -1 || WORD_CHAR.test(text.charAt(i + 1))) return undefined;
    return {};
  }
  if (char === '“' && top?.closers.includes('“')) return {};
  if (char === '»' && findOpen(stack, char) === -1) {
    // `»Text«` (German, Danish) when it opens; otherwise a stray closer.
    return /\S/u.test(text.charAt(i + 1)) ? { open: { closers: '«', continuers: '»' } } : {};
  }
  if (char === '«' && top?.closers === '«') return {};
  const opener = OPENERS[char];
  return opener === undefined ? {} : { open: opener };
}

/** Index in `stack` of the innermost open quotation that `closer` closes, or -1. */
function findOpen(stack: readonly Open[], closer: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if ((stack[i] as Open).closers.includes(closer)) return i;
  return -1;
}
