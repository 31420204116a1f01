// `shiftnote admin expert-witness add|confirm`: the record of expert witness (004) made and confirmed from the command line.
import { AppError } from "../../core/errors.ts";
import type { Portfolio } from "../../portfolio/index.ts";
import { parseCommandArgs, parseList, UsageError } from "../cli-args.ts";

export const EXPERT_WITNESS_USAGE = `  shiftnote admin expert-witness add <email> --position <p> --site <s> --units 205,206 --years N
      --experience <t> --knowledge <t> --cpd <t> [--qualification <t>]   record an expert witness (they sign it in chat or on the page)
  shiftnote admin expert-witness confirm <record id> --by <admin or verifier email>   the centre confirms a signed record`;

const options = {
  position: { type: "string" },
  site: { type: "string" },
  units: { type: "string" },
  years: { type: "string" },
  experience: { type: "string" },
  knowledge: { type: "string" },
  cpd: { type: "string" },
  qualification: { type: "string" },
  by: { type: "string" },
} as const;

async function person(portfolio: Portfolio, email: string | undefined) {
  if (!email) throw new UsageError("Give the expert witness's email address.");
  const found = await portfolio.personByEmail(email);
  if (!found || found.erased)
    throw new AppError(
      "not_found",
      `Nobody with the email ${email} is in Shiftnote. Add them first with \`shiftnote admin person add\`.`,
    );
  return found;
}

/** Runs one expert-witness subcommand against an open portfolio; returns the exit code. */
export async function expertWitnessCommand(portfolio: Portfolio, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options);
  const [action, email] = positionals;
  if (action === "add") {
    const witness = await person(portfolio, email);
    const units = parseList(values.units);
    const years = Number(values.years);
    if (!units?.length) throw new UsageError("Give --units, the units they provide evidence for.");
    if (!values.years || !Number.isFinite(years))
      throw new UsageError("Give --years, their years of experience in those units.");
    const record = await portfolio.recordExpertWitness({
      actor: { system: "cli" },
      personId: witness.id,
      position: values.position ?? "",
      site: values.site ?? "",
      unitIds: units,
      experienceYears: years,
      experience: values.experience ?? "",
      standardsKnowledge: values.knowledge ?? "",
      cpd: values.cpd ?? "",
      ...(values.qualification ? { assessmentQualification: values.qualification } : {}),
    });
    console.log(
      `Recorded ${witness.name} as an expert witness for units ${units.join(", ")} (record ${record.id}). They are asked to sign it; then confirm it with \`shiftnote admin expert-witness confirm ${record.id} --by <admin email>\`.`,
    );
    return 0;
  }
  if (action === "confirm") {
    if (!email) throw new UsageError("Give the record id that `expert-witness add` printed.");
    const by = await person(portfolio, values.by);
    const record = await portfolio.confirmExpertWitness({ actorId: by.id, expertWitnessId: email });
    console.log(`${by.name} confirmed the expert witness record of ${record.name}.`);
    return 0;
  }
  throw new UsageError(
    "Say add or confirm, for example `shiftnote admin expert-witness add sam@example.com …`.",
  );
}
