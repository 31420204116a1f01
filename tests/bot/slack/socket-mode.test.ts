// Slack over Socket Mode: apps.connections.open on the fake Web API, then a real WebSocket to a local fake of Slack's.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import type { ChannelLog } from "../../../src/bot/channel-log.ts";
import { mountSlack, type SlackChannel } from "../../../src/bot/slack/mount.ts";
import { playgroundEnabled } from "../../../src/bot/web/playground.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { localMode } from "../../../src/web/respond.ts";
import { createFakeBotCore, type FakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";
import { type FakeSlackSocket, startFakeSlackSocket } from "../../helpers/fake-slack-socket.ts";

const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;
const APP_TOKEN = "xapp-1-A1-1-socketsecret";
const BOT_TOKEN = "xoxb-socket-bot-token";

interface Running {
  server: Server;
  base: string;
  channel: SlackChannel | undefined;
  lines: string[];
}

/** Mounts Slack with `env` (no signing secret: Socket Mode needs none) and serves the app on 127.0.0.1. */
async function start(env: Record<string, string>, core: FakeBotCore): Promise<Running> {
  const lines: string[] = [];
  const log: ChannelLog = {
    debug() {},
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
  const config = loadConfig({ SHIFTNOTE_LOG_LEVEL: "silent", ...env });
  let channel: SlackChannel | undefined;
  const app = createApp({
    config,
    catalogue,
    mount: [(express) => (channel = mountSlack(express, { config, core, log }))],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, channel, lines };
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function waitForLine(lines: string[], pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line like ${pattern}; got ${JSON.stringify(lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Slack over Socket Mode", () => {
  let api: FakeSlackApi;
  let socket: FakeSlackSocket;
  let core: FakeBotCore;
  let bot: Running;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    api.users.set("U1", { name: "Casey Candidate", email: "casey@example.org" });
    socket = await startFakeSlackSocket();
    api.socketUrl = socket.url;
    core = createFakeBotCore();
    bot = await start(
      { SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: api.apiUrl },
      core,
    );
  });
  afterAll(async () => {
    await bot.channel?.close();
    await stop(bot.server);
    await socket.close();
    await api.close();
  });

  it("asks apps.connections.open with the app token for the URL, connects to it, and says so once hello arrives", async () => {
    await socket.connected();
    const [open] = api.callsTo("apps.connections.open");
    expect(open?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(await waitForLine(bot.lines, /Slack is on over Socket Mode/)).toBe(
      "info Slack is on over Socket Mode (connected to 127.0.0.1:" +
        `${new URL(socket.url).port}; no public URL needed).`,
    );
    expect(bot.lines[0]).toMatch(/^info Slack is connecting over Socket Mode/);
    expect(bot.lines.some((l) => l.startsWith("error"))).toBe(false);
    // Nothing is served over HTTP: there is no endpoint for anyone to sign requests to.
    const response = await fetch(`${bot.base}/slack/events`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
  });

  it("acks an events_api envelope with its envelope_id, and the bot's reply reaches the Web API", async () => {
    await socket.connected();
    const envelopeId = socket.send("events_api", {
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: "Ev-socket-1",
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "message",
        channel_type: "im",
        channel: "D1",
        user: "U1",
        text: "A customer could not find the lifts so I walked her there.",
        ts: "1700000700.000100",
        event_ts: "1700000700.000100",
      },
    });
    const ack = await socket.waitForAck(envelopeId);
    expect(ack.envelope_id).toBe(envelopeId);

    const [command] = await core.waitForCommands(1);
    expect(command).toMatchObject({
      channel: "slack",
      eventId: "Ev-socket-1",
      conversationId: "D1",
      text: "A customer could not find the lifts so I walked her there.",
      actor: { userId: "U1", displayName: "Casey Candidate", email: "casey@example.org" },
    });
    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(posted?.args).toMatchObject({ channel: "D1" });
    expect(JSON.stringify(posted?.args.blocks)).toContain("A customer could not find the lifts");
  });

  it("acks /shiftnote over the socket too and answers through response_url", async () => {
    const before = core.commands.length;
    const envelopeId = socket.send("slash_commands", {
      command: "/shiftnote",
      text: "progress",
      user_id: "U1",
      channel_id: "D1",
      team_id: "T1",
      trigger_id: "trigger-socket-1",
      response_url: api.responseUrl,
    });
    expect((await socket.waitForAck(envelopeId)).envelope_id).toBe(envelopeId);
    const commands = await core.waitForCommands(before + 1);
    expect(commands[before]).toMatchObject({ text: "progress", conversationId: "D1" });
    const deadline = Date.now() + 5000;
    while (api.responses.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.responses).toHaveLength(1);
  });

  it("closes the WebSocket on close() and does not reconnect", async () => {
    await bot.channel?.close();
    await socket.closed();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.connections).toBe(1);
    expect(api.callsTo("apps.connections.open")).toHaveLength(1);
  });
});

describe("Slack Socket Mode as a configured channel", () => {
  it("switches off the playground's speak-as-anyone and the demo sign-in, as a signing secret does", () => {
    const config = loadConfig({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(playgroundEnabled(config)).toBe(false);
    expect(localMode(config)).toBe(false);
    const asked = loadConfig({
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SHIFTNOTE_PLAYGROUND: "1",
    });
    expect(playgroundEnabled(asked)).toBe(true);
  });
});

describe("Slack Socket Mode that cannot connect", () => {
  it("logs one clear line naming SLACK_APP_TOKEN when Slack refuses the token, and the server carries on", async () => {
    const api = await startFakeSlackApi(); // no socketUrl: apps.connections.open answers invalid_auth
    const core = createFakeBotCore();
    const bot = await start(
      { SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: api.apiUrl },
      core,
    );
    try {
      expect(bot.channel).toBeDefined();
      const line = await waitForLine(bot.lines, /Socket Mode could not connect/);
      expect(line).toMatch(/invalid_auth/);
      expect(line).toMatch(/Check SLACK_APP_TOKEN/);
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
    } finally {
      await bot.channel?.close();
      await stop(bot.server);
      await api.close();
    }
  });

  it("stays off with one line when the app token comes without a bot token", async () => {
    const core = createFakeBotCore();
    const bot = await start({ SLACK_APP_TOKEN: APP_TOKEN }, core);
    try {
      expect(bot.channel).toBeUndefined();
      expect(bot.lines).toEqual([
        expect.stringMatching(/^info Slack is off: SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN/),
      ]);
    } finally {
      await stop(bot.server);
    }
  });
});
