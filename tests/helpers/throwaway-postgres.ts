// A PostgreSQL cluster of the test's own (initdb in a temp folder, its own port), so a test can stop and start it.

import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./free-port.ts";

const BIN = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"].find(
  (d) => existsSync(join(d, "initdb")),
);

export interface ThrowawayCluster {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

/** Why a throwaway cluster can't be made here, or undefined when it can. */
export const throwawaySkip = BIN ? undefined : "no initdb in /usr/lib/postgresql/*/bin";

/** Makes and starts a cluster on 127.0.0.1 with one database, `shiftnote`. Never touches the machine's 5432. */
export async function throwawayCluster(): Promise<ThrowawayCluster> {
  if (!BIN) throw new Error(throwawaySkip);
  const dir = mkdtempSync(join(tmpdir(), "shiftnote-pg-"));
  const data = join(dir, "data");
  const root = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: run them as the postgres user, who must own the folder.
  const as = (command: string, args: string[]) =>
    root
      ? execFileSync("runuser", ["-u", "postgres", "--", join(BIN, command), ...args], { stdio: "pipe" })
      : execFileSync(join(BIN, command), args, { stdio: "pipe" });
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  as("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "--no-instructions"]);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
  const start = () =>
    as("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  start();
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query("CREATE DATABASE shiftnote");
  await admin.end();
  let running = true;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/shiftnote`,
    stop() {
      as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) {
        try {
          as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } catch {
          // already stopped
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
