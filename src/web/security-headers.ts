// Security headers by helmet: the pages' Content-Security-Policy (framed by Teams only in its tab), and HSTS over https.
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import type { WebConfig as Config } from "../core/config.ts";

/** No script but our own, nothing framed, no form posted elsewhere: the policy the pages have always had. */
export const PAGE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  mediaSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/** Helmet's headers for pages with personal data; HSTS is left to `transportSecurity`, which knows the scheme. */
export const pageSecurityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
  referrerPolicy: { policy: "same-origin" },
  frameguard: { action: "deny" },
  strictTransportSecurity: false,
});

/**
 * The hosts Microsoft documents for framing a Teams tab (Teams, the Microsoft 365 app and Outlook, and the
 * *.cloud.microsoft domain they are moving to): the only pages that may be framed are the Teams tab's, and only by these.
 */
export const TEAMS_FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
] as const;

/** The pages' policy inside the Teams tab: the same, except that Teams (and only Teams) may frame them. */
export const tabSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...PAGE_CSP_DIRECTIVES, frameAncestors: ["'self'", ...TEAMS_FRAME_ANCESTORS] },
  },
  referrerPolicy: { policy: "same-origin" },
  // X-Frame-Options cannot name several hosts; the CSP above decides who may frame the tab.
  frameguard: false,
  strictTransportSecurity: false,
});

const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: false });

/**
 * Strict-Transport-Security on every answer when people reach Shiftnote over https: SHIFTNOTE_PUBLIC_URL says
 * https (TLS ended by a proxy in front), or the request itself came over TLS. Over plain http it means nothing,
 * and a local playground must not pin localhost to https, so it is not sent.
 */
export function transportSecurity(config: Config) {
  const https = config.SHIFTNOTE_PUBLIC_URL?.startsWith("https:") ?? false;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (https || req.secure) hsts(req, res, next);
    else next();
  };
}
