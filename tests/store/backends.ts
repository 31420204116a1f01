// The two databases every store and portfolio suite runs on: embedded PGlite in memory, and a throwaway PostgreSQL database.
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import pg from "pg";
import { type Database, openDatabase } from "../../src/store/connect.ts";
import { createStore, type Store } from "../../src/store/store.ts";

export interface Backend {
  name: "pglite" | "postgresql";
  /** Why this backend is skipped, printed once; undefined when it runs. */
  skip: string | undefined;
  /** Opens a fresh, migrated, empty database; `dispose` closes it and drops what it created. */
  open(): Promise<{ store: Store; database: Database; url: string; dispose(): Promise<void> }>;
}

const BASE_URL = process.env.SHIFTNOTE_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** A database URL like the base one, naming another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database on the test server and returns its URL and how to drop it. */
export async function createPostgresDatabase(prefix = "shiftnote_test") {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(BASE_URL, name),
    async drop() {
      const c = new pg.Client({ connectionString: BASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

let announced = false;

/**
 * PGlite always; PostgreSQL unless nothing listens on its port. Under CI=true a PostgreSQL that is up must be
 * used: skipping it then (SHIFTNOTE_SKIP_POSTGRES=1) fails the run instead.
 */
export async function testBackends(): Promise<Backend[]> {
  const u = new URL(BASE_URL);
  const up = await portOpen(u.hostname, Number(u.port || 5432));
  let skip: string | undefined;
  if (!up) skip = `nothing listens on ${u.hostname}:${u.port || 5432}`;
  else if (process.env.SHIFTNOTE_SKIP_POSTGRES === "1") {
    if (process.env.CI === "true")
      throw new Error("CI=true: PostgreSQL is up, so its suites must run; unset SHIFTNOTE_SKIP_POSTGRES.");
    skip = "SHIFTNOTE_SKIP_POSTGRES=1";
  }
  if (skip && !announced) {
    announced = true;
    console.warn(`PostgreSQL suites skipped: ${skip}.`);
  }
  return [
    {
      name: "pglite",
      skip: undefined,
      async open() {
        const database = await openDatabase("memory://");
        const store = createStore(database);
        return { store, database, url: "memory://", dispose: () => store.close() };
      },
    },
    {
      name: "postgresql",
      skip,
      async open() {
        const db = await createPostgresDatabase();
        const database = await openDatabase(db.url);
        const store = createStore(database);
        return {
          store,
          database,
          url: db.url,
          async dispose() {
            await store.close();
            await db.drop();
          },
        };
      },
    },
  ];
}
