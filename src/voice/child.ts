// Runs a child process with a time limit, a cap on captured output and cancellation, and always reaps it.
import { spawn } from "node:child_process";

export interface BoundedRun {
  /** Exit code, or null when the process was killed or could not start. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last `maxOutputBytes` of standard error (ffmpeg reports there). */
  stderr: string;
  stdout: string;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: NodeJS.ErrnoException;
  elapsedMs: number;
}

export interface BoundedOptions {
  timeoutMs: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

/** Keeps the tail of a stream: enough to read an error, never the whole of a chatty run. */
function tailCollector(max: number) {
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk: Buffer) {
      chunks.push(chunk);
      size += chunk.length;
      while (size > max && chunks.length > 1) size -= (chunks.shift() as Buffer).length;
    },
    text() {
      const all = Buffer.concat(chunks);
      chunks = [all];
      return all.subarray(Math.max(0, all.length - max)).toString("utf8");
    },
  };
}

/** Runs `command args…`; never rejects: failures come back in the result. Kills with SIGKILL on timeout or abort. */
export function runBounded(command: string, args: string[], options: BoundedOptions): Promise<BoundedRun> {
  const started = performance.now();
  const max = options.maxOutputBytes ?? 64 * 1024;
  return new Promise((resolve) => {
    const stdout = tailCollector(max);
    const stderr = tailCollector(max);
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    const finish = (
      code: number | null,
      signal: NodeJS.Signals | null,
      spawnError?: NodeJS.ErrnoException,
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve({
        code,
        signal,
        stderr: stderr.text(),
        stdout: stdout.text(),
        timedOut,
        aborted,
        ...(spawnError ? { spawnError } : {}),
        elapsedMs: performance.now() - started,
      });
    };
    const onAbort = () => {
      aborted = true;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (c: Buffer) => stdout.push(c));
    child.stderr.on("data", (c: Buffer) => stderr.push(c));
    child.on("error", (error: NodeJS.ErrnoException) => finish(null, null, error));
    child.on("close", (code, signal) => finish(code, signal));
  });
}
