// Keeps the original recording in the files area, named by its content, written whole or not at all.
import { createHash, randomUUID } from "node:crypto";
import { copyFile, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";

export interface StoredAudio {
  /** Absolute path of the kept file. */
  path: string;
  /** Path relative to SHIFTNOTE_FILES_DIR, e.g. `audio/3f/3f…c2.m4a`: what evidence records should reference. */
  key: string;
  sha256: string;
  bytes: number;
  /** True when this call wrote the file; false when the same recording was already kept. */
  created: boolean;
}

const mimeExtensions: Record<string, string> = {
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/m4a": "m4a",
  "audio/aac": "aac",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/ogg": "ogg",
  "audio/opus": "opus",
  "audio/webm": "webm",
  "video/webm": "webm",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "video/mp4": "mp4",
};

/** A safe lower-case extension for a file from its name, else its MIME type, else `bin`. */
export function audioExtension(name: string, mimeType?: string): string {
  const fromName = extname(name).slice(1).toLowerCase();
  if (/^[a-z0-9]{1,5}$/.test(fromName)) return fromName;
  const fromMime = mimeType ? mimeExtensions[mimeType.split(";")[0]?.trim().toLowerCase() ?? ""] : undefined;
  return fromMime ?? "bin";
}

/**
 * Copies `sourcePath` to `<filesDir>/audio/<hash[0..2]>/<hash>.<ext>`. Idempotent (the same recording sent twice is
 * kept once), and atomic: a copy is renamed into place, so a crash never leaves half a file under the final name.
 */
export async function storeAudio(
  sourcePath: string,
  filesDir: string,
  extension: string,
): Promise<StoredAudio> {
  const content = await readFile(sourcePath);
  const sha256 = createHash("sha256").update(content).digest("hex");
  const key = join("audio", sha256.slice(0, 2), `${sha256}.${extension}`);
  const path = resolve(filesDir, key);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.size === content.length) return { path, key, sha256, bytes: content.length, created: false };
  await mkdir(resolve(filesDir, "audio", sha256.slice(0, 2)), { recursive: true });
  const partial = `${path}.${randomUUID()}.partial`;
  try {
    await copyFile(sourcePath, partial);
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
  return { path, key, sha256, bytes: content.length, created: true };
}
