// Security headers by helmet: the pages' Content-Security-Policy as it was, and HSTS whenever the site is served over https.
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import type { Config } from "../app/config.ts";

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
