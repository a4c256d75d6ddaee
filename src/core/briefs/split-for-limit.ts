/**
 * Splitting a rendered message into pieces a chat platform accepts.
 */
import { KabarError } from '../errors.js';
import { Cut, scanMessageMarkup, type MessageMarkup } from './message-markup.js';

/** Measures a message as the platform counts it. */
export type Measure = (message: string) => number;

/** UTF-16 code units: how Discord and Telegram count. */
export const utf16Length: Measure = (message) => message.length;

// A cut at a better kind of place is preferred only while the piece stays at least this full,
// relative to the longest piece that would fit; otherwise messages get needlessly short.
const MIN_FILL = 0.5;

const PARAGRAPH = 3;
const SENTENCE = 2;
const WORD = 1;

const TERMINATOR = /[.!?…؟。！？।۔]/u;
const CLOSER = /["'”’»›)\]」』*_~`]/u;

/** A place the message may be cut: the piece ends at `end`, the next one starts at `next`. */
interface Candidate {
  end: number;
  next: number;
  level: number;
}

/**
 * Splits `text` into pieces that each measure at most `limit`, for platforms that cap a message's
 * length (Discord 2000, Telegram 4096 after entity parsing: pass a `measure` that counts what the
 * platform counts).
 *
 * Cuts at paragraph ends (line breaks) first, then sentence ends, then any whitespace, preferring a
 * better kind of place while the piece stays at least half as full as it could be. Never cuts
 * inside a URL, an HTML tag, an entity (`&amp;`) or Discord markup (`<@123>`, `<https://…>`). HTML
 * elements open at a cut (`b`, `i`, `u`, `s`, `a`, `code`, `pre`, `blockquote`, and any other) are
 * closed at the end of the piece and reopened, with their attributes, at the start of the next.
 * Whitespace at a cut is dropped.
 *
 * Only a single word longer than the limit is cut inside, and then never inside a URL that could
 * fit a piece of its own. Returns `[]` for blank text.
 *
 * @example
 * ```ts
 * splitForLimit(renderBriefText(brief), 2000);           // Discord
 * splitForLimit(html, 4096, telegramVisibleLength);      // Telegram HTML
 * ```
 */
export function splitForLimit(text: string, limit: number, measure: Measure = utf16Length): string[] {
  if (!Number.isFinite(limit) || limit < 1) {
    throw new KabarError('permanent', `splitForLimit: limit must be a positive number, got ${limit}`, {
      code: 'invalid-argument',
    });
  }
  const markup = scanMessageMarkup(text);
  const candidates = cutCandidates(text, markup);
  const piece = (start: number, end: number): string => {
    const reopen = markup.openAt(start).map((element) => element.openTag).join('');
    const close = [...markup.openAt(end)].reverse().map((element) => `</${element.name}>`).join('');
    return `${reopen}${text.slice(start, end).trimEnd()}${close}`;
  };
  const size = (start: number, end: number): number => measure(piece(start, end));
  const fits = (start: number, end: number): boolean => size(start, end) <= limit;

  const pieces: string[] = [];
  let start = skipSpace(text, 0);
  let first = 0;
  while (start < text.length) {
    if (fits(start, text.length)) {
      pieces.push(piece(start, text.length));
      break;
    }
    while (first < candidates.length && (candidates[first]?.end ?? 0) <= start) first++;
    const best = lastFitting(first, candidates.length - 1, (index) => fits(start, candidates[index]?.end ?? 0));
    let end: number;
    let next: number;
    if (best === undefined) {
      end = hardCut(markup, start, candidates[first]?.end ?? text.length, fits);
      next = end;
    } else {
      const chosen = preferred(candidates, first, best, (end) => size(start, end), limit);
      end = chosen.end;
      next = chosen.next;
    }
    pieces.push(piece(start, end));
    start = skipSpace(text, next);
  }
  return pieces.filter((chunk) => chunk.trim() !== '');
}

/** Every whitespace run outside markup, ranked by the kind of place it is. */
function cutCandidates(text: string, markup: MessageMarkup): Candidate[] {
  const candidates: Candidate[] = [];
  for (const run of text.matchAll(/\s+/g)) {
    const end = run.index;
    if (end === 0 || markup.cut[end] !== Cut.Free) continue;
    let next = end + run[0].length;
    if (next >= text.length) continue;
    let pieceEnd = end;
    // Closing tags after the space belong to the piece before the cut, not to an empty next one.
    for (let close = markup.closingTagEndByStart.get(next); close !== undefined; close = markup.closingTagEndByStart.get(next)) {
      pieceEnd = close;
      next = skipSpace(text, close);
    }
    if (next >= text.length) continue;
    const level = run[0].includes('\n') ? PARAGRAPH : endsSentence(text, markup, end) ? SENTENCE : WORD;
    candidates.push({ end: pieceEnd, next, level });
  }
  return candidates;
}

/** True when the text before `position`, past closing quotes and tags, ends with a terminator. */
function endsSentence(text: string, markup: MessageMarkup, position: number): boolean {
  let p = position;
  while (p > 0) {
    const tagStart = markup.tagStartByEnd.get(p);
    if (tagStart !== undefined) p = tagStart;
    else if (CLOSER.test(text.charAt(p - 1))) p--;
    else break;
  }
  return TERMINATOR.test(text.charAt(p - 1));
}

/**
 * The highest index in [lo, hi] for which `ok` holds, assuming it holds for a prefix of the range:
 * galloping from `lo`, then bisecting, so that the work stays near the size of one piece.
 */
function lastFitting(lo: number, hi: number, ok: (index: number) => boolean): number | undefined {
  if (lo > hi || !ok(lo)) return undefined;
  let good = lo;
  // Past the end means "not found failing yet".
  let bad = hi + 1;
  for (let step = 1; good + step <= hi; step *= 2) {
    if (!ok(good + step)) {
      bad = good + step;
      break;
    }
    good += step;
  }
  if (bad > hi) {
    if (good === hi || ok(hi)) return hi;
    bad = hi;
  }
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * The best kind of place among the fitting candidates up to `best`, as long as the piece stays at
 * least {@link MIN_FILL} as full (by `measure`) as cutting at `best` would make it.
 */
function preferred(
  candidates: readonly Candidate[],
  first: number,
  best: number,
  size: (end: number) => number,
  limit: number,
): Candidate {
  const farthest = candidates[best] as Candidate;
  const floor = size(farthest.end) * MIN_FILL;
  for (const level of [PARAGRAPH, SENTENCE]) {
    for (let index = best; index >= first; index--) {
      const candidate = candidates[index] as Candidate;
      if (candidate.level < level) continue;
      const measured = size(candidate.end);
      if (measured < floor) break;
      // The measure need not grow with length (closing tags come and go), so check the limit again.
      if (measured <= limit) return candidate;
    }
  }
  return farthest;
}

/**
 * Where to cut inside the word running from `start` to `wordEnd`, which is too long for a piece:
 * the farthest free place that fits, else (for a URL that cannot fit a piece of its own) inside
 * the URL, else just past the first unbreakable unit, the one case where a piece exceeds the limit.
 */
function hardCut(
  markup: MessageMarkup,
  start: number,
  wordEnd: number,
  fits: (start: number, end: number) => boolean,
): number {
  // Bound the search by doubling, so that a 100 KB word costs about one piece, not the whole word.
  let bound = Math.min(wordEnd - 1, start + 64);
  while (bound < wordEnd - 1 && fits(start, bound)) bound = Math.min(wordEnd - 1, start + (bound - start) * 2);
  for (const allowed of [Cut.Free, Cut.InsideUrl]) {
    const positions: number[] = [];
    for (let p = start + 1; p <= bound; p++) if ((markup.cut[p] ?? 0) <= allowed) positions.push(p);
    const index = lastFitting(0, positions.length - 1, (i) => fits(start, positions[i] ?? start));
    if (index !== undefined) return positions[index] ?? wordEnd;
  }
  for (let p = start + 1; p < wordEnd; p++) if (markup.cut[p] !== Cut.Never) return p;
  return wordEnd;
}

function skipSpace(text: string, from: number): number {
  let p = from;
  while (p < text.length && /\s/.test(text.charAt(p))) p++;
  return p;
}
