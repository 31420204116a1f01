// `shiftnote map`: maps one account (a file, standard input or a voice note) to the standards and shows why.
import { readFileSync } from "node:fs";
import { AppError } from "../../core/errors.ts";
import {
  ACCOUNT_ASK,
  asksForAccount,
  type CriterionSuggestion,
  type KnowledgeSuggestion,
  type MappingResult,
  type SupportingSentence,
  shownClaims,
} from "../../mapping/types.ts";
import { type Catalogue, loadCatalogue } from "../../standards/catalogue.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, parseLevel, parseList, UsageError } from "../cli-args.ts";
import { loadConfig } from "../config.ts";

const usage = `Usage: shiftnote map [--level N] [--units a,b,c] [--focus knowledge] [--mapper offline|llm] [--json] [FILE|-]
  Maps one account to the standards: reads FILE, or standard input when FILE is "-" or left out.
  --level N          the candidate's qualification level: 1, 2 or 3 (default 2)
  --units a,b,c      the units on the candidate's plan (default: every unit of the level)
  --focus knowledge  read it as a professional discussion or oral questioning: the knowledge items it shows
                     come first, with a longer list, as the assessor's discussion record reads them
  --mapper NAME      offline (default) or llm: the language model set by OPENAI_API_KEY, OPENAI_BASE_URL
                     and SHIFTNOTE_LLM_MODEL re-ranks the offline result, which stands if it fails
  --json             print the full result as JSON
  --audio FILE       map a voice note instead of text (see docs/VOICE.md for the engines)`;

/** Biggest text read; the mapper itself takes less and says so, this only stops a runaway pipe. */
const MAX_INPUT_BYTES = 1_000_000;

/** A voice note's transcript; the voice module is loaded only when --audio is used, so text mapping starts faster. */
async function textFromAudio(path: string): Promise<string> {
  const { transcribeFile } = await import("../../voice/transcribe.ts");
  return (await transcribeFile(path, loadConfig())).text;
}

function readText(file: string | undefined): string {
  if (!file || file === "-") {
    if (process.stdin.isTTY)
      throw new UsageError('Give a FILE to map, or pipe the text in: echo "…" | shiftnote map -');
    return limit(readFileSync(0), "standard input");
  }
  try {
    return limit(readFileSync(file), file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AppError("not_found", `There is no file "${file}"; check the path.`);
    if (code === "EISDIR")
      throw new AppError("bad_input", `"${file}" is a folder; give the path of a text file.`);
    throw new AppError("bad_input", `"${file}" cannot be read (${code ?? (error as Error).message}).`);
  }
}

function limit(bytes: Buffer, what: string): string {
  if (bytes.length > MAX_INPUT_BYTES)
    throw new AppError(
      "too_large",
      `${what} is ${Math.round(bytes.length / 1000)} kB; one account is at most a few thousand words. Split it and map each part.`,
    );
  return bytes.toString("utf8");
}

function checkUnits(catalogue: Catalogue, units: string[] | undefined, level: number) {
  for (const id of units ?? [])
    if (!catalogue.unit(id))
      throw new AppError(
        "not_found",
        `There is no unit "${id}". Run \`shiftnote standards list --level ${level}\` to see the units.`,
      );
}

// --- the readable report -------------------------------------------------------------------------

const oneLine = (s: string, max = 150) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const quote = (s: SupportingSentence | null) => (s ? `“${oneLine(s.text)}”` : "");
const score = (x: number) => x.toFixed(2);

/** The knowledge items shown, each with its Best Practice Guide sections and the sentence that shows it. */
function knowledgeLines(result: MappingResult, catalogue: Catalogue): string[] {
  const knowledge = shownClaims(result).filter((k): k is KnowledgeSuggestion => "guideSections" in k);
  if (!knowledge.length) return [];
  const lines = ["", "Knowledge shown"];
  for (const k of knowledge) {
    lines.push(`  ${k.id.padEnd(9)} ${k.text}`);
    const guide = k.guideSections.map((id) => `${id} ${catalogue.guideSections.get(id)?.title ?? ""}`.trim());
    if (guide.length) lines.push(`            guide: ${guide.join("; ")}`);
    lines.push(`            ${quote(k.support)}`);
  }
  return lines;
}

/** The result as a person reads it in a terminal. */
export function formatResult(result: MappingResult, catalogue: Catalogue, loadMs?: number): string {
  const ms = (x: number) => `${Math.max(1, Math.round(x)).toLocaleString("en-GB")} ms`;
  // Loading the model happens once per process (the server does it at start, src/app/wiring.ts), so it is said
  // apart from the mapping of this text.
  const took =
    loadMs === undefined
      ? ms(result.elapsedMs)
      : `${ms(result.elapsedMs)}, after ${ms(loadMs)} loading the model`;
  const lines: string[] = [];
  const by = result.mapper === "llm" ? "the language model" : `the ${result.mapper} mapper`;
  lines.push(
    result.isEvidence
      ? `Evidence: yes (mapped by ${by} in ${took})`
      : `Not evidence: ${result.reason ?? "no match"}`,
  );
  if (!result.isEvidence && !asksForAccount(result.reason)) lines.push(ACCOUNT_ASK);
  if (result.fallbackReason) lines.push(`The language model was not used: ${result.fallbackReason}.`);
  if (result.unitsConsidered?.length)
    lines.push(
      `Units considered: ${result.unitsConsidered.join(", ")}${result.scorer ? ` (${result.scorer})` : ""}`,
    );

  // A discussion (focus "knowledge") is there to show understanding: its knowledge comes first.
  const discussion = result.focus === "knowledge";
  if (discussion) lines.push("Read as a professional discussion: the knowledge it shows comes first.");
  if (result.units.length) {
    lines.push("", "Units");
    for (const u of result.units) lines.push(`  ${u.unitId.padEnd(5)} ${u.title}  (${score(u.score)})`);
  }
  if (discussion) lines.push(...knowledgeLines(result, catalogue));
  const shown = shownClaims(result).filter((c): c is CriterionSuggestion => !("guideSections" in c));
  if (shown.length) {
    lines.push("", `Criteria the card shows and files (${shown.length})`);
    for (const c of shown) {
      lines.push(`  ${c.id.padEnd(9)} ${c.text}  (${score(c.score)})`);
      lines.push(`            ${quote(c.support)}`);
    }
  }
  const others = result.criteria.filter((c) => c.shown === false).slice(0, 10);
  if (others.length)
    lines.push(
      "",
      `Also considered, not claimed: ${others.map((c) => `${c.id} (${score(c.score)})`).join(", ")}`,
    );
  if (result.ranges.length) {
    lines.push("", "Ranges covered");
    for (const r of result.ranges)
      lines.push(`  ${r.id.padEnd(11)} ${r.text}`, `              ${quote(r.support)}`);
  }
  if (result.situations.length) {
    lines.push("", "Situations");
    for (const s of result.situations) lines.push(`  ${s.label}: ${quote(s.support)}`);
  }
  if (!discussion) lines.push(...knowledgeLines(result, catalogue));
  const found = result.privacy.found;
  if (found.length) {
    lines.push(
      "",
      `Privacy: ${found.length} personal detail${found.length === 1 ? "" : "s"} about other people`,
    );
    for (const f of found) lines.push(`  ${f.kind.replace("_", " ")}: “${f.text}”`);
    lines.push("  File it without them:", ...result.privacy.redacted.split("\n").map((l) => `  | ${l}`));
  }
  return lines.join("\n");
}

export const command: Command = {
  summary: "Map one account to the standards: criteria, ranges, knowledge, and the sentences that show them",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      level: { type: "string" },
      units: { type: "string" },
      mapper: { type: "string" },
      json: { type: "boolean" },
      audio: { type: "string" },
      focus: { type: "string" },
    });
    if (positionals.length > 1) throw new UsageError(`Give one FILE to map (got ${positionals.length}).`);
    const mapper = values.mapper ?? "offline";
    if (mapper !== "offline" && mapper !== "llm")
      throw new UsageError(`--mapper must be offline or llm (got "${mapper}").`);
    if (values.audio !== undefined && positionals.length)
      throw new UsageError("Give either --audio FILE or a text FILE, not both.");
    if (values.focus !== undefined && values.focus !== "knowledge")
      throw new UsageError(
        `--focus takes one value, knowledge, for a professional discussion or oral questioning (got "${values.focus}").`,
      );
    const focus = values.focus === "knowledge" ? { focus: "knowledge" as const } : {};
    const level = parseLevel(values.level) ?? 2;
    const units = parseList(values.units);
    const catalogue = loadCatalogue();
    checkUnits(catalogue, units, level);
    // Read the configuration before the input, so a bad variable is reported first.
    const config = mapper === "llm" ? loadConfig() : undefined;

    const text = values.audio !== undefined ? await textFromAudio(values.audio) : readText(positionals[0]);
    const options = { level, ...(units?.length ? { units } : {}), ...focus };
    // The mappers load their language models on import: only when there is something to map.
    if (config) {
      const result = await (await import("../../mapping/llm.ts")).mapEvidenceWithLlm(text, options, config);
      console.log(values.json ? JSON.stringify(result, null, 2) : formatResult(result, catalogue));
      return 0;
    }
    const offline = await import("../../mapping/offline.ts");
    const loading = performance.now();
    offline.learnedMapper(catalogue);
    const loadMs = performance.now() - loading;
    const result = offline.mapEvidence(text, options, catalogue);
    console.log(values.json ? JSON.stringify(result, null, 2) : formatResult(result, catalogue, loadMs));
    return 0;
  },
};
