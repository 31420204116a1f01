// Applies the checked-in migrations on start, only those not yet applied, recording them in Prisma's _prisma_migrations table.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of checked-in migrations, one `<timestamp>_<name>/migration.sql` each. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

/** The same lock key `prisma migrate deploy` takes, so the two never run at once on one server. */
const ADVISORY_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A minimal SQL session: PGlite and node-postgres both run multi-statement scripts through `exec`. */
export interface ScriptRunner {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The checked-in migrations in order. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      // Prisma records the SHA-256 of the file's text; matching it lets `prisma migrate status` agree with us.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations, each in its own transaction with its _prisma_migrations row.
 * Returns the names applied (empty when the database was up to date).
 */
export async function applyPendingMigrations(
  db: ScriptRunner,
  migrations = readMigrations(),
): Promise<string[]> {
  const tableExists = await db.rows<{ ok: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`,
  );
  if (tableExists[0]?.ok) {
    const done = await appliedNames(db);
    if (migrations.every((m) => done.has(m.name))) return [];
  }
  const applied: string[] = [];
  await db.exec("BEGIN");
  try {
    await db.exec(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK})`);
    await db.exec(CREATE_TABLE);
    const done = await appliedNames(db);
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await db.exec(migration.sql);
      await db.rows(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, NULL, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      applied.push(migration.name);
    }
    await db.exec("COMMIT");
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return applied;
}

async function appliedNames(db: ScriptRunner): Promise<Set<string>> {
  const rows = await db.rows<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => r.migration_name));
}
