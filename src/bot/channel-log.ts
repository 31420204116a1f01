// A small levelled logger the channel adapters share, so tests can silence or capture what they say.
import type { LogConfig } from "../core/config.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface ChannelLog {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

const order: Record<LogLevel | "silent", number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Logs to the console at or above the configured SHIFTNOTE_LOG_LEVEL, prefixed with the channel. */
export function consoleLog(config: LogConfig, prefix: string): ChannelLog {
  const at = (level: LogLevel) => (message: string, detail?: unknown) => {
    if (order[level] < order[config.SHIFTNOTE_LOG_LEVEL]) return;
    const line = `[${prefix}] ${message}`;
    const write = level === "error" ? console.error : level === "warn" ? console.warn : console.log;
    if (detail === undefined) write(line);
    else write(line, detail);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** The message of an error for a log line, without a stack. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
