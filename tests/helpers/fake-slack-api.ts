// A local stand-in for the Slack Web API (and response_url, and file downloads) that records every call.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  authorization?: string;
  /** What the fake answered. */
  result?: Record<string, unknown>;
}

/** Makes calls to `method` for which `when` holds answer `{ ok: false, error }`, as Slack does. */
export interface SlackApiFailure {
  method: string;
  error: string;
  when?: (args: Record<string, unknown>) => boolean;
}

export interface FakeSlackApi {
  /** The base to configure as SLACK_API_URL: http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  /** A response_url the fake records posts to. */
  responseUrl: string;
  /** The base URL files are served from: `${filesUrl}name`. */
  filesUrl: string;
  calls: SlackApiCall[];
  responses: Array<Record<string, unknown>>;
  users: Map<string, { name: string; email?: string }>;
  failures: SlackApiFailure[];
  files: Map<string, Uint8Array>;
  downloads: Array<{ name: string; authorization?: string }>;
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode); unset, the fake refuses as Slack does. */
  socketUrl?: string;
  callsTo(method: string): SlackApiCall[];
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  close(): Promise<void>;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  const responses: Array<Record<string, unknown>> = [];
  const users = new Map<string, { name: string; email?: string }>();
  const failures: SlackApiFailure[] = [];
  const files = new Map<string, Uint8Array>();
  const downloads: Array<{ name: string; authorization?: string }> = [];
  let ts = 1_700_000_100;
  const state: { socketUrl?: string } = {};

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const answer = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && path.startsWith("/files/")) {
      const name = decodeURIComponent(path.slice("/files/".length));
      downloads.push({
        name,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const bytes = files.get(name);
      res.writeHead(bytes ? 200 : 404);
      res.end(bytes ? Buffer.from(bytes) : undefined);
      return;
    }
    const body = await readBody(req);
    if (path.startsWith("/respond/")) {
      responses.push(JSON.parse(body) as Record<string, unknown>);
      answer({ ok: true });
      return;
    }
    const method = path.replace(/^\/api\//, "");
    const args = parseArgs(body, req.headers["content-type"]);
    const call: SlackApiCall = {
      method,
      args,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    calls.push(call);
    const json = (result: Record<string, unknown>) => {
      call.result = result;
      answer(result);
    };
    const failure = failures.find((f) => f.method === method && (f.when?.(args) ?? true));
    if (failure) {
      json({ ok: false, error: failure.error });
      return;
    }
    switch (method) {
      case "auth.test":
        json({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "shiftnote" });
        return;
      case "users.info": {
        const user = users.get(String(args.user));
        json(
          user
            ? {
                ok: true,
                user: {
                  id: args.user,
                  name: user.name,
                  real_name: user.name,
                  profile: { email: user.email, display_name: user.name },
                },
              }
            : { ok: false, error: "user_not_found" },
        );
        return;
      }
      case "apps.connections.open":
        json(state.socketUrl ? { ok: true, url: state.socketUrl } : { ok: false, error: "invalid_auth" });
        return;
      case "chat.postMessage":
        ts += 1;
        json({ ok: true, channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } });
        return;
      default:
        json({ ok: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callsTo = (method: string) => calls.filter((call) => call.method === method);
  return {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/respond/1`,
    filesUrl: `${base}/files/`,
    calls,
    responses,
    users,
    failures,
    files,
    downloads,
    get socketUrl() {
      return state.socketUrl;
    },
    set socketUrl(url) {
      state.socketUrl = url;
    },
    callsTo,
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (callsTo(method).length < count) {
        if (Date.now() > until)
          throw new Error(`expected ${count} ${method} call(s), got ${callsTo(method).length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return callsTo(method);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Web API client posts form-encoded arguments with objects as JSON strings, or JSON bodies. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes("application/json")) return JSON.parse(body) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
