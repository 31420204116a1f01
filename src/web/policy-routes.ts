// Serves the privacy notice and the terms of use at /privacy and /terms, the addresses the Teams app manifest gives.
import type { Express } from "express";
import { privacyPage, termsPage } from "./views/policy.ts";

export function mountPolicyPages(app: Express): void {
  for (const [path, render] of [
    ["/privacy", privacyPage],
    ["/terms", termsPage],
  ] as const)
    app.get(path, (_req, res) => {
      res.type("html").set("Cache-Control", "public, max-age=3600").send(render());
    });
}
