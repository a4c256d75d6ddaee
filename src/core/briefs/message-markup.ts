/**
 * What {@link splitForLimit} must not cut through in a rendered message, and which formatting
 * tags are open where. Telegram HTML (`<b>`, `<a href>`, `<pre>`, `&amp;`), Discord markup
 * (`<@123>`, `<https://…>`) and bare URLs are recognised in any message.
 */

/** Whether a message may be cut between two characters, from most to least allowed. */
export const Cut = {
  Free: 0,
  /** Inside a URL: allowed only for a URL that cannot fit a message of its own. */
  InsideUrl: 1,
  /** Inside a tag, an entity, Discord markup, or a surrogate pair: never. */
  Never: 2,
} as const;

/** An element open at some point of the message, with the tag that opened it. */
export interface OpenElement {
  name: string;
  openTag: string;
}

/** The markup of one message. */
export interface MessageMarkup {
  /** `cut[p]`: may the message be cut between `p - 1` and `p`? */
  cut: Uint8Array;
  /** Start index of the closing tag or Discord markup that ends at each index, if any. */
  tagStartByEnd: ReadonlyMap<number, number>;
  /** Index just past each closing tag that starts at an index. */
  closingTagEndByStart: ReadonlyMap<number, number>;
  /** The elements open at `position` (outermost first); `position` is never inside a tag. */
  openAt(position: number): readonly OpenElement[];
}

// Tags with attributes may quote `>`; Discord's `<@123>`, `<:emoji:1>`, `<t:1:R>` and `<https://…>`
// have no spaces; entities; then bare URLs, which stop at `<` so that `</a>` is not part of them.
// Schemes are listed: a generic scheme pattern would take letters glued before `https` as part of it.
const MARKUP =
  /(<\/?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?\/?>)|<[^\s<>]+>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|((?:https?|ftps?|wss?|tg):\/\/[^\s<>"]+|www\.[^\s<>"]+)/gi;

const VOID_ELEMENTS = new Set([
  'br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'area', 'base', 'col', 'embed', 'source', 'track', 'param',
]);

/** Reads the markup of `text` once, so that every candidate cut can be judged in O(1). */
export function scanMessageMarkup(text: string): MessageMarkup {
  const cut = new Uint8Array(text.length + 1);
  const tagStartByEnd = new Map<number, number>();
  const closingTagEndByStart = new Map<number, number>();
  const stackEnds: number[] = [0];
  const stacks: Array<readonly OpenElement[]> = [[]];

  for (let i = 1; i < text.length; i++) {
    const high = text.charCodeAt(i - 1);
    const low = text.charCodeAt(i);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) cut[i] = Cut.Never;
  }

  MARKUP.lastIndex = 0;
  for (let match = MARKUP.exec(text); match !== null; match = MARKUP.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const kind = match[2] !== undefined ? Cut.InsideUrl : Cut.Never;
    for (let p = start + 1; p < end; p++) cut[p] = Math.max(cut[p] ?? 0, kind);
    const tag = match[1];
    if (tag === undefined) {
      if (match[0].startsWith('<')) tagStartByEnd.set(end, start);
      continue;
    }
    const name = (/^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(tag)?.[1] ?? '').toLowerCase();
    const current = stacks[stacks.length - 1] ?? [];
    if (tag.startsWith('</')) {
      tagStartByEnd.set(end, start);
      closingTagEndByStart.set(start, end);
      const index = current.map((element) => element.name).lastIndexOf(name);
      if (index === -1) continue;
      stacks.push(current.slice(0, index));
    } else if (tag.endsWith('/>') || VOID_ELEMENTS.has(name)) {
      continue;
    } else {
      stacks.push([...current, { name, openTag: tag }]);
    }
    stackEnds.push(end);
  }

  const openAt = (position: number): readonly OpenElement[] => {
    // The last tag ending at or before `position` set the stack that holds there.
    let lo = 0;
    let hi = stackEnds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((stackEnds[mid] ?? 0) <= position) lo = mid;
      else hi = mid - 1;
    }
    return stacks[lo] ?? [];
  };
  return { cut, tagStartByEnd, closingTagEndByStart, openAt };
}
