// Argument parsing for subcommands: node's parseArgs with errors turned into one-line usage messages.
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Bad usage: the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses options and positionals; unknown options become a UsageError naming the option. */
export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, "."));
  }
}

/** Parses `--level` into 1, 2 or 3, or throws a UsageError. */
export function parseLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-3]$/.test(value)) throw new UsageError(`Level must be 1, 2 or 3 (got "${value}").`);
  return Number(value);
}

/** Splits a comma-separated list such as `301,302,205`. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
