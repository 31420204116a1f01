// A local stand-in for Microsoft Graph and its sign-in endpoint: channel and chat messages, their files, on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface FakeGraph {
  /** GRAPH_API_URL (…/v1.0) and GRAPH_LOGIN_URL for the configuration. */
  apiUrl: string;
  loginUrl: string;
  /** Messages by their path under /v1.0 (e.g. /chats/{id}/messages/{id}). */
  messages: Map<string, unknown>;
  /** Bytes served at a path under /v1.0, or a redirect: `{ redirect: "…" }`. */
  content: Map<string, Uint8Array | { redirect: string }>;
  requests: GraphRequest[];
  close(): Promise<void>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const messages = new Map<string, unknown>();
  const content = new Map<string, Uint8Array | { redirect: string }>();
  const requests: GraphRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push({
      method: req.method ?? "",
      path,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    req.resume();
    if (req.method === "POST" && /^\/login\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ token_type: "Bearer", expires_in: 3599, access_token: "graph-token-1" }));
      return;
    }
    const under = path.startsWith("/v1.0/") ? path.slice("/v1.0".length) : path;
    const message = messages.get(under);
    if (req.method === "GET" && message) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(message));
      return;
    }
    const served = content.get(under);
    if (req.method === "GET" && served) {
      if ("redirect" in served) {
        res.writeHead(302, { location: served.redirect });
        res.end();
      } else {
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-length": served.byteLength,
        });
        res.end(Buffer.from(served));
      }
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "NotFound" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/v1.0`,
    loginUrl: `${base}/login`,
    messages,
    content,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
