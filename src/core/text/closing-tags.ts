/**
 * Finding where an element of HTML closes, in time linear in the document however many elements
 * are left unclosed.
 */

/** Start and end tags of one element name, in document order, with the running nesting depth. */
interface TagIndex {
  /** Offset of each tag's `<`. */
  starts: number[];
  /** Offset just past each tag's `>`. */
  ends: number[];
  /**
   * For each tag `k`: the first tag at or after `k` that closes an element opened just before `k`
   * (where the depth first drops below its value before `k`), or -1 when none does.
   */
  closers: number[];
}

/**
 * Answers "where does the `name` element opened just before `from` close?" for one document.
 * Each element name's start and end tags are indexed once, on first use; every later question is a
 * binary search. Searching the text for each question instead cost a full scan per unclosed
 * element: 320 KB of unclosed `<figure>` took a minute.
 *
 * @example
 * ```ts
 * const closing = createClosingTagFinder('<figure><figure>a</figure>b</figure>c');
 * closing('figure', 8); // 36: just past the second </figure>
 * ```
 */
export function createClosingTagFinder(source: string): (name: string, from: number) => number {
  const indexes = new Map<string, TagIndex>();
  return (name, from) => {
    let index = indexes.get(name);
    if (index === undefined) {
      index = indexTags(source, name);
      indexes.set(name, index);
    }
    const first = firstAtOrAfter(index.starts, from);
    const closer = first < index.closers.length ? (index.closers[first] ?? -1) : -1;
    return closer === -1 ? -1 : (index.ends[closer] ?? -1);
  };
}

function indexTags(source: string, name: string): TagIndex {
  // `i` rather than lower-casing the text: `toLowerCase` can change the length (`İ` becomes two
  // code units), which would shift every offset after it.
  const open = new RegExp(`<(/?)${name}(?=[\\s/>])`, 'gi');
  const starts: number[] = [];
  const ends: number[] = [];
  const deltas: number[] = [];
  for (let tag = open.exec(source); tag !== null; tag = open.exec(source)) {
    // A tag runs to the first `>`. None left means no tag can end anywhere after this one either.
    const close = source.indexOf('>', tag.index);
    if (close === -1) break;
    starts.push(tag.index);
    ends.push(close + 1);
    deltas.push(tag[1] === '/' ? -1 : source[close - 1] === '/' ? 0 : 1);
    open.lastIndex = close + 1;
  }
  return { starts, ends, closers: closersOf(deltas) };
}

/**
 * With depth[k] the sum of the deltas before tag `k`, the closer of `k` is the first `j >= k` whose
 * depth after it is depth[k] - 1. Depth moves in steps of one, so that is the first later point
 * where depth is below depth[k]: a "next smaller value", found for all `k` with one stack, right
 * to left.
 */
function closersOf(deltas: readonly number[]): number[] {
  const depths = [0];
  for (const delta of deltas) depths.push((depths.at(-1) ?? 0) + delta);
  const closers = new Array<number>(deltas.length).fill(-1);
  // Points to the right of the current one that are lower than every point between; the top is
  // the nearest.
  const stack: number[] = [];
  for (let point = depths.length - 1; point >= 0; point--) {
    const depth = depths[point] ?? 0;
    while (stack.length > 0 && (depths[stack.at(-1) ?? 0] ?? 0) >= depth) stack.pop();
    if (point < deltas.length && stack.length > 0) closers[point] = (stack.at(-1) ?? 0) - 1;
    stack.push(point);
  }
  return closers;
}

/** Index of the first value in the ascending `values` that is at least `target`. */
function firstAtOrAfter(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
