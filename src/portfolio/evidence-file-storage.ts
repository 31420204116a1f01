// Keeps the bytes of photos and documents in the files area, named by their content (erasure removes them through EvidenceFiles).
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";

export interface KeptFile {
  key: string;
  sha256: string;
  bytes: number;
}

/** Writes `content` to `<filesDir>/files/<hash[0..2]>/<hash>.<ext>`, whole or not at all; the same content is kept once. */
export async function keepFile(filesDir: string, content: Uint8Array, extension: string): Promise<KeptFile> {
  const sha256 = createHash("sha256").update(content).digest("hex");
  const key = join("files", sha256.slice(0, 2), `${sha256}.${extension}`);
  const path = resolve(filesDir, key);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.size !== content.byteLength) {
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, content);
      await rename(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return { key, sha256, bytes: content.byteLength };
}

/** The absolute path of a key inside the files area, or undefined for a key that would leave it. */
export function keptPath(filesDir: string, key: string): string | undefined {
  const root = resolve(filesDir);
  const path = resolve(root, key);
  return path.startsWith(root + sep) ? path : undefined;
}

export async function readKeptFile(filesDir: string, key: string): Promise<Uint8Array | undefined> {
  const path = keptPath(filesDir, key);
  return path ? readFile(path).catch(() => undefined) : undefined;
}
