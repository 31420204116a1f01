#!/usr/bin/env node
// The `shiftnote` command: reads .env if there is one, loads the TypeScript sources through tsx and hands over to the CLI.
import { register } from "tsx/esm/api";

// Settings in ./.env fill in what the environment leaves unset (the environment wins); src/app/config.ts parses them.
try {
  process.loadEnvFile?.();
} catch (error) {
  if (error?.code !== "ENOENT") {
    console.error(`Could not read the .env file in ${process.cwd()}: ${error?.message ?? error}`);
    process.exit(2);
  }
}

register();
const { main } = await import("../src/app/cli.ts");
process.exitCode = await main(process.argv.slice(2));
