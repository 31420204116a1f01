// Configuration: the environment parsed once by zod, with a one-line error naming the bad variable.
import { type Config, configSchema } from "../core/config.ts";

export { type Config, configSchema };

/** A configuration problem, reported to people as one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment once; throws ConfigError with a one-line message naming the bad variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Record<string, string> = {},
): Config {
  const result = configSchema.safeParse({ ...env, ...overrides });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join(".") ?? "environment";
  const value = typeof env[name] === "string" ? ` (got "${String(env[name]).slice(0, 60)}")` : "";
  throw new ConfigError(
    `Configuration error: ${name} ${issue?.message ?? "is invalid"}${value}. Fix it in your environment or .env file and start again.`,
  );
}

/** Whether SHIFTNOTE_DEBUG asks for stacks; read even when the rest of the configuration is broken. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHIFTNOTE_DEBUG === "1" || env.SHIFTNOTE_DEBUG === "true";
}
