// The HTTP server: health, the standards catalogue API, and the mount points the channels and pages add.
import type { Server } from "node:http";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { httpStatusOf, isAppError } from "../core/errors.ts";
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { mountPolicyPages } from "../web/policy-routes.ts";
import { transportSecurity } from "../web/security-headers.ts";
import type { Config } from "./config.ts";

export interface AppParts {
  config: Config;
  catalogue?: Catalogue;
  /** Further routes (channels, pages) mounted before the not-found handler. */
  mount?: Array<(app: Express) => void>;
}

/** Builds the express app without listening, so tests can start it on a port of their own. */
export function createApp(parts: AppParts): Express {
  const catalogue = parts.catalogue ?? loadCatalogue();
  const app = express();
  app.disable("x-powered-by");
  app.use(transportSecurity(parts.config));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", units: catalogue.units.size, qualifications: catalogue.qualifications.length });
  });
  app.get("/api/standards", (_req, res) => {
    res.json({
      qualifications: catalogue.qualifications.map((q) => ({ id: q.id, title: q.title, level: q.level })),
      units: [...catalogue.units.values()].map((u) => ({
        id: u.id,
        title: u.title,
        level: u.level,
        theme: u.theme,
        criteria: u.elements.reduce((n, e) => n + e.criteria.length, 0),
      })),
    });
  });
  app.get("/api/standards/units/:id", (req, res) => {
    const unit = catalogue.unit(req.params.id);
    if (!unit) {
      res.status(404).json({ error: `There is no unit "${req.params.id}". GET /api/standards lists them.` });
      return;
    }
    res.json(unit);
  });
  mountPolicyPages(app);
  for (const mount of parts.mount ?? []) mount(app);
  app.use((_req, res) => {
    res.status(404).json({ error: "Nothing here. Try /healthz or /api/standards." });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isAppError(error)) {
      res.status(httpStatusOf(error)).json({ error: error.message, code: error.code });
      return;
    }
    const http = error as { status?: number; type?: string };
    if (typeof http.status === "number" && http.status >= 400 && http.status < 500) {
      const message =
        http.type === "entity.too.large"
          ? "That was too large to accept. Send a shorter message or a smaller file."
          : http.type === "entity.parse.failed"
            ? "The request body was not valid JSON. Check it and send it again."
            : "That request could not be read. Check it and send it again.";
      res.status(http.status).json({ error: message });
      return;
    }
    console.error("Unexpected error while serving a request:", error);
    res.status(500).json({ error: "Something went wrong on our side. Try again in a minute." });
  });
  return app;
}

/** Listens on config.HOST:config.PORT; resolves once the port is open. */
export function listen(app: Express, config: Config): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = app.listen(config.PORT, config.HOST, () => resolveListen(server));
    server.once("error", reject);
  });
}
