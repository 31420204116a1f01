// Prisma CLI settings: where the schema and migrations live, and how the CLI reaches the database (JS engine, driver adapter).
import { defineConfig } from "prisma/config";
import { loadConfig } from "./src/app/config.ts";
import { cliAdapterFactory } from "./src/store/cli-adapter.ts";

export default defineConfig({
  schema: "src/store/schema.prisma",
  migrations: { path: "src/store/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: () => cliAdapterFactory(loadConfig().DATABASE_URL),
});
