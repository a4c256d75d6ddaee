import { expect } from 'vitest';
import { KabarError } from '../../../src/core/errors.js';

/** Test helper: the `KabarError` a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<KabarError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a KabarError, but it resolved with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(KabarError);
  return outcome.error as KabarError;
}
