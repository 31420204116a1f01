// The PGlite folder's lock file: held while open, released on close, stale ones taken over, live ones refused.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/connect.ts";
import { LOCK_FILE, lockDataDir } from "../../src/store/data-dir-lock.ts";

const root = mkdtempSync(join(tmpdir(), "shiftnote-lockfile-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = () => mkdtempSync(join(root, "d-"));

/** The pid of a process that has just ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid;

describe("the data directory's lock", () => {
  it("is held while the database is open, refuses a second opening and is gone after close", async () => {
    const dir = folder();
    const first = await openDatabase(`file:${dir}`);
    try {
      const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"));
      expect(holder).toMatchObject({ pid: process.pid });
      await expect(openDatabase(`file:${dir}`)).rejects.toMatchObject({
        code: "unavailable",
        message: expect.stringMatching(
          new RegExp(`in use by process ${process.pid} .*stop the server first, or point DATABASE_URL`),
        ),
      });
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const again = await openDatabase(`file:${dir}`);
    await again.close();
  });

  it("takes over a lock left by a process that has died, or one that is unreadable", () => {
    for (const content of [
      JSON.stringify({ pid: deadPid(), host: "", command: "shiftnote serve", since: "", token: "old" }),
      "{ half-writ",
    ]) {
      const dir = folder();
      writeFileSync(join(dir, LOCK_FILE), content);
      const lock = lockDataDir(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).token).toBe(lock.holder.token);
      lock.release();
      lock.release();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    }
  });

  it("refuses a lock held by a live process, and one written on another machine, naming them", () => {
    const dir = folder();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: "till-pc-2", command: "shiftnote serve", since: "", token: "theirs" }),
    );
    expect(() => lockDataDir(dir)).toThrow(/in use by process 1 \(shiftnote serve on till-pc-2\)/);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).token).toBe("theirs");
  });
});
