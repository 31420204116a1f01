// HMAC-signed, expiring tokens: `base64url(json).base64url(hmac)`, one purpose per token so a link is no cookie.
import { createHmac, timingSafeEqual } from "node:crypto";

export type TokenPurpose = "link" | "session";

export type TokenCheck<T> =
  | { ok: true; payload: T & { exp: number } }
  | { ok: false; reason: "malformed" | "tampered" | "expired" };

const mac = (key: Buffer, purpose: TokenPurpose, body: string) =>
  createHmac("sha256", key).update(`${purpose}.${body}`).digest();

/** Signs `payload` with an expiry (`exp`, seconds since the epoch). */
export function signToken(key: Buffer, purpose: TokenPurpose, payload: object, expiresAt: number): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(expiresAt) }), "utf8").toString(
    "base64url",
  );
  return `${body}.${mac(key, purpose, body).toString("base64url")}`;
}

/** Checks the signature first, then the expiry; never trusts the payload before the signature. */
export function verifyToken<T extends object>(
  key: Buffer,
  purpose: TokenPurpose,
  token: string,
  nowSeconds: number,
): TokenCheck<T> {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(signature))
    return { ok: false, reason: "malformed" };
  const given = Buffer.from(signature, "base64url");
  const expected = mac(key, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "tampered" };
  let payload: T & { exp: number };
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof payload !== "object" || payload === null || typeof payload.exp !== "number")
    return { ok: false, reason: "malformed" };
  if (payload.exp <= nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}

/** A keyed digest of `value` for comparisons in constant time (CSRF tokens). */
export const digest = (key: Buffer, label: string, value: string): string =>
  createHmac("sha256", key).update(`${label}.${value}`).digest("base64url");

/** Compares two strings in constant time. */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
