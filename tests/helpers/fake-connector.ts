// A local stand-in for the Bot Framework connector: records what the bot sends to a serviceUrl, answers member lookups.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorCall {
  method: string;
  conversationId: string;
  /** The activity id in the path: the replyToId of a reply, or the id of an updated activity. */
  activityId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  /** The serviceUrl to put on activities, e.g. http://127.0.0.1:PORT/ */
  serviceUrl: string;
  sent: ConnectorCall[];
  updated: ConnectorCall[];
  /** Members the connector knows, by Teams user id (answers GET /v3/conversations/{id}/members/{userId}). */
  members: Map<string, Record<string, unknown>>;
  /** Files served at GET {serviceUrl}files/{name}, and the Authorization header each download carried. */
  files: Map<string, Uint8Array>;
  downloads: Array<{ name: string; authorization?: string }>;
  /** Resolves when `count` activities have been sent, or rejects after `timeoutMs`. */
  waitForSent(count: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: ConnectorCall[] = [];
  const updated: ConnectorCall[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const files = new Map<string, Uint8Array>();
  const downloads: Array<{ name: string; authorization?: string }> = [];
  let counter = 0;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const file = /^\/files\/(.+)$/.exec(path);
    if (req.method === "GET" && file) {
      const name = file[1] ?? "";
      downloads.push({
        name,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const bytes = files.get(name);
      res.writeHead(bytes ? 200 : 404, { "content-type": "application/octet-stream" });
      res.end(bytes ? Buffer.from(bytes) : undefined);
      return;
    }
    const member = /^\/v3\/conversations\/(.+)\/members\/([^/]+)$/.exec(path);
    if (req.method === "GET" && member) {
      const found = members.get(member[2] ?? "");
      json(found ? 200 : 404, found ?? { error: { code: "MemberNotFound" } });
      return;
    }
    const activities = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
    if (activities && (req.method === "POST" || req.method === "PUT")) {
      const call: ConnectorCall = {
        method: req.method,
        conversationId: activities[1] ?? "",
        ...(activities[2] ? { activityId: activities[2] } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        activity: JSON.parse(await readBody(req)) as Record<string, unknown>,
      };
      (req.method === "PUT" ? updated : sent).push(call);
      counter += 1;
      json(200, { id: `activity-${counter}` });
      return;
    }
    json(404, { error: { code: "NotFound", message: `${req.method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    updated,
    members,
    files,
    downloads,
    async waitForSent(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} activities, got ${sent.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return sent;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
