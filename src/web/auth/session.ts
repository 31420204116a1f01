// The page session: a signed, expiring, HttpOnly cookie naming the person (SameSite=None only inside the Teams tab), and its CSRF token.
import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import type { WebConfig } from "../../core/config.ts";
import { publicUrl } from "../signed-link.ts";
import { sessionSecret } from "./secret.ts";
import { digest, sameString, signToken, verifyToken } from "./tokens.ts";

export const SESSION_COOKIE = "shiftnote_session";
/** A working day at a desk; after that the bot's link signs in again. */
export const SESSION_SECONDS = 8 * 60 * 60;

export interface Session {
  personId: string;
  /** Random per sign-in: the CSRF token is derived from it. */
  id: string;
  expiresAt: number;
}

/** Reads one cookie from the Cookie header without trusting its shape. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const secure = (config: WebConfig) => publicUrl(config).startsWith("https:");

/**
 * The cookie's cross-site rule. A page framed by Teams is a third party to teams.microsoft.com, so its cookie must be
 * `SameSite=None; Secure` (and `Partitioned`, kept apart from any other site's frames) to be sent at all; that is
 * done only for the tab over https. Everywhere else the cookie stays `SameSite=Lax`.
 */
function crossSite(config: WebConfig, framed: boolean) {
  if (framed && secure(config)) return { sameSite: "none" as const, secure: true, partitioned: true };
  return { sameSite: "lax" as const, secure: secure(config) };
}

/** Starts a session for `personId`: sets the signed cookie and returns it (`framed`: inside the Teams tab). */
export function startSession(
  res: Response,
  config: WebConfig,
  personId: string,
  now = Date.now(),
  framed = false,
): Session {
  const id = randomBytes(12).toString("base64url");
  const expiresAt = Math.floor(now / 1000) + SESSION_SECONDS;
  const token = signToken(sessionSecret(config), "session", { p: personId, s: id }, expiresAt);
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    ...crossSite(config, framed),
    path: "/",
    maxAge: SESSION_SECONDS * 1000,
    encode: String,
  });
  return { personId, id, expiresAt };
}

/** The session the request carries, if its cookie is genuine and unexpired. */
export function readSession(req: Request, config: WebConfig, now = Date.now()): Session | undefined {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return undefined;
  const check = verifyToken<{ p: unknown; s: unknown }>(sessionSecret(config), "session", token, now / 1000);
  if (!check.ok || typeof check.payload.p !== "string" || typeof check.payload.s !== "string")
    return undefined;
  return { personId: check.payload.p, id: check.payload.s, expiresAt: check.payload.exp };
}

export function endSession(res: Response, config: WebConfig, framed = false): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, ...crossSite(config, framed), path: "/" });
}

/** The token every form of this session carries; a form from another site cannot know it. */
export const csrfToken = (config: WebConfig, session: Session): string =>
  digest(sessionSecret(config), "csrf", session.id);

export const csrfValid = (config: WebConfig, session: Session, given: unknown): boolean =>
  typeof given === "string" && sameString(given, csrfToken(config, session));
