// `shiftnote progress <candidate email> [--json]`: a candidate's coverage and gaps in the terminal.

import { AppError } from "../../core/errors.ts";
import type { Coverage, ItemCoverage } from "../../portfolio/index.ts";
import { withPortfolio } from "../../portfolio/open-portfolio.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, UsageError } from "../cli-args.ts";
import { loadConfig } from "../config.ts";

const usage = `Usage:
  shiftnote progress <candidate email> [--json]
Shows, per unit, each criterion, knowledge item and range as ✓ assessed, ~ claimed (awaiting assessment) or
· missing, with the evidence references that cover it; then the gaps in words and what to read.
--json prints the same per unit, item by item, with state and evidence references.`;

export const command: Command = {
  summary: "Show a candidate's coverage and what is still missing",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
    const email = positionals[0];
    if (!email || positionals.length > 1) throw new UsageError("Give one candidate's email address.");
    const config = loadConfig();
    return withPortfolio(config.DATABASE_URL, async (portfolio) => {
      const candidate = await portfolio.personByEmail(email);
      if (!candidate || candidate.erased)
        throw new AppError("not_found", `Nobody with the email ${email} is in Shiftnote. Check the address.`);
      const coverage = await portfolio.progress({ actor: { system: "cli" }, candidateId: candidate.id });
      if (values.json) {
        console.log(
          JSON.stringify(
            { candidate: { name: candidate.name, email: candidate.email }, enrolments: coverage },
            null,
            2,
          ),
        );
        return 0;
      }
      for (const c of coverage)
        console.log(render(candidate.name, c, portfolio.catalogue.qualificationForLevel(c.level)?.title));
      return 0;
    });
  },
};

const MARK = { assessed: "✓", claimed: "~", missing: "·" } as const;

const item = (i: ItemCoverage) => `${MARK[i.state]} ${i.id}${i.refs.length ? ` ${i.refs.join(",")}` : ""}`;

/** Columns of items, as many as fit in 100 characters. */
function grid(items: ItemCoverage[]): string[] {
  const cells = items.map(item);
  const width = Math.max(...cells.map((c) => c.length)) + 2;
  const perLine = Math.max(1, Math.floor(96 / width));
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += perLine)
    lines.push(
      `    ${cells
        .slice(i, i + perLine)
        .map((c) => c.padEnd(width))
        .join("")
        .trimEnd()}`,
    );
  return lines;
}

function render(name: string, c: Coverage, title = c.qualificationId): string {
  const out = [`${name}: ${title} (Level ${c.level})`, ""];
  for (const u of c.units) {
    const t = u.tally;
    out.push(`${u.unitId} ${u.title}${u.complete ? "  (complete)" : ""}`);
    if (!u.standardsKnown) {
      out.push("    standards not in the catalogue yet", "");
      continue;
    }
    const sum = (label: string, x: typeof t.criteria) =>
      `  ${label.padEnd(10)} ${x.assessed}/${x.total} assessed, ${x.claimed} claimed, ${x.missing} missing`;
    out.push(sum("criteria", t.criteria), ...grid(u.criteria));
    if (u.knowledge.length) out.push(sum("knowledge", t.knowledge), ...grid(u.knowledge));
    if (u.ranges.length) out.push(sum("ranges", t.ranges), ...grid(u.ranges));
    out.push("");
  }
  out.push(
    `Unit plan: ${c.plan.ok ? "meets every structure rule the standards state" : "does not meet every rule yet"}`,
  );
  if (c.gaps.length) out.push("", "Still to do:", ...c.gaps.map((g) => `  ${g}`));
  else out.push("", "Nothing is missing: every unit is assessed.");
  if (c.reading.length)
    out.push(
      "",
      "Read in the Best Practice Guide:",
      ...c.reading.map((r) => `  ${r.section} ${r.title} (for ${r.for.join(", ")})`),
    );
  return out.join("\n");
}
