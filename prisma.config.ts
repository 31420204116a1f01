// Prisma CLI settings: where the schema and migrations live, and how the CLI reaches the database (JS engine, driver adapter).
import { defineConfig } from "prisma/config";
import { loadConfig } from "./src/app/config.ts";
import { cliAdapterFactory } from "./src/store/cli-adapter.ts";

// The Prisma CLI skips .env when there is a config file: read it here, as bin/shiftnote.js does (the environment wins).
try {
  process.loadEnvFile?.();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

const { DATABASE_URL } = loadConfig();
// The schema's datasource URL only names the database in the CLI's messages; the adapter below does the connecting.
process.env.SHIFTNOTE_PRISMA_SCHEMA_URL = /^postgres(ql)?:\/\//.test(DATABASE_URL)
  ? DATABASE_URL
  : "postgresql://pglite/shiftnote";

export default defineConfig({
  schema: "src/store/schema.prisma",
  migrations: { path: "src/store/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: () => cliAdapterFactory(DATABASE_URL),
});
