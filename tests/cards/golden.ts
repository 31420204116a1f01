// Golden files for card tests: UPDATE_GOLDEN=1 writes them, otherwise the output must match what is stored.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");
export const updating = process.env.UPDATE_GOLDEN === "1";

/** Compares `text` with the stored golden file `name`, or writes it when updating. */
export function expectGoldenText(name: string, text: string): void {
  const file = join(GOLDEN_DIR, name);
  if (updating) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file))
    throw new Error(`No golden file ${name}: run UPDATE_GOLDEN=1 npx vitest run tests/cards`);
  expect(text).toBe(readFileSync(file, "utf8"));
}

export const goldenJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Compares a JSON value with the golden file `name` (`*.golden.json`). */
export function expectGolden(name: string, value: unknown): void {
  expectGoldenText(name, goldenJson(value));
}
