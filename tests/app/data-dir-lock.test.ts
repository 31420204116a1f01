// One PGlite folder, one process: a running `shiftnote serve` holds it, and a command run beside it refuses in one line.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CENTRE } from "../../src/portfolio/demo-centre.ts";

const bin = join(import.meta.dirname, "../../bin/shiftnote.js");
const dir = mkdtempSync(join(tmpdir(), "shiftnote-lock-"));
const dataDir = join(dir, "pgdata");

/** The environment a centre admin's shell would have: the embedded database, no channel credentials. */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries({
    ...process.env,
    DATABASE_URL: `file:${dataDir}`,
    PORT: "0",
    HOST: "127.0.0.1",
    SHIFTNOTE_FILES_DIR: join(dir, "files"),
    SHIFTNOTE_SESSION_SECRET: "lock-test-secret-lock-test-secret-0123",
    SHIFTNOTE_LOG_LEVEL: "warn",
  }).filter(([name]) => !/^(TEAMS_|SLACK_|SHIFTNOTE_PLAYGROUND)/.test(name)),
);

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: "pipe" });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** Starts `shiftnote serve` on the folder and resolves once it says it is running. */
function serve(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve"], { cwd: dir, env, stdio: "pipe" });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`shiftnote serve did not start in time:\n${out}`));
    }, 120_000);
    const seen = (chunk: Buffer) => {
      out += chunk;
      if (out.includes("Shiftnote is running on")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on("data", seen);
    child.stderr?.on("data", seen);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`shiftnote serve exited with ${code}:\n${out}`));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

const addKim = () =>
  cli(
    "admin",
    "person",
    "add",
    "--centre",
    DEMO_CENTRE,
    "--email",
    "kim.lee@example.com",
    "--name",
    "Kim Lee",
    "--roles",
    "candidate",
  );

describe("the embedded database folder while the server runs", { timeout: 300_000 }, () => {
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGKILL");
      await exited(server);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a command beside a running server, naming the process; after a crash the command takes over", async () => {
    server = await serve();
    for (const run of [addKim, () => cli("admin", "people", "--centre", DEMO_CENTRE)]) {
      const refused = await run();
      expect(refused.code).toBe(2);
      expect(refused.out).not.toMatch(/Added/);
      const lines = refused.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`process ${server.pid}`);
      expect(lines[0]).toMatch(/shiftnote serve/);
      expect(lines[0]).toMatch(/stop the server first, or point DATABASE_URL at PostgreSQL/i);
    }

    const lock = JSON.parse(readFileSync(join(dataDir, "shiftnote.lock"), "utf8")) as { pid: number };
    expect(lock.pid).toBe(server.pid);

    // Killed with -9, the server leaves its lock behind; the next command sees that process is gone and goes on.
    server.kill("SIGKILL");
    await exited(server);
    expect(existsSync(join(dataDir, "shiftnote.lock"))).toBe(true);
    const added = await addKim();
    expect(added.err).toBe("");
    expect(added.out).toMatch(/Added Kim Lee/);
    expect(existsSync(join(dataDir, "shiftnote.lock"))).toBe(false);
    const people = await cli("admin", "people", "--centre", DEMO_CENTRE);
    expect(people.out).toMatch(/Kim Lee\s+kim\.lee@example\.com/);
  });
});
