// The Prisma CLI's way into the database: PostgreSQL directly, or the embedded PGlite served on a loopback port.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PrismaPg } from "adapter-pg-cli";

/** A driver adapter factory for the Prisma CLI (migrate deploy, migrate status, studio). */
export async function cliAdapterFactory(databaseUrl: string) {
  if (/^postgres(ql)?:\/\//.test(databaseUrl))
    return wholeScripts(new PrismaPg({ connectionString: databaseUrl }));
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const { pgliteDataDir } = await import("./database-url.ts");
  const dataDir = pgliteDataDir(databaseUrl);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Held until the CLI exits: a running server on the same folder makes the CLI refuse, saying which process.
  // The Prisma CLI may ask for an adapter more than once in one run (it may load this file afresh each time).
  const global = globalThis as { shiftnoteCliLocks?: Set<string> };
  global.shiftnoteCliLocks ??= new Set();
  const held = global.shiftnoteCliLocks;
  if (dataDir && !held.has(resolve(dataDir))) {
    (await import("./data-dir-lock.ts")).lockDataDir(dataDir);
    held.add(resolve(dataDir));
  }
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
  await server.start();
  const address = server.getServerConn();
  // The CLI exits when done; let the process end without waiting for this server.
  (server as unknown as { server?: { unref?: () => void } }).server?.unref?.();
  return wholeScripts(
    new PrismaPg({ connectionString: `postgresql://postgres@${address}/postgres?sslmode=disable` }),
  );
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The adapter runs a migration by splitting it at every `;`, which cuts a function body such as the audit table's
 * trigger (`$$ … ; … $$`) in pieces. PostgreSQL's simple query protocol takes the whole script at once, as one
 * implicit transaction, the way src/store/migrate.ts applies it: send it like that.
 */
function wholeScripts(factory: PrismaPg): PrismaPg {
  const patch = (adapter: Adapter): Adapter => {
    const errors = adapter as unknown as { onError(error: unknown): never };
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        errors.onError(error);
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await shadow());
  return factory;
}
