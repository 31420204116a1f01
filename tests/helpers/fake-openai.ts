// A local fake of an OpenAI-compatible API for tests: a handler per route, programmable replies, every request recorded.
//
//   const api = await startFakeOpenAi();
//   api.route("POST", "/v1/chat/completions", reply.chatJson({ ok: true }));
//   api.route("POST", "/v1/audio/transcriptions", (req) => reply.json({ text: "hello" }));
//   const client = new OpenAI({ apiKey: "test", baseURL: api.baseUrl });
//   …
//   await api.close();
//
// It listens on 127.0.0.1 on a random port and never talks to anything else.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. `/v1/chat/completions`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as sent (multipart uploads included). */
  rawBody: Buffer;
  /** The body parsed as JSON when it was JSON; undefined otherwise. */
  json: unknown;
}

/** What the fake answers. */
export type Reply =
  | { type: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | {
      type: "raw";
      status: number;
      body: string | Buffer;
      contentType: string;
      headers?: Record<string, string>;
    }
  /** Never answers; the connection is dropped when the fake closes. */
  | { type: "hang" }
  /** Waits, then answers. */
  | { type: "delay"; ms: number; then: Reply };

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

let completionCount = 0;

/** Builders for the replies tests need. */
export const reply = {
  json: (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({
    type: "json",
    status,
    body,
    headers,
  }),
  text: (body: string, status = 200, contentType = "text/plain"): Reply => ({
    type: "raw",
    status,
    body,
    contentType,
  }),
  /** A 200 whose body claims to be JSON and is not. */
  malformedBody: (): Reply => ({
    type: "raw",
    status: 200,
    body: '{"id": "chatcmpl-broken", "choices": [',
    contentType: "application/json",
  }),
  /** An error in OpenAI's envelope: `{ error: { message, type, param, code } }`. */
  error: (
    status: number,
    message = `fake error ${status}`,
    type = "server_error",
    code: string | null = null,
  ): Reply => ({
    type: "json",
    status,
    body: { error: { message, type, param: null, code } },
    headers: status === 429 ? { "retry-after": "1" } : undefined,
  }),
  hang: (): Reply => ({ type: "hang" }),
  delay: (ms: number, then: Reply): Reply => ({ type: "delay", ms, then }),
  /** A chat completion whose message content is `content` (any string, valid JSON or not). */
  chat: (
    content: string | null,
    options: { finishReason?: string; refusal?: string | null; model?: string } = {},
  ): Reply =>
    reply.json({
      id: `chatcmpl-fake-${++completionCount}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: options.model ?? "fake-model",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: options.refusal ?? null },
          logprobs: null,
          finish_reason: options.finishReason ?? "stop",
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    }),
  /** A chat completion whose content is `value` as JSON, the way structured output arrives. */
  chatJson: (value: unknown): Reply => reply.chat(JSON.stringify(value)),
};

/** Replies in turn, one per request; the last one repeats. */
export function sequence(...replies: Reply[]): Handler {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)] as Reply;
}

export interface FakeOpenAi {
  /** `http://127.0.0.1:PORT/v1`: what an OpenAI client takes as its baseURL. */
  baseUrl: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Sets what a method and path answer (replacing an earlier route); the path includes `/v1`. */
  route(method: string, path: string, handler: Handler | Reply): void;
  /** Forgets routes and recorded requests. */
  reset(): void;
  /** Drops open connections (hanging ones too) and stops listening. */
  close(): Promise<void>;
}

function send(res: ServerResponse, r: Exclude<Reply, { type: "hang" } | { type: "delay" }>) {
  const headers = { ...(r.headers ?? {}) };
  if (r.type === "json") {
    res.writeHead(r.status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(r.body));
  } else {
    res.writeHead(r.status, { "content-type": r.contentType, ...headers });
    res.end(r.body);
  }
}

/** Starts the fake on 127.0.0.1 on a random free port. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const rawBody = Buffer.concat(chunks);
      let json: unknown;
      if ((req.headers["content-type"] ?? "").includes("json") && rawBody.length) {
        try {
          json = JSON.parse(rawBody.toString("utf8"));
        } catch {
          json = undefined;
        }
      }
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        json,
      };
      requests.push(recorded);
      const handler = routes.get(`${recorded.method} ${recorded.path}`);
      let r: Reply = handler
        ? await handler(recorded)
        : reply.error(404, `No fake route for ${recorded.method} ${recorded.path}`, "invalid_request_error");
      while (r.type === "delay") {
        const { ms, then } = r;
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });
        r = then;
      }
      if (r.type === "hang") return;
      if (!res.destroyed) send(res, r);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, typeof handler === "function" ? handler : () => handler);
    },
    reset() {
      routes.clear();
      requests.length = 0;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
