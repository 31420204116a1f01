// Reads a labelled evaluation set (JSON Lines, the format of shared/eval/FORMAT.md), validating each line.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { AppError } from "../core/errors.ts";

export const evalKinds = ["account", "voice", "witness", "not_evidence"] as const;
export type EvalKind = (typeof evalKinds)[number];

const evalItemSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(evalKinds),
  level: z.number().int().min(1).max(4),
  registered_units: z.array(z.string()).default([]),
  text: z.string(),
  gold: z.object({
    units: z.array(z.string()).default([]),
    pcs: z.array(z.string()).default([]),
    ranges: z.array(z.string()).default([]),
  }),
});

/** One labelled text. Extra fields (`notes`, `tags`) are ignored. */
export type EvalItem = z.infer<typeof evalItemSchema>;

/** Parses JSON Lines text; blank lines are skipped; a bad line is an AppError naming the line. */
export function parseEvalSet(text: string, name = "the evaluation set"): EvalItem[] {
  const items: EvalItem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new AppError("bad_input", `${name}, line ${i + 1}: is not valid JSON.`);
    }
    const parsed = evalItemSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        "bad_input",
        `${name}, line ${i + 1}: ${issue?.path.join(".") || "line"}: ${issue?.message}.`,
      );
    }
    items.push(parsed.data);
  }
  return items;
}

/** Reads and parses a JSON Lines file. */
export function readEvalSet(path: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new AppError("not_found", `Cannot read ${path}; check the path.`);
  }
  return parseEvalSet(text, path);
}
