// The Slack channel: Bolt over HTTP on POST /slack/events (or Socket Mode), acked at once, one bot command per event, replies as blocks.
import { App, ExpressReceiver, type Logger, LogLevel, type Receiver } from "@slack/bolt";
import express, { type Express } from "express";
import { type ChannelLog, consoleLog, describeError } from "../channel-log.ts";
import type { BotReply } from "../types.ts";
import { copyKeeper } from "./copy-keeper.ts";
import type { SlackReference } from "./event-to-command.ts";
import { type SlackDeps, slackHandlers } from "./handlers.ts";
import { slackMode } from "./mode.ts";
import { messageBody } from "./render.ts";
import { withinSlackWindow } from "./request-window.ts";
import { type SlackSocket, slackSocket } from "./socket-mode.ts";
import { TESTIMONY_CALLBACK } from "./testimony-form.ts";
import { SlackUserDirectory } from "./users.ts";

export type { SlackDeps } from "./handlers.ts";

export const SLACK_PATH = "/slack/events";
export const SLACK_COMMAND = "/shiftnote";

export interface SlackChannel {
  /**
   * Posts a reply into a stored Slack conversation: `{ channel, threadTs?, userId? }` (a user id as channel opens
   * their DM). A card about evidence sent to a reference that names the Slack user is kept up to date from then on.
   */
  sendProactive(reference: unknown, reply: BotReply): Promise<void>;
  /** Closes the Socket Mode connection, if that is how Slack is reached; over HTTP there is nothing to close. */
  close(): Promise<void>;
  /** The evidence changed (anywhere): every recorded copy of its cards is redrawn for its reader. */
  evidenceChanged(about: { evidenceId: string; version: number }): Promise<void>;
}

/**
 * Mounts POST /slack/events, or with SLACK_APP_TOKEN connects over Socket Mode instead; returns undefined (after one
 * log line) when Slack is not configured.
 */
export function mountSlack(app: Express, deps: SlackDeps): SlackChannel | undefined {
  const log = deps.log ?? consoleLog(deps.config, "slack");
  const mode = slackMode(deps.config);
  if (mode.kind === "off") {
    log.info(mode.reason);
    app.post(SLACK_PATH, (_req, res) => {
      res.status(503).json({ error: "The Slack channel is not configured on this server." });
    });
    return undefined;
  }
  const router = express.Router();
  const logger = boltLogger(log);
  let socket: SlackSocket | undefined;
  let receiver: Receiver;
  if (mode.kind === "socket") {
    // Everything (events, buttons, forms, the slash command) comes over the WebSocket; nothing is mounted here.
    socket = slackSocket({ appToken: mode.appToken, apiUrl: mode.apiUrl, logger, log });
    receiver = socket.receiver;
    log.info(`Slack is connecting over Socket Mode (events, interactivity and ${SLACK_COMMAND}).`);
  } else {
    log.info(`Slack is on at POST ${SLACK_PATH} (events, interactivity and ${SLACK_COMMAND}).`);
    receiver = new AnsweringReceiver({
      signingSecret: mode.signingSecret,
      endpoints: SLACK_PATH,
      // Ack first, work after: Slack wants an answer within 3 seconds and mapping or transcription can take longer.
      processBeforeResponse: false,
      router,
      logger,
      bodyLimit: "1mb",
    });
  }
  const bolt = new App({
    token: mode.botToken,
    receiver,
    logger,
    clientOptions: { slackApiUrl: mode.apiUrl, retryConfig: { retries: 2, factor: 2 } },
  });
  bolt.error(async (error) => {
    log.error(`A Slack listener failed: ${describeError(error)}`, error);
  });
  const users = new SlackUserDirectory(bolt.client, log);
  const copies = copyKeeper({
    ...(deps.cardCopies ? { copies: deps.cardCopies } : {}),
    core: deps.core,
    log,
  });
  const handlers = slackHandlers(deps, log, users, { botToken: mode.botToken, apiUrl: mode.apiUrl }, copies);

  bolt.event("message", (args) => handlers.message(args));
  bolt.event("app_mention", (args) => handlers.message(args));
  bolt.action({ type: "block_actions" }, (args) => handlers.blockAction(args));
  bolt.view(TESTIMONY_CALLBACK, (args) => handlers.testimony(args));
  bolt.command(SLACK_COMMAND, (args) => handlers.slash(args));
  if (socket) socket.start();
  else app.use(router);

  return {
    close: async () => {
      await socket?.stop();
    },
    evidenceChanged: (about) => copies.changed(bolt.client, about),
    async sendProactive(reference, reply) {
      const target = reference as Partial<SlackReference> | undefined;
      if (typeof target?.channel !== "string")
        throw new Error("sendProactive needs a Slack { channel } reference.");
      const sent = await bolt.client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        ...messageBody(reply),
      });
      // References saved from a DM name the Slack user, so the card can be redrawn for them later.
      if (target.userId)
        await copies.shown(reply, {
          userId: target.userId,
          channel: sent.channel ?? target.channel,
          ts: sent.ts,
        });
    },
  };
}

/**
 * Bolt leaves a signed body it cannot classify unanswered until a 3-second timer gives up; we answer
 * 400 at once instead, so a malformed or unknown payload never hangs or resets the connection.
 */
class AnsweringReceiver extends ExpressReceiver {
  override async requestHandler(req: express.Request, res: express.Response): Promise<void> {
    // Bolt has checked the signature and refused old requests; one dated far ahead is refused here.
    if (!withinSlackWindow(req.get("x-slack-request-timestamp"))) {
      res
        .status(401)
        .json({ error: "This request is not dated within five minutes of now, so it was refused." });
      return;
    }
    await super.requestHandler(req, res);
    if (!res.headersSent)
      res.status(400).json({ error: "This is not a Slack request this app understands." });
  }
}

/** Bolt's logger interface over ours, so Bolt's warnings land in the same place. */
function boltLogger(log: ChannelLog): Logger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map(logPart).join(" ");
  return {
    debug: (...parts) => log.debug(text(parts)),
    info: (...parts) => log.info(text(parts)),
    warn: (...parts) => log.warn(text(parts)),
    error: (...parts) => log.error(text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function logPart(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return describeError(part);
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}
