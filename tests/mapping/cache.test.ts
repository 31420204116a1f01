// The mapper's start-up cache: values come back only under their full key, and a cache that cannot be used is skipped.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprint, mapperSourceHash, readCached, writeCached } from "../../src/mapping/cache.ts";

const saved = process.env.SHIFTNOTE_CACHE_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.SHIFTNOTE_CACHE_DIR;
  else process.env.SHIFTNOTE_CACHE_DIR = saved;
});

describe("start-up cache", () => {
  it("returns a value under its full key only, and keeps one file per name", () => {
    const dir = mkdtempSync(join(tmpdir(), "mapper-cache-"));
    process.env.SHIFTNOTE_CACHE_DIR = dir;
    const key = fingerprint("catalogue", "vocabulary");
    expect(readCached("priors", key)).toBeUndefined();
    writeCached("priors", key, [1, 2, 3]);
    expect(readCached("priors", key)).toEqual([1, 2, 3]);
    expect(readCached("priors", fingerprint("catalogue", "other vocabulary"))).toBeUndefined();
    writeCached("priors", fingerprint("changed"), [4]);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("is skipped when turned off or when its folder cannot be written", () => {
    process.env.SHIFTNOTE_CACHE_DIR = "off";
    writeCached("priors", "k", 1);
    expect(readCached("priors", "k")).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), "mapper-cache-")), "a-file");
    writeFileSync(file, "");
    process.env.SHIFTNOTE_CACHE_DIR = join(file, "cache");
    expect(() => writeCached("priors", "k", 1)).not.toThrow();
    expect(readCached("priors", "k")).toBeUndefined();
  });

  it("keys on the mapper's code", () => {
    expect(mapperSourceHash()).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint("a", "b")).not.toBe(fingerprint("ab"));
  });
});
