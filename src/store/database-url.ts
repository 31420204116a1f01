// Reads DATABASE_URL: a PostgreSQL server, or the folder (or memory) that holds the embedded PGlite database.

export type DatabaseTarget =
  | { kind: "postgresql"; url: string }
  | { kind: "pglite"; dataDir: string | undefined };

/** `postgresql://…` is a server; `file:./var/pgdata` a PGlite folder; `memory://` a throwaway PGlite. */
export function databaseTarget(databaseUrl: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: "postgresql", url: databaseUrl };
  return { kind: "pglite", dataDir: pgliteDataDir(databaseUrl) };
}

/** The PGlite data directory for a non-PostgreSQL DATABASE_URL; undefined means in memory. */
export function pgliteDataDir(databaseUrl: string): string | undefined {
  if (databaseUrl === "memory://" || databaseUrl.startsWith("memory://")) return undefined;
  if (databaseUrl.startsWith("file:")) return databaseUrl.slice("file:".length).replace(/^\/\/(?=\/)/, "");
  return databaseUrl;
}
