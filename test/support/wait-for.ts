/**
 * Waiting for a condition instead of sleeping, for the integration tests and the benchmarks
 * (free of vitest, so that `bench/` can use it).
 */

/**
 * Polls `check` every `everyMs` until it returns something other than `undefined`/`false` (or
 * stops throwing), and returns that; fails with the last error or `label` after `timeoutMs`.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  label = 'condition',
  everyMs = 25,
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError instanceof Error) throw lastError;
      throw new Error(`waitFor: ${label} not reached within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
