// `shiftnote rules check`: says whether a unit plan satisfies the qualification's structure, and why not.

import { AppError } from "../../core/errors.ts";
import { loadCatalogue } from "../../standards/catalogue.ts";
import { checkUnitPlan } from "../../standards/rules.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, parseLevel, parseList, UsageError } from "../cli-args.ts";

const usage = `Usage:
  shiftnote rules check --level N --units 301,302,205,…   check a unit plan against the qualification [--json]`;

const mark = { met: "✓", not_met: "✗", unknown: "?" } as const;

export const command: Command = {
  summary: "Check a unit plan against a qualification's structure rules",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      level: { type: "string" },
      units: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals[0] !== "check" || positionals.length > 1)
      throw new UsageError("The only action is `check`.");
    const level = parseLevel(values.level);
    const units = parseList(values.units);
    if (!level) throw new UsageError("Give the level with --level 1, 2 or 3.");
    if (!units?.length) throw new UsageError("Give the plan with --units, for example --units 301,302,205.");
    const catalogue = loadCatalogue();
    const unknown = units.filter((id) => !catalogue.unit(id));
    if (unknown.length)
      throw new AppError(
        "not_found",
        `Unknown unit${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}. Run \`shiftnote standards list --level ${level}\` to see the units.`,
      );
    const result = checkUnitPlan(catalogue, level, units);
    if (values.json) {
      const { qualification, ...rest } = result;
      console.log(JSON.stringify({ qualification: qualification.id, ...rest }, null, 2));
      return result.ok ? 0 : 1;
    }
    console.log(`${result.qualification.title}, plan ${result.units.join(", ")}`);
    for (const o of result.outcomes) console.log(`  ${mark[o.status]} ${o.rule}: ${o.detail}`);
    for (const u of result.unknowns) console.log(`  ? ${u}`);
    console.log(
      result.ok
        ? "The plan meets every rule the standards state."
        : "The plan does not meet the qualification's rules yet: see the ✗ and ? lines above.",
    );
    return result.ok ? 0 : 1;
  },
};
