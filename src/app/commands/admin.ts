// `shiftnote admin …`: create a centre, add people, link chat identities, enrol, assign assessors, export and erase.
import { writeFileSync } from "node:fs";
import { AppError } from "../../core/errors.ts";
import { CHANNELS, type Channel, ROLES, type Role } from "../../core/types.ts";
import type { Portfolio } from "../../portfolio/index.ts";
import { withPortfolio } from "../../portfolio/open-portfolio.ts";
import type { PlanCheck } from "../../standards/rules.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, parseLevel, parseList, UsageError } from "../cli-args.ts";
import { loadConfig } from "../config.ts";
import { evidenceFiles } from "../evidence-files.ts";
import { EXPERT_WITNESS_USAGE, expertWitnessCommand } from "./expert-witness.ts";

const usage = `Usage:
  shiftnote admin centre add <name> [--number <n>]         create a centre (--number: the awarding body's centre number)
  shiftnote admin centre set <name> --number <n>           set the centre number printed on the forms ("" clears it)
  shiftnote admin centres                                   list centres
  shiftnote admin person add --centre <name> --email <e> --name <n> --roles candidate,witness [--job-title <t>]
  shiftnote admin people --centre <name>                    list a centre's people and their roles
  shiftnote admin link <email> --channel teams|slack|web --id <user id>
  shiftnote admin enrol <email> --level N --units 201,205,… [--assessor <email>] [--verifier <email>] [--registration <n>]
  shiftnote admin assign <candidate email> [--assessor <email>] [--verifier <email>] [--units …] [--registration <n>]
                                                            --registration: the candidate's registration number, printed on the forms
  shiftnote admin export <email> [--out <file>]             the candidate's portfolio as JSON
  shiftnote admin erase <email> --yes                       erase a person's data (data-protection request)
${EXPERT_WITNESS_USAGE}
Uses DATABASE_URL (default: the embedded database in ./var/pgdata).`;

const CLI = { system: "cli" } as const;

const options = {
  centre: { type: "string" },
  email: { type: "string" },
  name: { type: "string" },
  roles: { type: "string" },
  "job-title": { type: "string" },
  channel: { type: "string" },
  id: { type: "string" },
  level: { type: "string" },
  units: { type: "string" },
  assessor: { type: "string" },
  verifier: { type: "string" },
  out: { type: "string" },
  number: { type: "string" },
  registration: { type: "string" },
  yes: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof options>>["values"];

export const command: Command = {
  summary: "Manage centres, people, enrolments, exports and erasure",
  usage,
  async run(args) {
    if (args[0] === "expert-witness")
      return withPortfolio(loadConfig().DATABASE_URL, (p) => expertWitnessCommand(p, args.slice(1)));
    const { values, positionals } = parseCommandArgs(args, options);
    const [action, ...rest] = positionals;
    if (!action) throw new UsageError("Say what to do, for example `shiftnote admin centres`.");
    const config = loadConfig();
    return withPortfolio(config.DATABASE_URL, (portfolio) => dispatch(portfolio, action, rest, values), {
      files: evidenceFiles(config.SHIFTNOTE_FILES_DIR),
      filesDir: config.SHIFTNOTE_FILES_DIR,
    });
  },
};

async function dispatch(
  portfolio: Portfolio,
  action: string,
  rest: string[],
  values: Values,
): Promise<number> {
  switch (action) {
    case "centre": {
      const name = rest.slice(1).join(" ");
      if (rest[0] === "set" && name && values.number !== undefined) {
        const centre = await centreNamed(portfolio, name);
        const changed = await portfolio.setCentreNumber({
          actor: CLI,
          centreId: centre.id,
          number: values.number,
        });
        console.log(
          changed.number
            ? `Centre "${changed.name}" has centre number ${changed.number}.`
            : `Cleared the centre number of "${changed.name}".`,
        );
        return 0;
      }
      if (rest[0] !== "add" || !name)
        throw new UsageError(
          "Use `shiftnote admin centre add <name>` or `shiftnote admin centre set <name> --number <n>`.",
        );
      let centre = await portfolio.createCentre({ actor: CLI, name });
      if (values.number)
        centre = await portfolio.setCentreNumber({ actor: CLI, centreId: centre.id, number: values.number });
      console.log(
        `Created centre "${centre.name}"${centre.number ? ` with centre number ${centre.number}` : ""}.`,
      );
      return 0;
    }
    case "centres": {
      const centres = await portfolio.centres();
      if (centres.length === 0)
        console.log("No centres yet. Create one with `shiftnote admin centre add <name>`.");
      for (const c of centres) console.log(c.name);
      return 0;
    }
    case "person": {
      if (rest[0] !== "add") throw new UsageError("Use `shiftnote admin person add …`.");
      const centre = await centreNamed(portfolio, values.centre);
      if (!values.email || !values.name) throw new UsageError("Give --email and --name.");
      const person = await portfolio.addPerson({
        actor: CLI,
        centreId: centre.id,
        email: values.email,
        name: values.name,
        ...(values["job-title"] ? { jobTitle: values["job-title"] } : {}),
        roles: roles(values.roles),
      });
      console.log(`Added ${person.name} <${person.email}> to ${centre.name} as ${person.roles.join(", ")}.`);
      return 0;
    }
    case "people": {
      const centre = await centreNamed(portfolio, values.centre);
      for (const p of await portfolio.peopleInCentre(centre.id))
        if (!p.erased) console.log(`${p.name.padEnd(24)} ${p.email.padEnd(40)} ${p.roles.join(", ")}`);
      return 0;
    }
    case "link": {
      const person = await personByEmail(portfolio, rest[0]);
      const channel = values.channel as Channel | undefined;
      if (!channel || !(CHANNELS as readonly string[]).includes(channel))
        throw new UsageError(`Give --channel ${CHANNELS.join("|")}.`);
      if (!values.id) throw new UsageError("Give the user id with --id.");
      await portfolio.linkIdentity({ actor: CLI, personId: person.id, channel, externalId: values.id });
      console.log(`Linked ${person.name} to ${channel} user ${values.id}.`);
      return 0;
    }
    case "enrol": {
      const candidate = await personByEmail(portfolio, rest[0]);
      const level = parseLevel(values.level);
      const units = parseList(values.units);
      if (!level || !units?.length) throw new UsageError("Give --level and --units.");
      const { enrolment, plan } = await portfolio.enrolCandidate({
        actor: CLI,
        candidateId: candidate.id,
        level,
        unitIds: units,
        ...(values.assessor ? { assessorId: (await personByEmail(portfolio, values.assessor)).id } : {}),
        ...(values.verifier
          ? { internalVerifierId: (await personByEmail(portfolio, values.verifier)).id }
          : {}),
      });
      if (values.registration)
        await portfolio.setRegistrationNumber({
          actor: CLI,
          enrolmentId: enrolment.id,
          registrationNumber: values.registration,
        });
      console.log(
        `Enrolled ${candidate.name} on ${plan.qualification.title} with units ${enrolment.unitIds.join(", ")}${values.registration ? `, registration number ${values.registration.trim()}` : ""}.`,
      );
      printPlan(plan);
      return 0;
    }
    case "assign": {
      const candidate = await personByEmail(portfolio, rest[0]);
      const [enrolment, ...more] = await portfolio.enrolmentsOf(candidate.id);
      if (!enrolment)
        throw new AppError("not_found", `${candidate.name} is not enrolled yet. Enrol them first.`);
      if (more.length)
        throw new AppError(
          "bad_input",
          `${candidate.name} has more than one enrolment; change it in the web app.`,
        );
      if (values.registration !== undefined) {
        const changed = await portfolio.setRegistrationNumber({
          actor: CLI,
          enrolmentId: enrolment.id,
          registrationNumber: values.registration,
        });
        console.log(
          changed.registrationNumber
            ? `${candidate.name}'s registration number is ${changed.registrationNumber}.`
            : `Cleared ${candidate.name}'s registration number.`,
        );
        if (!values.assessor && !values.verifier && !values.units) return 0;
      }
      const units = parseList(values.units);
      const result = await portfolio.assignStaff({
        actor: CLI,
        enrolmentId: enrolment.id,
        ...(values.assessor ? { assessorId: (await personByEmail(portfolio, values.assessor)).id } : {}),
        ...(values.verifier
          ? { internalVerifierId: (await personByEmail(portfolio, values.verifier)).id }
          : {}),
        ...(units ? { unitIds: units } : {}),
      });
      console.log(`Updated ${candidate.name}'s enrolment.`);
      printPlan(result.plan);
      return 0;
    }
    case "export": {
      const person = await personByEmail(portfolio, rest[0]);
      const json = JSON.stringify(
        await portfolio.exportPortfolio({ actor: CLI, candidateId: person.id }),
        null,
        2,
      );
      if (values.out) {
        writeFileSync(values.out, `${json}\n`);
        console.log(`Wrote ${person.name}'s portfolio to ${values.out}.`);
      } else console.log(json);
      return 0;
    }
    case "erase": {
      const person = await personByEmail(portfolio, rest[0]);
      if (!values.yes) throw new UsageError(`Erasing ${person.name} can't be undone. Add --yes to confirm.`);
      const done = await portfolio.erasePerson({ actor: CLI, personId: person.id });
      console.log(
        `Erased ${person.name}'s personal data: ${done.identitiesRemoved} chat identit${done.identitiesRemoved === 1 ? "y" : "ies"} removed, the words of ${done.evidenceErased} piece${done.evidenceErased === 1 ? "" : "s"} of evidence replaced, ${done.filesRemoved} file${done.filesRemoved === 1 ? "" : "s"} deleted. The audit trail records that it happened.`,
      );
      for (const line of done.afterwards) console.log(line);
      console.log(
        "Exports you wrote outside the files folder (--out) hold their data too: delete those by hand.",
      );
      return 0;
    }
    default:
      throw new UsageError(`Unknown action "${action}".`);
  }
}

async function centreNamed(portfolio: Portfolio, name: string | undefined) {
  if (!name) throw new UsageError("Give the centre with --centre <name>.");
  const centre = await portfolio.centreByName(name);
  if (!centre)
    throw new AppError(
      "not_found",
      `There is no centre called "${name}". Run \`shiftnote admin centres\` to list them.`,
    );
  return centre;
}

async function personByEmail(portfolio: Portfolio, email: string | undefined) {
  if (!email) throw new UsageError("Give the person's email address.");
  const person = await portfolio.personByEmail(email);
  if (!person || person.erased)
    throw new AppError(
      "not_found",
      `Nobody with the email ${email} is in Shiftnote. Check it, or add them with \`shiftnote admin person add\`.`,
    );
  return person;
}

function roles(value: string | undefined): Role[] {
  const list = parseList(value);
  if (!list?.length) throw new UsageError(`Give --roles, one or more of ${ROLES.join(", ")}.`);
  const bad = list.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length) throw new UsageError(`Unknown role ${bad.join(", ")}: use ${ROLES.join(", ")}.`);
  return list as Role[];
}

function printPlan(plan: PlanCheck) {
  const mark = { met: "✓", not_met: "✗", unknown: "?" } as const;
  for (const o of plan.outcomes)
    if (o.status !== "met") console.log(`  ${mark[o.status]} ${o.rule}: ${o.detail}`);
  if (!plan.ok)
    console.log(
      "  The plan does not meet every structure rule yet; change it with `shiftnote admin assign --units`.",
    );
}
