// Asserts that a use case failed with the AppError code (and words) a person would see.
import { expect } from "vitest";
import { AppError } from "../../src/core/errors.ts";

export async function expectAppError(
  promise: Promise<unknown>,
  code: AppError["code"],
  words?: string | RegExp,
) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected an AppError "${code}"`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (words) expect((error as AppError).message).toMatch(words);
  return error as AppError;
}
