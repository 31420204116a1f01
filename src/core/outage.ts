// Recognises "the database is not answering" in whatever form the driver, adapter or Prisma raised it.

/** Prisma's codes for an unreachable, timed-out or closed database, and pool exhaustion. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1010", "P1011", "P1017", "P2024", "P2028"]);
/** PostgreSQL SQLSTATE classes 08 (connection) and 57P (operator intervention: shutdown, starting up). */
const SQLSTATE = /^(08\d{3}|57P0[1-4])$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseDoesNotExist",
  "TransactionAlreadyClosed",
]);
const MESSAGES =
  /Can't reach database|Connection terminated|connection (?:is )?closed|Server has closed the connection|terminating connection|the database system is (?:shutting down|starting up)|Timed out fetching a new connection|Transaction API error|ECONNREFUSED/i;

/** True when `error`, or anything it wraps, says the database could not be reached or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const x = e as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      errors?: unknown;
    };
    const code = typeof x.code === "string" ? x.code : "";
    const original = typeof x.originalCode === "string" ? x.originalCode : "";
    if (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code) || SQLSTATE.test(original))
      return true;
    if (typeof x.kind === "string" && ADAPTER_KINDS.has(x.kind)) return true;
    if (typeof x.message === "string" && MESSAGES.test(x.message)) return true;
    stack.push(x.cause, x.meta?.driverAdapterError);
    if (Array.isArray(x.errors)) stack.push(...x.errors);
  }
  return false;
}
