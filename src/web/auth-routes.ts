// Sign-in routes: the signed link becomes a session cookie; sign-out; the local-mode list of demo people.

import express, { type Express } from "express";
import type { WebConfig } from "../core/config.ts";
import { formatTime } from "../core/dates.ts";
import type { Portfolio } from "../portfolio/index.ts";
import { csrfValid, endSession, readSession, startSession } from "./auth/session.ts";
import { html } from "./html.ts";
import { allowPerson, limitByAddress, limiters, SIGN_IN_LIMITS } from "./rate-limit.ts";
import { currentViewer, inTeamsTab, localMode, sendError, sendRefusal } from "./respond.ts";
import { safeDestination, signLinkToken, verifyLink } from "./signed-link.ts";
import { TAB_ENTRY } from "./tab-routes.ts";
import { page } from "./views/layout.ts";
import { demoPage, errorPage, signInPage } from "./views/simple.ts";

/** Demo links last ten minutes: long enough to click, short enough not to linger in history. */
const DEMO_LINK_SECONDS = 10 * 60;

/** A form posted from another site is refused (a browser says where a form came from in Origin). */
function sameOrigin(req: express.Request): boolean {
  const origin = req.get("origin");
  if (!origin || origin === "null") return origin !== "null";
  try {
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

/** The token of a sign-in form: the token itself, or the whole link pasted into the Teams tab's box. */
function tokenOf(value: unknown): string {
  const given = typeof value === "string" ? value.trim() : "";
  if (!/^https?:\/\//.test(given)) return given;
  try {
    return new URL(given).searchParams.get("token") ?? "";
  } catch {
    return "";
  }
}

export function mountAuth(app: Express, deps: { config: WebConfig; portfolio: Portfolio }): void {
  const { config, portfolio } = deps;
  // Sign-in links are limited per address (guessing tokens) and per person (spending someone's links).
  const limits = limiters(SIGN_IN_LIMITS);
  const slowDown = (res: express.Response, message: string) =>
    res.type("html").send(errorPage("Please wait a moment", message));
  app.use(["/auth/link", "/pages/demo"], limitByAddress(limits.address, slowDown));
  const personAllowed = (res: express.Response, personId: string) =>
    allowPerson(limits.person, personId, res, (message) => slowDown(res, message));

  // The link opens a page whose button signs in (a preview fetching the link spends nothing).
  app.get("/auth/link", async (req, res) => {
    res.set({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });
    try {
      const token = typeof req.query.token === "string" ? req.query.token : "";
      const checked = await checkLink(token);
      if (!checked.ok) {
        sendRefusal(res, checked.status, checked.reason, config);
        return;
      }
      if (!personAllowed(res, checked.person.id)) return;
      const until = formatTime(new Date(checked.payload.exp * 1000));
      res.type("html").send(signInPage(checked.person.name, token, until));
    } catch (error) {
      sendError(res, error);
    }
  });

  // Signing in spends the link: it works once.
  app.post("/auth/link", express.urlencoded({ extended: false, limit: "8kb" }), async (req, res) => {
    res.set({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });
    try {
      if (!sameOrigin(req)) {
        res
          .status(403)
          .type("html")
          .send(
            errorPage("Please try again", "Open the sign-in link from the bot's message in this browser."),
          );
        return;
      }
      const body = req.body as Record<string, unknown> | undefined;
      const token = tokenOf(body?.token);
      const checked = await checkLink(token);
      if (!checked.ok) {
        sendRefusal(res, checked.status, checked.reason, config);
        return;
      }
      if (!personAllowed(res, checked.person.id)) return;
      if (!(await portfolio.spendOnce(`link:${checked.payload.n}`, "auth.link", checked.person.id))) {
        sendRefusal(res, 401, "used", config);
        return;
      }
      startSession(res, config, checked.person.id, Date.now(), inTeamsTab(res));
      // In the Teams tab the person lands on their own first page there (portfolio, queue or sampling).
      res.redirect(303, safeDestination(checked.payload.to) ?? (inTeamsTab(res) ? TAB_ENTRY : "/pages"));
    } catch (error) {
      sendError(res, error);
    }
  });

  async function checkLink(token: string) {
    const check = verifyLink(token, config);
    if (!check.ok)
      return { ok: false, status: check.reason === "expired" ? 401 : 400, reason: check.reason } as const;
    const person = await portfolio.person(check.payload.p);
    if (!person || person.erased) return { ok: false, status: 401, reason: "unknown_person" } as const;
    return { ok: true, person, payload: check.payload } as const;
  }

  app.post("/auth/sign-out", express.urlencoded({ extended: false, limit: "8kb" }), (req, res) => {
    const session = readSession(req, config);
    if (session && !csrfValid(config, session, (req.body as Record<string, unknown>)?._csrf)) {
      res
        .status(403)
        .type("html")
        .send(
          errorPage(
            "Please try again",
            "That sign-out button was out of date. Open the page again and sign out from there.",
          ),
        );
      return;
    }
    endSession(res, config, inTeamsTab(res));
    res
      .type("html")
      .send(
        page(
          { title: "You have signed out" },
          html`<p>To open Shiftnote again, use a new link from the bot${localMode(config) ? html`, or <a href="/pages/demo">open it as a demo person</a>` : ""}.</p>`,
        ),
      );
  });

  app.get("/pages/demo", async (req, res) => {
    try {
      if (!localMode(config)) {
        res
          .status(404)
          .type("html")
          .send(errorPage("Not found", "There is no demo here: sign in with the link the bot sends you."));
        return;
      }
      const viewer = await currentViewer(req, config, portfolio);
      const people = (await portfolio.everyone())
        .filter((p) => !p.erased && p.roles.length > 0)
        .map((person) => ({ person, token: signLinkToken(person.id, config, DEMO_LINK_SECONDS) }));
      res.type("html").send(demoPage(people, viewer));
    } catch (error) {
      sendError(res, error);
    }
  });
}
