// A local stand-in for Slack's Socket Mode WebSocket: says hello, sends envelopes, and records the acks that come back.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** What the app sends back for an envelope: `{ envelope_id, payload? }`. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackSocket {
  /** The URL to hand out from `apps.connections.open` (a ticket in the query, as Slack's has). */
  url: string;
  /** How many times a client has connected. */
  connections: number;
  /** Every message the client sent, parsed. */
  received: unknown[];
  /** Resolves once a client is connected and has been sent `hello`. */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope (`events_api`, `slash_commands`, `interactive`) to the connected client; returns its id. */
  send(type: string, payload: Record<string, unknown>, extra?: Record<string, unknown>): string;
  /** Resolves with the ack for `envelopeId`. */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  /** Resolves once the client has closed its connection. */
  closed(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  let client: WebSocket | undefined;
  let open = false;
  const fake: FakeSlackSocket = {
    url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=A1`,
    connections: 0,
    received: [],
    connected: (timeoutMs = 5000) => until(() => open, "a Socket Mode connection", timeoutMs),
    send(type, payload, extra = {}) {
      if (!client || !open) throw new Error("no Socket Mode client is connected");
      const envelopeId = randomUUID();
      client.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
          ...extra,
        }),
      );
      return envelopeId;
    },
    async waitForAck(envelopeId, timeoutMs = 5000) {
      const find = () =>
        fake.received.find((m): m is SocketAck => (m as Partial<SocketAck>).envelope_id === envelopeId);
      await until(() => find() !== undefined, `the ack of envelope ${envelopeId}`, timeoutMs);
      return find() as SocketAck;
    },
    closed: (timeoutMs = 5000) => until(() => !open, "the client to close", timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
  server.on("connection", (socket) => {
    client = socket;
    fake.connections += 1;
    socket.on("message", (data) => {
      try {
        fake.received.push(JSON.parse(String(data)));
      } catch {
        fake.received.push(String(data));
      }
    });
    socket.on("close", () => {
      if (client === socket) open = false;
    });
    // Slack's first message on every connection; the client counts as connected only after it.
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-slack-socket", approximate_connection_time: 18060 },
        connection_info: { app_id: "A1" },
      }),
    );
    open = true;
  });
  return fake;
}

async function until(test: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
