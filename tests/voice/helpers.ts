// Shared set-up for the voice tests: a configuration with scratch folders, and a way to catch an AppError.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { configSchema } from "../../src/app/config.ts";
import { AppError } from "../../src/core/errors.ts";
import type { VoiceConfig } from "../../src/voice/pipeline.ts";

export interface Scratch {
  /** SHIFTNOTE_FILES_DIR for the test. */
  files: string;
  /** The pipeline's scratch folder, to check nothing is left behind. */
  work: string;
  config(env?: Record<string, string>): VoiceConfig;
  /** Every file under the files area, relative to it. */
  stored(): Promise<string[]>;
  leftovers(): Promise<string[]>;
  remove(): Promise<void>;
}

export async function scratch(): Promise<Scratch> {
  const root = await mkdtemp(join(tmpdir(), "shiftnote-voice-test-"));
  const files = join(root, "files");
  const work = join(root, "work");
  await import("node:fs/promises").then((fs) => fs.mkdir(work));
  return {
    files,
    work,
    config: (env = {}) => configSchema.parse({ SHIFTNOTE_FILES_DIR: files, ...env }),
    stored: async () =>
      (await readdir(files, { recursive: true, withFileTypes: true }).catch(() => []))
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name).slice(files.length + 1))
        .sort(),
    leftovers: () => readdir(work),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Awaits a promise that must reject with an AppError, and returns the error. */
export async function appError<T extends AppError = AppError>(promise: Promise<unknown>): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as T;
}
