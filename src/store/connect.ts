// Opens the database named by DATABASE_URL (embedded PGlite or PostgreSQL), applies pending migrations and returns a Prisma client.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { AppError } from "../core/errors.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { databaseTarget } from "./database-url.ts";
import { PrismaClient } from "./generated/client/index.js";
import { applyPendingMigrations, type ScriptRunner } from "./migrate.ts";
import { pgliteClient } from "./pglite-client.ts";

/** PGlite's version names the template: a data directory belongs to the PGlite that made it. */
const PGLITE_VERSION: string = (() => {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const root = entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`));
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
})();

export type { PrismaClient };

/** An open database: the Prisma client for repositories, and how to close it. */
export interface Database {
  readonly kind: "pglite" | "postgresql";
  readonly prisma: PrismaClient;
  /** Names of the migrations this open applied (empty when up to date). */
  readonly applied: string[];
  close(): Promise<void>;
}

/** Opens the database; migrations still pending are applied first. */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "postgresql") return openPostgres(target.url);
  return openPglite(target.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A second process on the same folder would work on a copy of its own and lose what it writes: refuse it.
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let db: PGlite;
  try {
    db = await createPglite(dataDir);
  } catch (error) {
    lock?.release();
    throw new AppError(
      "unavailable",
      `The embedded database in ${dataDir} could not be opened (${(error as Error).message}). If another Shiftnote is running on it, stop that one first.`,
    );
  }
  try {
    return await prepare(db, lock?.release);
  } catch (error) {
    await db.close().catch(() => {});
    lock?.release();
    throw error;
  }
}

async function prepare(db: PGlite, release: (() => void) | undefined): Promise<Database> {
  // PGlite is one backend in one process, so a session setting holds for everything it writes. New WAL
  // segments need not be filled with zeros first: in WebAssembly's memory file system that meant growing a
  // 16 MB file 8 kB at a time, copying it at every step.
  await db.exec("SET wal_init_zero = off");
  const applied = await applyPendingMigrations(pgliteRunner(db));
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the protocol is the same.
  const adapter = new PrismaPGlite(pgliteClient(db) as unknown as PGlite) as unknown as NonNullable<
    ConstructorParameters<typeof PrismaClient>[0]
  >["adapter"];
  const prisma = new PrismaClient({ adapter });
  return {
    kind: "pglite",
    prisma,
    applied,
    async close() {
      try {
        await prisma.$disconnect();
        await db.close();
      } finally {
        release?.();
      }
    },
  };
}

/**
 * A PGlite database: an existing data directory is opened as it is; a new one (or memory) starts from an empty
 * cluster. Creating a cluster (initdb in WebAssembly) takes seconds, so the first empty cluster is saved as a
 * template in the temp folder, keyed by PGlite's version, and later new databases start from a copy of it.
 * Migrations are applied afterwards either way, so a template never hides a migration.
 */
async function createPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir && existsSync(join(dataDir, "PG_VERSION"))) return PGlite.create(dataDir);
  const path = join(tmpdir(), `shiftnote-pglite-empty-${PGLITE_VERSION}.tar`);
  if (existsSync(path)) {
    try {
      return await PGlite.create({
        ...(dataDir ? { dataDir } : {}),
        loadDataDir: new Blob([readFileSync(path)]),
      });
    } catch {
      // A damaged template is rebuilt below.
    }
  }
  // The template is made in memory, so it holds nothing of the folder (such as its lock file).
  const empty = await PGlite.create();
  let template: Blob | undefined;
  try {
    template = await empty.dumpDataDir("none");
    const tmp = `${path}.${process.pid}.${Date.now()}`;
    writeFileSync(tmp, Buffer.from(await template.arrayBuffer()));
    renameSync(tmp, path);
  } catch {
    // Without a template the next new database is only slower to create.
  }
  if (!dataDir) return empty;
  await empty.close();
  return template ? PGlite.create({ dataDir, loadDataDir: template }) : PGlite.create(dataDir);
}

function pgliteRunner(db: PGlite): ScriptRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    rows: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
  };
}

async function openPostgres(url: string): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError(
      "unavailable",
      `PostgreSQL at ${redact(url)} cannot be reached (${(error as Error).message}). Check that it is running and that DATABASE_URL is right.`,
    );
  }
  let applied: string[];
  try {
    applied = await applyPendingMigrations({
      exec: async (sql) => {
        await client.query(sql);
      },
      rows: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    });
  } finally {
    await client.end();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  return {
    kind: "postgresql",
    prisma,
    applied,
    async close() {
      await prisma.$disconnect();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
