// Decides from the configuration whether Teams is off, anonymous (local clients only) or authenticated.
import type { AuthConfiguration } from "@microsoft/agents-hosting";
import type { TeamsConfig } from "../../core/config.ts";

export type TeamsMode =
  | { kind: "off"; reason: string }
  | { kind: "anonymous"; ignored: string[] }
  | { kind: "authenticated"; auth: AuthConfiguration; clientId: string };

/** Reads the Teams settings once; says in one sentence what is missing when the channel is off. */
export function teamsMode(config: TeamsConfig): TeamsMode {
  if (config.TEAMS_ANONYMOUS) {
    const ignored = (["TEAMS_CLIENT_ID", "TEAMS_CLIENT_SECRET", "TEAMS_TENANT_ID"] as const).filter(
      (name) => config[name] !== undefined,
    );
    return { kind: "anonymous", ignored };
  }
  const clientId = config.TEAMS_CLIENT_ID;
  if (!clientId) {
    return {
      kind: "off",
      reason:
        "Teams is off: set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET (or TEAMS_CERTIFICATE_PEM_FILE and TEAMS_CERTIFICATE_KEY_FILE) and TEAMS_TENANT_ID to switch it on, or TEAMS_ANONYMOUS=1 for a local test client.",
    };
  }
  const hasCertificate = Boolean(config.TEAMS_CERTIFICATE_PEM_FILE && config.TEAMS_CERTIFICATE_KEY_FILE);
  const missing = [
    ...(config.TEAMS_CLIENT_SECRET || hasCertificate
      ? []
      : ["TEAMS_CLIENT_SECRET (or TEAMS_CERTIFICATE_PEM_FILE and TEAMS_CERTIFICATE_KEY_FILE)"]),
    ...(config.TEAMS_TENANT_ID ? [] : ["TEAMS_TENANT_ID"]),
  ];
  if (missing.length > 0) {
    return {
      kind: "off",
      reason: `Teams is off: TEAMS_CLIENT_ID is set but ${missing.join(" and ")} is missing.`,
    };
  }
  const auth: AuthConfiguration = {
    clientId,
    tenantId: config.TEAMS_TENANT_ID,
    ...(config.TEAMS_CLIENT_SECRET
      ? { clientSecret: config.TEAMS_CLIENT_SECRET }
      : { certPemFile: config.TEAMS_CERTIFICATE_PEM_FILE, certKeyFile: config.TEAMS_CERTIFICATE_KEY_FILE }),
    validateIssuer: true,
  };
  return { kind: "authenticated", auth, clientId };
}

/**
 * The address the server should listen on: anonymous Teams mode accepts unauthenticated activities
 * and posts replies to whatever serviceUrl they name, so it is only safe on the loopback interface.
 */
export function effectiveHost(config: TeamsConfig): string {
  return config.TEAMS_ANONYMOUS ? "127.0.0.1" : config.HOST;
}
