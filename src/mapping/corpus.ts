// Reads the training corpus (data/training/FORMAT.md): example sentences per target and whole labelled accounts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL("../../data/training", import.meta.url));

const sentenceSchema = z.object({
  target: z.string().min(1),
  polarity: z.enum(["pos", "neg"]),
  register: z.string().default("typed"),
  workplace: z.string().default("other"),
  text: z.string().min(1),
});
export type CorpusSentence = z.infer<typeof sentenceSchema>;

const accountSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["account", "voice", "witness", "not_evidence"]),
  level: z.number().int().min(1).max(3),
  registered_units: z.array(z.string()).default([]),
  register: z.string().default("typed"),
  workplace: z.string().default("other"),
  text: z.string().min(1),
  gold: z
    .object({
      units: z.array(z.string()).default([]),
      pcs: z.array(z.string()).default([]),
      ranges: z.array(z.string()).default([]),
      knowledge: z.array(z.string()).default([]),
    })
    .default({ units: [], pcs: [], ranges: [], knowledge: [] }),
});
export type CorpusAccount = z.infer<typeof accountSchema>;

export interface Corpus {
  sentences: CorpusSentence[];
  accounts: CorpusAccount[];
  /** Lines that did not parse (a file being written, a typo), as "file:line". */
  skipped: string[];
}

function jsonlFiles(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonlFiles(path));
    else if (name.endsWith(".jsonl")) out.push(path);
  }
  return out;
}

/** Reads every `*.jsonl` under the corpus folder; a line that does not parse is skipped and listed. */
export function readCorpus(dir = DEFAULT_CORPUS_DIR): Corpus {
  const corpus: Corpus = { sentences: [], accounts: [], skipped: [] };
  for (const file of jsonlFiles(dir)) {
    const name = relative(dir, file);
    const isAccount = name.startsWith("accounts");
    const lines = readFileSync(file, "utf8").split(/\r?\n/);
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        corpus.skipped.push(`${name}:${i + 1}`);
        return;
      }
      if (isAccount) {
        const parsed = accountSchema.safeParse(json);
        if (parsed.success) corpus.accounts.push(parsed.data);
        else corpus.skipped.push(`${name}:${i + 1}`);
      } else {
        const parsed = sentenceSchema.safeParse(json);
        if (parsed.success) corpus.sentences.push(parsed.data);
        else corpus.skipped.push(`${name}:${i + 1}`);
      }
    });
  }
  return corpus;
}
