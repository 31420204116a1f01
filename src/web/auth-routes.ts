// Sign-in routes: the signed link becomes a session cookie; sign-out; the local-mode list of demo people.
import express, { type Express } from "express";
import type { Config } from "../app/config.ts";
import type { Store } from "../store/store.ts";
import { csrfValid, endSession, readSession, startSession } from "./auth/session.ts";
import { html } from "./html.ts";
import { currentViewer, localMode, sendError, sendRefusal } from "./respond.ts";
import { safeDestination, signLinkPath, verifyLink } from "./signed-link.ts";
import { page } from "./views/layout.ts";
import { demoPage, errorPage } from "./views/simple.ts";

/** Demo links last ten minutes: long enough to click, short enough not to linger in history. */
const DEMO_LINK_SECONDS = 10 * 60;

export function mountAuth(app: Express, deps: { config: Config; store: Store }): void {
  const { config, store } = deps;

  app.get("/auth/link", async (req, res) => {
    res.set("Referrer-Policy", "no-referrer");
    try {
      const token = typeof req.query.token === "string" ? req.query.token : "";
      const check = verifyLink(token, config);
      if (!check.ok) {
        sendRefusal(res, check.reason === "expired" ? 401 : 400, check.reason, config);
        return;
      }
      const person = await store.people.byId(check.payload.p);
      if (!person || person.erased) {
        sendRefusal(res, 401, "unknown_person", config);
        return;
      }
      startSession(res, config, person.id);
      // a redirect, so the token leaves the address bar and the history entry
      res.redirect(303, safeDestination(check.payload.to) ?? "/pages");
    } catch (error) {
      sendError(res, error);
    }
  });

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
    endSession(res, config);
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
      const viewer = await currentViewer(req, config, store);
      const people = (await store.people.everyone())
        .filter((p) => !p.erased && p.roles.length > 0)
        .map((person) => ({ person, href: signLinkPath(person.id, config, DEMO_LINK_SECONDS) }));
      res.type("html").send(demoPage(people, viewer));
    } catch (error) {
      sendError(res, error);
    }
  });
}
