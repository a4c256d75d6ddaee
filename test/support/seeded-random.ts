/**
 * A small, fast, seeded PRNG (mulberry32), for generated test and bench inputs that must be the
 * same on every run.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // always the same first number in [0, 1)
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
