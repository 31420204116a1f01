// The training corpus shares no four-word sequence with the dev set's texts that the standards do not have (the shipped dev-overlap tool skips .jsonl files, so this reads them).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../../src/mapping/corpus.ts";

const SHARED = resolve(fileURLToPath(new URL("../../../shared", import.meta.url)));
const DEV = join(SHARED, "eval", "dev.jsonl");
const SEEDS = join(SHARED, "seeds");

// The same reading of words as ../shared/tools/dev-overlap, so the two agree on what a shared sequence is.
const words = (s: string) =>
  s
    .toLowerCase()
    .replaceAll("\u2019", "'")
    .match(/[a-z0-9£']+/g) ?? [];
function grams(text: string, n = 4): Set<string> {
  const ws = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= ws.length; i++) out.add(ws.slice(i, i + n).join(" "));
  return out;
}

const present = existsSync(DEV) && existsSync(SEEDS);
if (!present) console.warn(`corpus overlap: skipped, ${DEV} or ${SEEDS} is not beside the project`);

describe.skipIf(!present)("the training corpus against the dev set", () => {
  it("repeats no four-word sequence of the dev texts that is not in the standards", () => {
    const dev = new Set<string>();
    for (const line of readFileSync(DEV, "utf8").split("\n"))
      if (line.trim()) for (const g of grams((JSON.parse(line) as { text: string }).text)) dev.add(g);
    const standards = new Set<string>();
    for (const f of readdirSync(SEEDS))
      if (f.endsWith(".txt")) for (const g of grams(readFileSync(join(SEEDS, f), "utf8"))) standards.add(g);
    const corpus = readCorpus();
    const shared = new Map<string, string>();
    for (const item of [...corpus.accounts, ...corpus.sentences])
      for (const g of grams(item.text))
        if (dev.has(g) && !standards.has(g)) shared.set(g, "id" in item ? item.id : item.target);
    // Where each sequence was found, so a writer can reword it.
    expect([...shared].map(([g, where]) => `${where}: "${g}"`).slice(0, 40)).toEqual([]);
  });
});
