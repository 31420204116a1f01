// One process per PGlite folder: a lock file naming the holder, taken over when that process is gone.
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";
import { AppError } from "../core/errors.ts";

/** The lock's name inside the data directory. PostgreSQL ignores files it does not know in its folder. */
export const LOCK_FILE = "shiftnote.lock";

/** What the lock file says about the process holding the folder. */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  /** Distinguishes this opening from any other, even one by the same pid later. */
  token: string;
}

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

/**
 * Takes the folder's lock, or throws AppError("unavailable") naming the process that holds it. PGlite is one
 * PostgreSQL backend inside one process: two processes opening one folder each keep their own copy in memory,
 * and whatever the second one writes is lost. A lock left by a process that has died (killed with -9, say) is
 * taken over; one left on another machine (a shared folder) is not, since its process cannot be checked.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: commandLine(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  // Written aside first and linked into place: a link fails if the lock exists, so only one process wins.
  const draft = `${path}.${process.pid}.${holder.token}`;
  writeFileSync(draft, `${JSON.stringify(holder)}\n`, { mode: 0o644 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const current = readHolder(path);
      if (current && isLive(current)) throw inUse(dataDir, current);
      if (attempt >= 3) throw inUse(dataDir, current);
      takeOver(path, current);
    }
  } finally {
    rmSync(draft, { force: true });
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    if (readHolder(path)?.token === holder.token) rmSync(path, { force: true });
  };
  // A process that ends without closing the database (an uncaught error, process.exit) still lets go.
  process.on("exit", release);
  return { holder, release };
}

/** The lock's holder, or undefined when the file is missing or unreadable (a half-written lock is stale). */
export function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.token !== "string") return undefined;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ""),
      command: String(parsed.command ?? "a Shiftnote process"),
      since: String(parsed.since ?? ""),
      token: parsed.token,
    };
  } catch {
    return undefined;
  }
}

/** True while the holder may still be running. Another machine's process is assumed to be. */
function isLive(holder: LockHolder): boolean {
  if (holder.host && holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A pid reused by something that is not Node cannot be holding the folder (Linux can tell).
  try {
    const cmdline = readFileSync(`/proc/${holder.pid}/cmdline`, "utf8");
    return /node|shiftnote|tsx|vitest/i.test(cmdline);
  } catch {
    return true;
  }
}

/**
 * Moves a stale lock aside. Two processes may find the same stale lock: each renames what it finds to a name
 * of its own, and one whose rename caught a fresh lock (the other's) puts it back.
 */
function takeOver(path: string, stale: LockHolder | undefined): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already: try again
  }
  const moved = readHolder(aside);
  if (moved && stale && moved.token !== stale.token && isLive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone holds it again; the next attempt will say who.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

function inUse(dataDir: string, holder: LockHolder | undefined): AppError {
  const who = holder
    ? `process ${holder.pid} (${holder.command}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ""}${since(holder.since)})`
    : "another process";
  const same = holder?.pid === process.pid ? " (this one)" : "";
  return new AppError(
    "unavailable",
    `The embedded database in ${dataDir} is in use by ${who}${same}, and only one process may open it at a time: stop the server first, or point DATABASE_URL at PostgreSQL so that both can use it.`,
  );
}

function since(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  return `, since ${at.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`;
}

/** How people would name this process: `shiftnote serve`, or the script and its arguments. */
function commandLine(): string {
  const [, script = "", ...args] = process.argv;
  const name = /shiftnote(\.js)?$/.test(script) ? "shiftnote" : basename(script) || "node";
  return [name, ...args].join(" ").slice(0, 120);
}
