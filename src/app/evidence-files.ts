// The evidence's files on disk (recordings, photos and documents under SHIFTNOTE_FILES_DIR), as erasure removes them: the one way files leave.
import { lstat, open, readdir, rmdir, unlink } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { EvidenceFiles } from "../portfolio/index.ts";

/** Files larger than this are not searched by `sweep` (the evidence's own files are removed by key, not by content). */
const MAX_SWEEP_BYTES = 64 * 1024 * 1024;
const MAX_SWEEP_FILES = 10_000;

/** Erasure's view of the files folder: removes given keys, and files holding an erased person's words. */
export function evidenceFiles(filesDir: string): EvidenceFiles {
  const root = resolve(filesDir);
  const inside = (path: string) => path.startsWith(root + sep);

  async function removeFile(path: string): Promise<boolean> {
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
    // Empty folders left behind (audio/3f/) go too; stop at the first that is not empty.
    for (let dir = dirname(path); inside(dir); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
    return true;
  }

  async function* walk(dir: string): AsyncGenerator<string> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(path);
      else if (entry.isFile()) yield path;
    }
  }

  async function holdsAny(path: string, needles: Buffer[]): Promise<boolean> {
    const stat = await lstat(path);
    if (stat.size > MAX_SWEEP_BYTES) return false;
    const handle = await open(path, "r");
    try {
      const bytes = await handle.readFile();
      const lower = Buffer.from(bytes.toString("latin1").toLowerCase(), "latin1");
      return needles.some((n) => lower.includes(n));
    } finally {
      await handle.close();
    }
  }

  return {
    async remove(keys) {
      let removed = 0;
      for (const key of keys) {
        const path = resolve(root, key);
        if (inside(path) && (await removeFile(path))) removed += 1;
      }
      return removed;
    },
    async sweep(words) {
      const needles = words
        .filter((w) => w.length >= 3)
        .flatMap((w) => [Buffer.from(w.toLowerCase(), "utf8"), Buffer.from(w.toLowerCase(), "utf16le")]);
      if (needles.length === 0) return 0;
      let removed = 0;
      let seen = 0;
      for await (const path of walk(root)) {
        if (++seen > MAX_SWEEP_FILES) break;
        if ((await holdsAny(path, needles)) && (await removeFile(path))) removed += 1;
      }
      return removed;
    },
  };
}
