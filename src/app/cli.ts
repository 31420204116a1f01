// The command-line entry point: finds the subcommand's module and turns every failure into one line and an exit code.
import { existsSync } from "node:fs";
import { isAppError } from "../core/errors.ts";
import { CatalogueError } from "../standards/catalogue.ts";
import { UsageError } from "./cli-args.ts";
import { ConfigError, debugEnabled } from "./config.ts";

/** A subcommand module under src/app/commands/: `run` returns the exit code. */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS = [
  "serve",
  "standards",
  "rules",
  "map",
  "eval",
  "admin",
  "progress",
  "demo",
  "transcribe",
  "export",
] as const;

async function loadCommand(name: string): Promise<Command | undefined> {
  const url = new URL(`./commands/${name}.ts`, import.meta.url);
  if (!existsSync(url)) return undefined;
  const mod = (await import(url.href)) as { command: Command };
  return mod.command;
}

async function help(): Promise<string> {
  const lines = ["Usage: shiftnote <command> [options]", "", "Commands:"];
  for (const name of COMMANDS) {
    const command = await loadCommand(name);
    if (command) lines.push(`  ${name.padEnd(12)} ${command.summary}`);
  }
  lines.push("", "Run `shiftnote <command> --help` for a command's options.");
  return lines.join("\n");
}

/** Runs the CLI; returns the process exit code (0 ok, 1 check failed, 2 bad usage or input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(await help());
    return name ? 0 : 2;
  }
  const command = (COMMANDS as readonly string[]).includes(name) ? await loadCommand(name) : undefined;
  if (!command) {
    console.error(`Unknown command "${name}". Run \`shiftnote help\` to see the commands.`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${command.summary}\n\n${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${command.usage}`);
      return 2;
    }
    if (isAppError(error) || error instanceof ConfigError || error instanceof CatalogueError) {
      console.error(error.message);
      return 2;
    }
    console.error(
      `Something went wrong running "${name}": ${(error as Error)?.message ?? String(error)}. Run it again with SHIFTNOTE_DEBUG=1 for details.`,
    );
    if (debugEnabled()) console.error(error);
    return 1;
  }
}
