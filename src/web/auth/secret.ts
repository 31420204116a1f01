// The key that signs sign-in links and session cookies: from SHIFTNOTE_SESSION_SECRET, else generated once into var/.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { WebConfig } from "../../core/config.ts";

/** Where a generated secret is kept when none is configured (local mode and single-instance installs). */
export const GENERATED_SECRET_FILE = "var/session-secret";

const cache = new Map<string, Buffer>();

/**
 * The signing key. Configured: SHIFTNOTE_SESSION_SECRET. Otherwise a random key written once to
 * var/session-secret (mode 600) and reused, so links and sessions survive a restart. Several instances behind a
 * load balancer must share SHIFTNOTE_SESSION_SECRET instead.
 */
export function sessionSecret(config: WebConfig, file = GENERATED_SECRET_FILE): Buffer {
  if (config.SHIFTNOTE_SESSION_SECRET) return Buffer.from(config.SHIFTNOTE_SESSION_SECRET, "utf8");
  const path = resolve(file);
  const known = cache.get(path);
  if (known) return known;
  let secret: string;
  if (existsSync(path)) secret = readFileSync(path, "utf8").trim();
  else {
    secret = randomBytes(32).toString("hex");
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  }
  if (secret.length < 32)
    throw new Error(
      `${path} holds too short a secret; delete it to have a new one made, or set SHIFTNOTE_SESSION_SECRET.`,
    );
  const key = Buffer.from(secret, "utf8");
  cache.set(path, key);
  return key;
}
