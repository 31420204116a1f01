// Slack during a database outage: saving where to reach the person throws, and the person still gets their reply.
import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import type { ChannelLog } from "../../../src/bot/channel-log.ts";
import type { ConversationStore } from "../../../src/bot/conversation-store.ts";
import { mountSlack } from "../../../src/bot/slack/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { createFakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;

/** A conversation store whose database is down. */
const down: ConversationStore = {
  save: async () => {
    throw Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
  },
  get: async () => undefined,
};

describe("Slack while the database is down", () => {
  let api: FakeSlackApi;
  let server: Server;
  const warnings: string[] = [];

  beforeAll(async () => {
    api = await startFakeSlackApi();
    api.users.set("U1", { name: "Casey Candidate", email: "casey@example.org" });
    const config = loadConfig({
      SHIFTNOTE_LOG_LEVEL: "silent",
      SLACK_SIGNING_SECRET: secret,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: api.apiUrl,
    });
    const log: ChannelLog = {
      debug() {},
      info() {},
      warn: (m) => warnings.push(m),
      error: (m) => warnings.push(m),
    };
    const app = createApp({
      config,
      catalogue,
      mount: [
        (express) => mountSlack(express, { config, core: createFakeBotCore(), conversations: down, log }),
      ],
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.close();
  });

  it("posts the reply even though saving the conversation threw, and logs one line", async () => {
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: "Ev-outage-1",
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "message",
        channel_type: "im",
        channel: "D1",
        user: "U1",
        text: "I took payments by phone.",
        ts: "1700000000.000100",
      },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature,
      },
      body,
    });
    expect(response.status).toBe(200);
    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted?.args).toMatchObject({ channel: "D1" });
    expect(warnings.some((w) => w.includes("Can't reach database"))).toBe(true);
  });
});
