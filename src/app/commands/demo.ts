// `shiftnote demo`: loads the demo centre (safe to run twice) and prints its people with emails and roles.
import { DEMO_CENTRE } from "../../portfolio/index.ts";
import { withPortfolio } from "../../portfolio/open-portfolio.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, UsageError } from "../cli-args.ts";
import { loadConfig } from "../config.ts";

const usage = `Usage:
  shiftnote demo [--json]
Loads "${DEMO_CENTRE}": three candidates at Levels 1, 2 and 3, an assessor, a team leader (witness), an internal
verifier and an admin, with evidence in every state. Running it again adds only what is missing.`;

export const command: Command = {
  summary: "Load the demo centre and print its people",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
    if (positionals.length) throw new UsageError("demo takes no arguments.");
    const config = loadConfig();
    const people = await withPortfolio(config.DATABASE_URL, (portfolio) => portfolio.loadDemoCentre());
    if (values.json) {
      console.log(JSON.stringify(people, null, 2));
      return 0;
    }
    console.log(`${DEMO_CENTRE} is ready (${config.DATABASE_URL}).\n`);
    console.log(`${"name".padEnd(16)}${"email".padEnd(36)}${"roles".padEnd(20)}${"web id".padEnd(14)}plan`);
    for (const p of people)
      console.log(
        `${p.name.padEnd(16)}${p.email.padEnd(36)}${p.roles.join(", ").replace("internal_verifier", "internal verifier").padEnd(20)}${p.webId.padEnd(14)}${p.level ? `Level ${p.level}: ${p.units?.join(", ")}` : ""}`,
      );
    console.log("\nTry: npx shiftnote progress amira.hussain@demo.shiftnote.test");
    return 0;
  },
};
