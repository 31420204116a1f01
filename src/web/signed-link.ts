// Sign-in without a password: a short-lived signed link ("Open portfolio") the bot sends to one person.
import { randomBytes } from "node:crypto";
import type { WebConfig } from "../core/config.ts";
import { sessionSecret } from "./auth/secret.ts";
import { signToken, type TokenCheck, verifyToken } from "./auth/tokens.ts";

/** How long a link works when the caller does not say: long enough to open it from a chat, short enough to go stale. */
export const DEFAULT_LINK_TTL_SECONDS = 30 * 60;

export interface LinkPayload {
  /** The person the link signs in. */
  p: string;
  /** A random nonce: two links for one person differ, and a link is spent by signing in once. */
  n: string;
  /** Where to go after signing in (a path under /pages). */
  to?: string;
}

/** The base URL links point at: SHIFTNOTE_PUBLIC_URL, else the address the server listens on. */
export function publicUrl(config: WebConfig): string {
  const base = config.SHIFTNOTE_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  return base.replace(/\/+$/, "");
}

/** Only same-site page paths may be a destination, so a link can never send anyone elsewhere. */
export const safeDestination = (to: string | undefined): string | undefined =>
  to && /^\/pages(\/[\w\-./%?=&]*)?$/.test(to) && !to.includes("//") && !leavesPages(to) ? to : undefined;

/** A "." or ".." segment (also written %2e) or an encoded slash or backslash would let the path climb out of /pages. */
function leavesPages(to: string): boolean {
  const path = to.split("?")[0] ?? "";
  if (/%(2f|5c)/i.test(path)) return true;
  return path.split("/").some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/**
 * A signed URL that signs `personId` in for a session: `${SHIFTNOTE_PUBLIC_URL}/auth/link?token=…`, valid for
 * `ttlSeconds`. `to` is a page to open afterwards (e.g. `/pages/queue`).
 */
export function signLink(
  personId: string,
  config: WebConfig,
  ttlSeconds = DEFAULT_LINK_TTL_SECONDS,
  options: { to?: string; now?: number } = {},
): string {
  return `${publicUrl(config)}${signLinkPath(personId, config, ttlSeconds, options)}`;
}

/** The same link as a path on this server. */
export function signLinkPath(
  personId: string,
  config: WebConfig,
  ttlSeconds = DEFAULT_LINK_TTL_SECONDS,
  options: { to?: string; now?: number } = {},
): string {
  return `/auth/link?token=${encodeURIComponent(signLinkToken(personId, config, ttlSeconds, options))}`;
}

/** The link's token alone (the demo page posts it from a button). Each token signs in once. */
export function signLinkToken(
  personId: string,
  config: WebConfig,
  ttlSeconds = DEFAULT_LINK_TTL_SECONDS,
  options: { to?: string; now?: number } = {},
): string {
  const now = (options.now ?? Date.now()) / 1000;
  const to = safeDestination(options.to);
  const payload: LinkPayload = {
    p: personId,
    n: randomBytes(12).toString("base64url"),
    ...(to ? { to } : {}),
  };
  return signToken(sessionSecret(config), "link", payload, now + ttlSeconds);
}

/** Checks a link's token: who it signs in, or why it is refused. */
export function verifyLink(token: string, config: WebConfig, now = Date.now()): TokenCheck<LinkPayload> {
  const check = verifyToken<LinkPayload>(sessionSecret(config), "link", token, now / 1000);
  if (check.ok && (typeof check.payload.p !== "string" || typeof check.payload.n !== "string"))
    return { ok: false, reason: "malformed" };
  return check;
}
