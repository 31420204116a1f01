// The Teams personal tab ("My portfolio"): the same pages, under /tab, framed by Teams only and signed in inside the frame.
import type { Express, NextFunction, Request, Response } from "express";
import type { WebConfig } from "../core/config.ts";
import { firstPage } from "../core/first-page.ts";
import type { Portfolio } from "../portfolio/index.ts";
import { currentViewer, pageHeaders, sendError } from "./respond.ts";
import { verifyLink } from "./signed-link.ts";
import { tabSignInPage } from "./views/tab.ts";

/** Where Teams opens the tab (the manifest's `contentUrl`, with the sign-in token of a deep link in `signin`). */
export const TAB_ENTRY = "/tab/portfolio";
const TAB = "/tab";

/** Links and form targets in a page served in the tab stay in the tab (`/pages/…` → `/tab/pages/…`). */
export const keepInTab = (body: string): string =>
  body.replace(/\b(href|action)="\/(pages|auth)(?=[/"?])/g, `$1="${TAB}/$2`);

const intoTab = (location: string): string =>
  /^\/(pages|auth)(?=[/?]|$)/.test(location) ? `${TAB}${location}` : location;

/**
 * Serves `/tab/pages/…` and `/tab/auth/…` as the pages and sign-in routes themselves (so every permission check is
 * theirs), marked as the tab's: the headers let Teams frame them, the session cookie works in a frame, and every
 * link and redirect stays under /tab. Mounted before the pages.
 */
export function mountTab(app: Express, deps: { config: WebConfig; portfolio: Portfolio }): void {
  const { config, portfolio } = deps;

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const inside = /^\/tab\/(pages|auth)(?=[/?]|$)/.test(req.url);
    if (!inside && !req.url.startsWith(TAB_ENTRY)) return next();
    res.locals.teamsTab = true;
    const send = res.send.bind(res);
    res.send = (body?: unknown) => send(typeof body === "string" ? keepInTab(body) : body);
    const location = res.location.bind(res);
    res.location = (url: string) => location(intoTab(url));
    if (!inside) return next();
    req.url = req.url.slice(TAB.length);
    // Signed out in the tab (a first visit, or the session ran out): the tab's own sign-in page, not the browser's.
    if (req.url.startsWith("/pages") && !req.url.startsWith("/pages/assets/")) {
      try {
        if (!(await currentViewer(req, config, portfolio))) {
          res.redirect(303, TAB_ENTRY);
          return;
        }
      } catch (error) {
        sendError(res, error);
        return;
      }
    }
    next();
  });

  app.get(TAB_ENTRY, pageHeaders, async (req, res) => {
    try {
      const viewer = await currentViewer(req, config, portfolio);
      if (viewer) {
        res.redirect(303, firstPage(viewer.person));
        return;
      }
      // A deep link from the bot ("Open the My portfolio tab") carries a sign-in token: its page has the button.
      const token = typeof req.query.signin === "string" ? req.query.signin : "";
      if (token && verifyLink(token, config).ok) {
        res.redirect(303, `/auth/link?token=${encodeURIComponent(token)}`);
        return;
      }
      res.type("html").send(tabSignInPage());
    } catch (error) {
      sendError(res, error);
    }
  });
}
