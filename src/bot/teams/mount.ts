// The Teams channel: POST /api/messages through the Agents SDK, one bot command per activity, replies as cards.
import { ActivityTypes, type ConversationReference } from "@microsoft/agents-activity";
import {
  AgentApplication,
  CloudAdapter,
  type Request as SdkRequest,
  type TurnState,
} from "@microsoft/agents-hosting";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { consoleLog, describeError } from "../channel-log.ts";
import type { BotReply } from "../types.ts";
import { graphFilesFrom } from "./graph-files.ts";
import { MemberDirectory } from "./member-info.ts";
import { teamsMode } from "./mode.ts";
import { replyActivity } from "./render.ts";
import { type BotIdentity, refreshFor, type TeamsDeps, turnHandlers } from "./turns.ts";

export type { TeamsDeps } from "./turns.ts";

export const TEAMS_PATH = "/api/messages";

export interface TeamsChannel {
  mode: "anonymous" | "authenticated";
  /** Sends a reply into a stored Teams conversation (a ConversationReference saved from an earlier turn). */
  sendProactive(reference: unknown, reply: BotReply): Promise<void>;
}

/** Mounts POST /api/messages; returns undefined (after one log line) when Teams is not configured. */
export function mountTeams(app: Express, deps: TeamsDeps): TeamsChannel | undefined {
  const log = deps.log ?? consoleLog(deps.config, "teams");
  const mode = teamsMode(deps.config);
  if (mode.kind === "off") {
    log.info(mode.reason);
    app.post(TEAMS_PATH, (_req, res) => {
      res.status(503).json({ error: "The Teams channel is not configured on this server." });
    });
    return undefined;
  }
  if (mode.kind === "anonymous") {
    log.warn(
      `Teams runs in ANONYMOUS mode (TEAMS_ANONYMOUS=1): activities are not authenticated, so the server listens on 127.0.0.1 only. Use it with a local client such as the Agents Playground.${
        mode.ignored.length > 0 ? ` Ignoring ${mode.ignored.join(", ")}.` : ""
      }`,
    );
  } else {
    log.info(`Teams is on for app ${mode.clientId} at POST ${TEAMS_PATH}.`);
  }

  const adapter = new CloudAdapter(mode.kind === "authenticated" ? mode.auth : {}, undefined, undefined, {
    validateServiceUrl: mode.kind === "authenticated",
  });
  adapter.onTurnError = async (context, error) => {
    log.error(`A Teams turn failed: ${describeError(error)}`, error);
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity("Sorry, something went wrong on our side. Please try again in a minute.");
    }
  };
  const agent = new AgentApplication<TurnState>({
    adapter,
    removeRecipientMention: false,
    startTypingTimer: false,
  });
  const members = new MemberDirectory(log);
  const graph = deps.graphFiles ? { files: deps.graphFiles } : graphFilesFrom(deps.config);
  if (graph.problem) log.warn(graph.problem);
  else if (graph.files)
    log.info("Files shared in Teams channels and group chats are fetched through Microsoft Graph.");
  const handlers = turnHandlers(
    { ...deps, ...(graph.files ? { graphFiles: graph.files } : {}) },
    log,
    members,
  );

  agent.onActivity(ActivityTypes.Message, (context) => handlers.message(context));
  agent.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke,
    (context) => handlers.invoke(context),
    true,
  );
  agent.onConversationUpdate("membersAdded", (context) => handlers.installed(context));

  const router = express.Router();
  router.post(
    TEAMS_PATH,
    express.json({ limit: "1mb" }),
    mode.kind === "authenticated"
      ? (req: Request, res: Response, next: NextFunction) =>
          adapter.authorizeRequest(asSdkRequest(req), res, next)
      : (_req: Request, _res: Response, next: NextFunction) => next(),
    async (req: Request, res: Response) => {
      const problem = activityProblem(req.body);
      if (problem) {
        res.status(400).json({ error: problem });
        return;
      }
      try {
        await adapter.process(asSdkRequest(req), res, (context) => agent.run(context));
      } catch (error) {
        log.warn(`Rejected a Teams request: ${describeError(error)}`);
        if (!res.headersSent) res.status(400).json({ error: "That activity could not be processed." });
      }
    },
  );
  router.use(TEAMS_PATH, bodyErrors);
  app.use(router);

  // With no audience the SDK talks to the connector anonymously (anonymous mode only).
  const identity: BotIdentity = mode.kind === "authenticated" ? mode.clientId : {};
  return {
    mode: mode.kind,
    async sendProactive(reference, reply) {
      if (!isReference(reference)) throw new Error("sendProactive needs a Teams ConversationReference.");
      const { activityId: _reply, ...conversation } = reference;
      await adapter.continueConversation(identity, conversation, async (context) => {
        // The card refreshes for the person it is sent to (their Teams MRI in the reference), then whoever may act on it.
        const options = await refreshFor(deps, reply, conversation.user?.id, log);
        await context.sendActivity(replyActivity(reply, options));
      });
    },
  };
}

/** A reason to refuse the body outright (400), or undefined when it looks like an activity. */
function activityProblem(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return "Send one activity as a JSON object with Content-Type: application/json.";
  }
  const activity = body as { type?: unknown; conversation?: { id?: unknown }; serviceUrl?: unknown };
  if (typeof activity.type !== "string" || activity.type.length === 0) return "The activity has no type.";
  // A card action from nobody can't be answered (the SDK would fail with 501).
  if (activity.type === "invoke" && typeof (body as { from?: { id?: unknown } }).from?.id !== "string")
    return "The invoke has no from: who pressed the button?";
  if (typeof activity.conversation?.id !== "string") return "The activity has no conversation id.";
  if (typeof activity.serviceUrl !== "string" || !/^https?:\/\//.test(activity.serviceUrl)) {
    return "The activity has no serviceUrl to reply to.";
  }
  return undefined;
}

/** Body-parser failures (bad JSON, too large) become clean 4xx answers instead of reaching the app's 500 handler. */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    res.status(status).json({
      error: status === 413 ? "That activity is too large." : "The body is not valid JSON.",
    });
    return;
  }
  next(error);
}

function isReference(value: unknown): value is ConversationReference {
  const reference = value as Partial<ConversationReference> | undefined;
  return typeof reference?.serviceUrl === "string" && typeof reference.conversation?.id === "string";
}

/** Express's request satisfies the SDK's minimal Request shape; only the header typing differs. */
const asSdkRequest = (req: Request) => req as unknown as SdkRequest;
