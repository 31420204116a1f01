// Loopback addresses and Host headers: the speak-as-anyone playground exists only on this machine.
import { isIP } from "node:net";

/** True for an address that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackAddress(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  if (h.startsWith("::ffff:")) return isLoopbackAddress(h.slice(7));
  return isIP(h) === 4 && h.startsWith("127.");
}

/**
 * True when a request's Host header names this machine by a loopback name (127.0.0.1, localhost, [::1]) and,
 * when it gives a port, the port the request arrived on. A page on another site whose name was re-pointed at
 * 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
 */
export function isLoopbackHostHeader(header: string | undefined, localPort: number | undefined): boolean {
  if (!header) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(header.trim());
  if (!match?.[1]) return false;
  const name = match[1].toLowerCase();
  if (name !== "127.0.0.1" && name !== "localhost" && name !== "[::1]") return false;
  return match[2] === undefined || localPort === undefined || Number(match[2]) === localPort;
}

/** What decides whether the playground and the demo sign-in exist. */
export interface LocalModeConfig {
  HOST: string;
  SHIFTNOTE_PLAYGROUND: boolean;
  TEAMS_CLIENT_ID?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
}

/** Why local mode is off although asked for (no channel credentials, or SHIFTNOTE_PLAYGROUND), or undefined. */
export function localModeRefusal(config: LocalModeConfig): string | undefined {
  if (!localModeWanted(config) || isLoopbackAddress(config.HOST)) return undefined;
  return `The playground and /pages/demo are off: they let anyone act as anyone, so they exist only when HOST is a loopback address (HOST is ${config.HOST}); set HOST=127.0.0.1 to try Shiftnote on this machine, or set a channel's credentials.`;
}

function localModeWanted(config: LocalModeConfig): boolean {
  const channels = Boolean(config.TEAMS_CLIENT_ID || config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN);
  return config.SHIFTNOTE_PLAYGROUND || !channels;
}

/**
 * Local mode (the speak-as-anyone playground and the demo sign-in): no channel credentials, or asked for with
 * SHIFTNOTE_PLAYGROUND, and only ever on a loopback address, whatever else is set.
 */
export function localModeOn(config: LocalModeConfig): boolean {
  return localModeWanted(config) && isLoopbackAddress(config.HOST);
}
