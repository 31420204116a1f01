// A .env file in the folder Shiftnote starts in sets what the environment leaves unset, for the server and the CLI.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port.ts";

const bin = join(import.meta.dirname, "../../bin/shiftnote.js");
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(env: string): string {
  const dir = mkdtempSync(join(tmpdir(), "shiftnote-env-"));
  dirs.push(dir);
  writeFileSync(join(dir, ".env"), env);
  return dir;
}

/** The environment of this test run without the variables the .env file is meant to set. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ["PORT", "DATABASE_URL", "SHIFTNOTE_FILES_DIR", "SHIFTNOTE_LOG_LEVEL"])
    if (!(name in extra)) delete env[name];
  return env;
}

/** Starts `shiftnote serve` in `cwd` and resolves with its first line once it is listening. */
function serve(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [bin, "serve"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^Shiftnote is running on .*$/m.exec(out)?.[0];
      if (line) resolve(line);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${err || out}`)));
  });
}

describe(".env", { timeout: 120_000 }, () => {
  it("sets PORT for `shiftnote serve` started in that folder", async () => {
    const port = await freePort();
    const dir = project(
      `# a comment\nPORT=${port}\nDATABASE_URL=memory://\nSHIFTNOTE_FILES_DIR=./files\nSHIFTNOTE_LOG_LEVEL=silent\n`,
    );
    const line = await serve(dir, cleanEnv());
    expect(line).toBe(`Shiftnote is running on http://127.0.0.1:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it("gives way to the environment", async () => {
    const port = await freePort();
    const dir = project("PORT=1\nDATABASE_URL=memory://\nSHIFTNOTE_LOG_LEVEL=silent\n");
    const line = await serve(dir, cleanEnv({ PORT: String(port), SHIFTNOTE_FILES_DIR: join(dir, "files") }));
    expect(line).toBe(`Shiftnote is running on http://127.0.0.1:${port}`);
  });

  it("reaches the configuration the CLI checks: a bad value in .env is named in one line", () => {
    const dir = project("PORT=abc\n");
    const r = spawnSync(process.execPath, [bin, "serve"], { cwd: dir, env: cleanEnv(), encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /Configuration error: PORT must be a whole number from 0 to 65535 \(got "abc"\)/,
    );
  });

  it("is not needed: without one the defaults stand", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiftnote-noenv-"));
    dirs.push(dir);
    const r = spawnSync(process.execPath, [bin, "standards", "list", "--level", "1"], {
      cwd: dir,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});
