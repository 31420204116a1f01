// The web playground channel: a page and a JSON endpoint that speak to the bot core as any demo person.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express, type Request, type Response } from "express";
import { hostConfig, hostCss } from "../../cards/index.ts";
import type { PlaygroundConfig } from "../../core/config.ts";
import type { Portfolio } from "../../portfolio/index.ts";
import { allowPerson, limitByAddress, limiters, PLAYGROUND_LIMITS } from "../../web/rate-limit.ts";
import type { BotCore, BotReply } from "../types.ts";

const publicDir = fileURLToPath(new URL("../../web/public/", import.meta.url));
// The package's main is lib/adaptivecards.js; the browser bundle and its CSS are in dist/ beside it.
const adaptiveDist = join(dirname(createRequire(import.meta.url).resolve("adaptivecards")), "..", "dist");

/** True when the speak-as-anyone endpoint may exist: no channel credentials, or explicitly asked for. */
export function playgroundEnabled(config: PlaygroundConfig): boolean {
  const channels = Boolean(config.TEAMS_CLIENT_ID || config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN);
  return config.SHIFTNOTE_PLAYGROUND || !channels;
}

/** Text, action and voice limits: a clear 413 beyond them. */
const MAX_JSON = "64kb";
const MAX_AUDIO = "25mb";

export interface PlaygroundDeps {
  core: BotCore;
  /** The people to speak as, and their inboxes. */
  portfolio: Portfolio;
  /** Delivers what the turn told other people (their inboxes, Teams, Slack) before the page is answered. */
  afterTurn?: () => Promise<void>;
}

const asWire = (replies: BotReply[]) =>
  replies.map((r) => ({
    ...(r.text ? { text: r.text } : {}),
    ...(r.card ? { card: r.card.adaptive } : {}),
    ...(r.replacesCard ? { replacesCard: true } : {}),
  }));

let sequence = 0;
const eventId = () =>
  `web-${Date.now().toString(36)}-${(sequence++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Mounts the playground page, its assets and its API on the app. */
export function mountPlayground(app: Express, deps: PlaygroundDeps): void {
  const page = () => readFileSync(join(publicDir, "playground.html"), "utf8");
  // Limited per address and per person spoken as, so a runaway client can't flood the bot or the database.
  const limits = limiters(PLAYGROUND_LIMITS);
  const slowDown = (res: Response, message: string) => res.json({ error: message });
  app.use("/playground/api", limitByAddress(limits.address, slowDown));
  app.get(["/", "/playground"], (_req, res) => {
    res.type("html").send(page());
  });
  app.use("/playground", express.static(publicDir, { index: false, maxAge: "1m" }));
  app.get("/playground/assets/adaptivecards.js", (_req, res) =>
    res.sendFile(join(adaptiveDist, "adaptivecards.min.js")),
  );
  app.get("/playground/assets/adaptivecards.css", (_req, res) =>
    res.sendFile(join(adaptiveDist, "adaptivecards.css")),
  );

  // The cards' Teams-like colours and spacing, so the page draws them as Teams would.
  app.get("/playground/assets/host-config.json", (_req, res) => {
    res.json({ hostConfig, hostCss });
  });

  app.get("/playground/api/people", async (_req, res) => {
    const people = await deps.portfolio.everyone();
    res.json({
      people: people.filter((p) => !p.erased).map((p) => ({ email: p.email, name: p.name, roles: p.roles })),
    });
  });

  const speak = async (
    req: Request,
    res: Response,
    body: { as?: unknown; text?: unknown; action?: unknown },
    files?: Parameters<BotCore["handle"]>[0]["files"],
  ) => {
    const as = typeof body.as === "string" ? body.as.trim().toLowerCase() : "";
    if (!as) {
      res.status(400).json({ error: 'Say who you are with "as": the email of a demo person.' });
      return;
    }
    if (!allowPerson(limits.person, as, res, (message) => slowDown(res, message))) return;
    const action =
      body.action && typeof body.action === "object" ? (body.action as Record<string, unknown>) : undefined;
    const text = typeof body.text === "string" ? body.text : "";
    if (!action && !text.trim() && !files?.length) {
      res.status(400).json({ error: 'Send some "text", an "action", or a voice note.' });
      return;
    }
    const result = await deps.core.handle({
      channel: "web",
      actor: { channel: "web", userId: as, email: as },
      conversationId: `web:${as}`,
      text,
      ...(action ? { action: action as { verb: string } } : {}),
      ...(files ? { files } : {}),
      eventId:
        typeof req.get("idempotency-key") === "string" ? `web-${req.get("idempotency-key")}` : eventId(),
    });
    await deps.afterTurn?.();
    res.json({ replies: asWire(result.replies) });
  };

  app.post("/playground/api/messages", express.json({ limit: MAX_JSON }), (req, res, next) => {
    speak(req, res, (req.body ?? {}) as Record<string, unknown>).catch(next);
  });
  app.post("/playground/api/voice", express.raw({ type: () => true, limit: MAX_AUDIO }), (req, res, next) => {
    const bytes = req.body instanceof Buffer ? new Uint8Array(req.body) : new Uint8Array();
    if (!bytes.length) {
      res.status(400).json({ error: "The voice note was empty. Record it again, or type your account." });
      return;
    }
    const name = typeof req.query.name === "string" ? req.query.name.slice(0, 100) : "voice-note.webm";
    const mimeType = req.get("content-type") ?? "application/octet-stream";
    speak(req, res, { as: req.query.as }, [{ name, mimeType, bytes }]).catch(next);
  });
  app.get("/playground/api/inbox", async (req, res, next) => {
    try {
      const as = typeof req.query.as === "string" ? req.query.as.trim().toLowerCase() : "";
      if (as && !allowPerson(limits.person, as, res, (message) => slowDown(res, message))) return;
      const person = as ? await deps.portfolio.personByEmail(as) : null;
      if (!person) {
        res.json({ replies: [] });
        return;
      }
      const items = await deps.portfolio.channels.inbox(person.id);
      res.json({ replies: items.map((i) => ({ id: i.id, ...asWire([i.reply as BotReply])[0] })) });
    } catch (error) {
      next(error);
    }
  });
}
