// `shiftnote standards list|show|check`: browse the catalogue in a terminal and validate a centre's own file.

import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { AppError } from "../../core/errors.ts";
import {
  buildCatalogue,
  type Catalogue,
  CatalogueError,
  DEFAULT_CATALOGUE_DIR,
  loadCatalogue,
  loadCatalogueDir,
  readCatalogueFile,
} from "../../standards/catalogue.ts";
import type { Unit } from "../../standards/schema.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, parseLevel, UsageError } from "../cli-args.ts";

const usage = `Usage:
  shiftnote standards list [--level N]        units with titles and criterion counts
  shiftnote standards show <unit> [--json]    one unit in full (--json: the catalogue object)
  shiftnote standards check [FILE]            validate a catalogue file (default: the shipped catalogue)`;

const criterionCount = (unit: Unit) => unit.elements.reduce((n, e) => n + e.criteria.length, 0);

function list(catalogue: Catalogue, level: number | undefined): string {
  const units = level ? catalogue.unitsForLevel(level) : [...catalogue.units.values()];
  const qualification = level ? catalogue.qualificationForLevel(level) : undefined;
  const rows = units
    .slice()
    .sort((a, b) => a.level - b.level || a.id.localeCompare(b.id, "en", { numeric: true }))
    .map((u) => {
      const count = u.standardsInSeeds ? `${criterionCount(u)} criteria` : "standards not in the seeds";
      return `  ${u.id.padEnd(5)} L${u.level}  ${(u.title.length > 64 ? `${u.title.slice(0, 63)}…` : u.title).padEnd(64)}  ${count}`;
    });
  const heading = qualification
    ? `${qualification.title}: ${units.length} units`
    : `All units: ${units.length}`;
  return [heading, ...rows].join("\n");
}

function show(catalogue: Catalogue, unit: Unit): string {
  const theme = catalogue.themes.find((t) => t.id === unit.theme)?.title ?? "not stated";
  const lines = [
    `Unit ${unit.id}: ${unit.title}`,
    `Level ${unit.level} · theme ${theme}${unit.icsUnit ? ` · ICS unit ${unit.icsUnit}` : ""}${unit.qcaRef ? ` · ${unit.qcaRef}` : ""}`,
    `Realistic working environment: ${unit.realisticWorkingEnvironment.replace("_", " ")} · simulation: ${unit.simulation.replace("_", " ")}`,
  ];
  if (unit.summary) lines.push("", unit.summary);
  if (!unit.standardsInSeeds)
    lines.push("", "The standards for this unit are not printed in the source documents.");
  for (const element of unit.elements) {
    lines.push("", `${element.id}  ${element.title}`);
    for (const c of element.criteria) lines.push(`  ${c.id.padEnd(9)} ${c.text}`);
  }
  if (unit.knowledge.length) {
    lines.push("", "Knowledge and understanding");
    for (const k of unit.knowledge) {
      const sections = k.guideSections.map((s) =>
        `${s} ${catalogue.guideSections.get(s)?.title ?? ""}`.trim(),
      );
      lines.push(
        `  ${k.id.padEnd(9)} ${k.text}${sections.length ? `\n            guide: ${sections.join("; ")}` : ""}`,
      );
    }
  }
  if (unit.keyWords.length) lines.push("", `Key words: ${unit.keyWords.join(", ")}`);
  if (unit.evidenceRequirements.length) {
    lines.push("", "Evidence requirements");
    for (const er of unit.evidenceRequirements) {
      lines.push(`  ${er.id.padEnd(9)} ${er.text}`);
      for (const r of er.ranges) lines.push(`    ${r.id.padEnd(11)} ${r.text}  [${r.situation}]`);
    }
  }
  if (unit.errata.length) {
    lines.push("", "Errata in the source");
    for (const e of unit.errata)
      lines.push(`  ${e.source}: printed "${e.printed}", recorded "${e.recorded}": ${e.note}`);
  }
  return lines.join("\n");
}

/** Validates FILE together with the shipped catalogue, so its references to shared themes and situations resolve. */
function check(file: string | undefined): number {
  if (!file) {
    const catalogue = loadCatalogueDir();
    console.log(
      `The shipped catalogue is valid: ${catalogue.qualifications.length} qualifications, ${catalogue.units.size} units.`,
    );
    return 0;
  }
  const path = resolve(file);
  try {
    const data = readCatalogueFile(path);
    const shipped = readdirSync(DEFAULT_CATALOGUE_DIR)
      .filter((n) => n.endsWith(".json") && resolve(DEFAULT_CATALOGUE_DIR, n) !== path)
      .map((name) => ({ name, data: readCatalogueFile(resolve(DEFAULT_CATALOGUE_DIR, name)) }));
    buildCatalogue([...shipped, { name: file, data }]);
    console.log(
      `${file} is valid: ${data.qualifications.length} qualifications, ${data.units.length} units.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    console.error(`${file} is not valid:`);
    for (const problem of error.problems) console.error(`  - ${problem}`);
    return 1;
  }
}

export const command: Command = {
  summary: "List, show and check the standards catalogue",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      level: { type: "string" },
      json: { type: "boolean" },
    });
    const [action, target, ...extra] = positionals;
    if (extra.length) throw new UsageError(`Unexpected "${extra.join(" ")}".`);
    switch (action) {
      case "list":
        console.log(list(loadCatalogue(), parseLevel(values.level)));
        return 0;
      case "show": {
        if (!target)
          throw new UsageError("Say which unit to show, for example `shiftnote standards show 205`.");
        const catalogue = loadCatalogue();
        const unit = catalogue.unit(target);
        if (!unit)
          throw new AppError(
            "not_found",
            `There is no unit "${target}". Run \`shiftnote standards list\` to see the units.`,
          );
        console.log(values.json ? JSON.stringify(unit, null, 2) : show(catalogue, unit));
        return 0;
      }
      case "check":
        return check(target);
      default:
        throw new UsageError(action ? `Unknown action "${action}".` : "Say what to do: list, show or check.");
    }
  },
};
