// A progress bar for long terminal work, on stderr so piped stdout stays clean.
import { SingleBar } from "cli-progress";

export interface Progress {
  tick(by?: number): void;
  stop(): void;
}

/**
 * Draws a bar on a terminal; elsewhere (CI logs, pipes) prints a line at every tenth so logs stay short.
 * `quiet` draws nothing, for tests and JSON output.
 */
export function startProgress(label: string, total: number, options: { quiet?: boolean } = {}): Progress {
  if (options.quiet || total <= 0) return { tick() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(total, 0);
    return { tick: (by = 1) => bar.increment(by), stop: () => bar.stop() };
  }
  let done = 0;
  let lastTenth = 0;
  return {
    tick(by = 1) {
      done += by;
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${label}: ${Math.min(100, tenth * 10)}% (${done}/${total})\n`);
      }
    },
    stop() {},
  };
}
