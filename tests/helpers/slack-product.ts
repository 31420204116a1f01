// The whole product with Slack switched on against the fake Slack Web API, and signed requests to its /slack/events.
import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import type { Config } from "../../src/core/config.ts";
import type { FakeSlackApi } from "./fake-slack-api.ts";

/** The headers Slack signs a request body with: `v0=HMAC(secret, "v0:timestamp:body")`. */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

/** An event callback body as Slack sends it, from team T1 and app A1. */
export function slackEventBody(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: event.ts, ...event },
  });
}

/** Polls `probe` every quarter second until it gives something; fails after 20 s naming `what`. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  for (let i = 0; i < 80; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface SlackProduct {
  /** The settings the product was built with. */
  config: Config;
  product: Product;
  server: Server;
  /** http://127.0.0.1:PORT */
  base: string;
  /** `${base}/slack/events` */
  url: string;
  /** Posts a body signed with the product's secret; answers the HTTP status. */
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<number>;
  /** Posts an event callback (extra headers such as `x-slack-retry-num`). */
  event(eventId: string, event: Record<string, unknown>, headers?: Record<string, string>): Promise<number>;
  /** Posts an interaction payload (a button press, a form) as Slack does, form-encoded. */
  interaction(payload: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Builds and starts the product with Slack over HTTP, talking to `api`, on 127.0.0.1 and a free port. By default on
 * an embedded in-memory database with the demo centre loaded; `env` adds or overrides settings (DATABASE_URL…).
 */
export async function startSlackProduct(
  api: FakeSlackApi,
  secret: string,
  env: Record<string, string> = {},
): Promise<SlackProduct> {
  const config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: "0",
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_API_URL: api.apiUrl,
    SHIFTNOTE_PLAYGROUND: "1",
    SHIFTNOTE_LOG_LEVEL: "silent",
    ...env,
  });
  const product = await buildProduct(config, { log: () => {} });
  const server = await listen(product.app, config);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/slack/events`;
  const post = async (body: string, contentType: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": contentType, ...slackSignature(secret, body), ...headers },
      body,
    });
    return response.status;
  };
  return {
    config,
    product,
    server,
    base,
    url,
    post,
    event: (eventId, event, headers) => post(slackEventBody(eventId, event), "application/json", headers),
    interaction: (payload) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
      ),
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await product.close();
    },
  };
}
