/**
 * Edit distance, for "did you mean" suggestions on short names (variables, topics).
 */

/**
 * The Levenshtein distance between `a` and `b`: the fewest insertions, deletions and
 * substitutions that turn one into the other. Quadratic: meant for names, not documents.
 *
 * @example
 * ```ts
 * editDistance('KABAR_TRANSLATER', 'KABAR_TRANSLATOR'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `name` by {@link editDistance} (the first of equals), with its distance. */
export function closestTo(name: string, candidates: readonly string[]): { candidate: string; distance: number } | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best;
}
