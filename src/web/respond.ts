// How pages answer: security headers, the signed-in viewer, and AppErrors turned into pages with the right status.
import type { NextFunction, Request, Response } from "express";
import type { WebConfig } from "../core/config.ts";
import { httpStatusOf, isAppError } from "../core/errors.ts";
import { localModeOn } from "../core/loopback.ts";
import type { Portfolio } from "../portfolio/index.ts";
import { csrfToken, readSession } from "./auth/session.ts";
import { pageSecurityHeaders, tabSecurityHeaders } from "./security-headers.ts";
import type { Viewer } from "./views/layout.ts";
import { errorPage, type Refusal, refusalPage } from "./views/simple.ts";

/** Local mode, the playground's rule: no Teams or Slack credentials, or SHIFTNOTE_PLAYGROUND=1; loopback HOST only. */
export const localMode = (config: WebConfig): boolean => localModeOn(config);

/** Whether this request is the Teams personal tab's (set by the tab routes, `src/web/tab-routes.ts`). */
export const inTeamsTab = (res: Response): boolean => res.locals.teamsTab === true;

/**
 * Pages hold personal data: never cached, no script but our own, no referrer with a token in it, and never framed,
 * except in the Teams tab, which Teams alone may frame.
 */
export function pageHeaders(req: Request, res: Response, next: NextFunction): void {
  res.set("Cache-Control", "no-store");
  (inTeamsTab(res) ? tabSecurityHeaders : pageSecurityHeaders)(req, res, next);
}

/** The person the session cookie names, if they still exist and are not erased. */
export async function currentViewer(
  req: Request,
  config: WebConfig,
  portfolio: Portfolio,
): Promise<Viewer | undefined> {
  const session = readSession(req, config);
  if (!session) return undefined;
  const person = await portfolio.person(session.personId);
  if (!person) return undefined;
  return { person, csrf: csrfToken(config, session) };
}

export function sendRefusal(res: Response, status: number, reason: Refusal, config: WebConfig): void {
  res
    .status(status)
    .type("html")
    .send(refusalPage(reason, localMode(config)));
}

/** AppErrors become a page saying what to do; anything else is logged and answered with a plain apology. */
export function sendError(res: Response, error: unknown, viewer?: Viewer): void {
  if (isAppError(error)) {
    const status = httpStatusOf(error);
    const title =
      status === 404 ? "Not found" : status === 409 ? "That can't be done now" : "That didn't work";
    res
      .status(status)
      .type("html")
      .send(errorPage(title, error.message, viewer));
    return;
  }
  console.error("Unexpected error while serving a page:", error);
  res
    .status(500)
    .type("html")
    .send(
      errorPage("Something went wrong", "Something went wrong on our side. Try again in a minute.", viewer),
    );
}

export type PageHandler = (req: Request, res: Response, viewer: Viewer) => Promise<void>;

/** Wraps a handler: signed-in viewer or a "please sign in" page; errors become pages. */
export function signedIn(config: WebConfig, portfolio: Portfolio, handler: PageHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    let viewer: Viewer | undefined;
    try {
      viewer = await currentViewer(req, config, portfolio);
      if (!viewer) {
        sendRefusal(res, 401, "signed_out", config);
        return;
      }
      await handler(req, res, viewer);
    } catch (error) {
      sendError(res, error, viewer);
    }
  };
}

/** A query parameter as one trimmed string, or undefined. */
export const param = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : undefined;
