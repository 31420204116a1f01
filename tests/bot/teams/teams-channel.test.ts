// Teams over its real protocol: activities POSTed to /api/messages, replies captured by a fake connector at serviceUrl.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import type { ChannelLog } from "../../../src/bot/channel-log.ts";
import { InMemoryConversationStore } from "../../../src/bot/conversation-store.ts";
import { effectiveHost } from "../../../src/bot/teams/mode.ts";
import { mountTeams, type TeamsChannel } from "../../../src/bot/teams/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { createFakeBotCore, type FakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const silent: ChannelLog = { debug() {}, info() {}, warn() {}, error() {} };
const recording = (lines: string[]): ChannelLog => ({
  debug() {},
  info: (m) => lines.push(`info ${m}`),
  warn: (m) => lines.push(`warn ${m}`),
  error: (m) => lines.push(`error ${m}`),
});
// The catalogue is not what these tests are about; an empty one keeps startup quick.
const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;

async function start(env: Record<string, string>, core: FakeBotCore, log: ChannelLog = silent) {
  const config = loadConfig({ SHIFTNOTE_LOG_LEVEL: "silent", ...env });
  const conversations = new InMemoryConversationStore();
  let channel: TeamsChannel | undefined;
  const app = createApp({
    config,
    catalogue,
    mount: [(express) => (channel = mountTeams(express, { config, core, conversations, log }))],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return { server, url, channel, conversations };
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

function personal(serviceUrl: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "message",
    id: "msg-1",
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: "29:casey", name: "Casey Candidate", aadObjectId: "aad-casey" },
    recipient: { id: "28:shiftnote-bot", name: "Shiftnote" },
    conversation: { id: "a:personal-casey", conversationType: "personal", tenantId: "tenant-1" },
    text: "On Saturday the card machine failed and I took payments by phone while the queue grew.",
    ...overrides,
  };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("Teams in anonymous mode (TEAMS_ANONYMOUS=1)", () => {
  let connector: FakeConnector;
  let core: FakeBotCore;
  let bot: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    connector.members.set("29:casey", {
      id: "29:casey",
      name: "Casey Candidate",
      email: "Casey@Example.org",
    });
    connector.members.set("29:sam", {
      id: "29:sam",
      name: "Sam Leader",
      userPrincipalName: "sam@example.org",
    });
    core = createFakeBotCore();
    bot = await start({ TEAMS_ANONYMOUS: "1" }, core);
  });
  afterAll(async () => {
    await stop(bot.server);
    await connector.close();
  });
  beforeEach(() => {
    core.commands.length = 0;
    connector.sent.length = 0;
    connector.updated.length = 0;
  });

  it("answers a personal message with the suggestion Adaptive Card, replying to that message", async () => {
    const response = await post(bot.url, personal(connector.serviceUrl));
    expect(response.status).toBe(200);
    const [reply] = await connector.waitForSent(1);
    expect(reply?.conversationId).toBe("a:personal-casey");
    expect(reply?.activityId).toBe("msg-1");
    expect(reply?.authorization).toBeUndefined();
    const attachments = reply?.activity.attachments as Array<{
      contentType: string;
      content: Record<string, unknown>;
    }>;
    expect(attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachments[0]?.content.actions).toEqual([
      expect.objectContaining({ type: "Action.Execute", verb: "evidence.submit" }),
    ]);
    const [command] = core.commands;
    expect(command).toMatchObject({
      channel: "teams",
      actor: {
        channel: "teams",
        userId: "aad-casey",
        displayName: "Casey Candidate",
        email: "casey@example.org",
      },
      conversationId: "a:personal-casey",
      eventId: "msg-1",
      text: expect.stringContaining("card machine failed"),
    });
    expect(await bot.conversations.get("aad-casey", "teams")).toMatchObject({
      conversation: { id: "a:personal-casey" },
      serviceUrl: connector.serviceUrl,
    });
  });

  it("answers an Action.Execute invoke with HTTP 200 carrying the refreshed card, and updates it for everyone", async () => {
    const response = await post(bot.url, {
      ...personal(connector.serviceUrl),
      type: "invoke",
      name: "adaptiveCard/action",
      id: "invoke-1",
      replyToId: "activity-7",
      text: undefined,
      value: {
        trigger: "manual",
        action: {
          type: "Action.Execute",
          verb: "evidence.submit",
          data: { verb: "evidence.submit", evidenceId: "ev-1", version: 1, claim_1_1: "false" },
        },
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: { body: unknown[] } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(body.value)).toContain("Submitted for assessment");
    expect(core.commands[0]?.action).toEqual({
      verb: "evidence.submit",
      evidenceId: "ev-1",
      version: 1,
      claim_1_1: "false",
    });
    expect(core.commands[0]?.text).toBe("");
    expect(connector.updated[0]).toMatchObject({ method: "PUT", activityId: "activity-7" });
  });

  it("answers a card's automatic refresh with the viewer's card only, leaving the message as others see it", async () => {
    const response = await post(bot.url, {
      ...personal(connector.serviceUrl),
      type: "invoke",
      name: "adaptiveCard/action",
      id: "invoke-refresh",
      replyToId: "activity-8",
      text: undefined,
      value: {
        trigger: "automatic",
        action: {
          type: "Action.Execute",
          verb: "evidence.refresh",
          data: { verb: "evidence.refresh", evidenceId: "ev-1", version: 1 },
        },
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: string };
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(core.commands[0]?.action?.verb).toBe("evidence.refresh");
    expect(connector.updated).toEqual([]);
  });

  it("turns a channel @mention of a team leader into a mention, without the bot's own mention in the text", async () => {
    await post(
      bot.url,
      personal(connector.serviceUrl, {
        id: "msg-channel",
        conversation: {
          id: "19:store-team@thread.tacv2;messageid=1700000000000",
          conversationType: "channel",
        },
        text: "<at>Shiftnote</at> please ask <at>Sam Leader</at> to witness",
        entities: [
          {
            type: "mention",
            text: "<at>Shiftnote</at>",
            mentioned: { id: "28:shiftnote-bot", name: "Shiftnote" },
          },
          {
            type: "mention",
            text: "<at>Sam Leader</at>",
            mentioned: { id: "29:sam", name: "Sam Leader", aadObjectId: "aad-sam" },
          },
        ],
      }),
    );
    const [command] = await core.waitForCommands(1);
    expect(command?.text).toBe("please ask Sam Leader to witness");
    expect(command?.threadId).toBe("1700000000000");
    expect(command?.mentions).toEqual([
      { channel: "teams", userId: "aad-sam", displayName: "Sam Leader", email: "sam@example.org" },
    ]);
    // Only personal chats are remembered for proactive messages.
    expect(
      (await bot.conversations.get("aad-casey", "teams")) as { conversation: { id: string } },
    ).toMatchObject({
      conversation: { id: "a:personal-casey" },
    });
  });

  it("treats an @mention in a group chat (the manifest's groupChat scope) like one in a channel, answering in the chat", async () => {
    await post(
      bot.url,
      personal(connector.serviceUrl, {
        id: "msg-group",
        conversation: { id: "19:casey-sam@thread.v2", conversationType: "groupChat", tenantId: "tenant-1" },
        text: "<at>Shiftnote</at> please ask <at>Sam Leader</at> to witness",
        entities: [
          {
            type: "mention",
            text: "<at>Shiftnote</at>",
            mentioned: { id: "28:shiftnote-bot", name: "Shiftnote" },
          },
          {
            type: "mention",
            text: "<at>Sam Leader</at>",
            mentioned: { id: "29:sam", name: "Sam Leader", aadObjectId: "aad-sam" },
          },
        ],
      }),
    );
    const [command] = await core.waitForCommands(1);
    expect(command).toMatchObject({
      conversationId: "19:casey-sam@thread.v2",
      text: "please ask Sam Leader to witness",
      mentions: [
        { channel: "teams", userId: "aad-sam", displayName: "Sam Leader", email: "sam@example.org" },
      ],
    });
    // A group chat has no threads.
    expect(command?.threadId).toBeUndefined();
    const [reply] = await connector.waitForSent(1);
    expect(reply?.conversationId).toBe("19:casey-sam@thread.v2");
    // Only personal chats are remembered for proactive messages.
    expect(
      ((await bot.conversations.get("aad-casey", "teams")) as { conversation?: { id: string } } | undefined)
        ?.conversation?.id,
    ).not.toBe("19:casey-sam@thread.v2");
  });

  it("passes a Teams file upload on as a file the core can fetch (no bot token sent to the download URL)", async () => {
    connector.files.set("note.m4a", new Uint8Array([1, 2, 3, 4]));
    await post(
      bot.url,
      personal(connector.serviceUrl, {
        id: "msg-file",
        text: "",
        attachments: [
          {
            contentType: "application/vnd.microsoft.teams.file.download.info",
            name: "note.m4a",
            content: { downloadUrl: `${connector.serviceUrl}files/note.m4a`, fileType: "m4a" },
          },
          { contentType: "text/html", content: "<p></p>" },
        ],
      }),
    );
    const [command] = await core.waitForCommands(1);
    expect(command?.files).toHaveLength(1);
    expect(command?.files?.[0]).toMatchObject({ name: "note.m4a", mimeType: "audio/mp4" });
    expect(Array.from((await command?.files?.[0]?.fetch?.()) ?? [])).toEqual([1, 2, 3, 4]);
    expect(connector.downloads.at(-1)).toEqual({ name: "note.m4a" });
  });

  it("sends a proactive message into a stored conversation", async () => {
    await post(bot.url, personal(connector.serviceUrl, { id: "msg-store" }));
    await connector.waitForSent(1);
    const reference = await bot.conversations.get("aad-casey", "teams");
    await bot.channel?.sendProactive(reference, { text: "Your evidence was assessed." });
    const sent = await connector.waitForSent(2);
    expect(sent[1]).toMatchObject({
      conversationId: "a:personal-casey",
      activity: { text: "Your evidence was assessed." },
    });
    // Not threaded under the old message (the SDK's continuation activity has an id of its own).
    expect(sent[1]?.activityId).not.toBe("msg-store");
  });

  it("refuses bad input with a clean 4xx and never calls the core", async () => {
    const malformed = await post(bot.url, "{ this is not json");
    expect(malformed.status).toBe(400);
    const notAnActivity = await post(bot.url, [1, 2, 3]);
    expect(notAnActivity.status).toBe(400);
    const noConversation = await post(bot.url, {
      type: "message",
      serviceUrl: connector.serviceUrl,
      text: "hi",
    });
    expect(noConversation.status).toBe(400);
    const huge = await post(bot.url, personal(connector.serviceUrl, { text: "x".repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const unknownInvoke = await post(bot.url, {
      ...personal(connector.serviceUrl),
      type: "invoke",
      name: "composeExtension/query",
      value: {},
    });
    expect(unknownInvoke.status).toBe(400);
    const malformedAction = await post(bot.url, {
      ...personal(connector.serviceUrl),
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute" } },
    });
    expect(malformedAction.status).toBe(400);
    expect(core.commands).toHaveLength(0);
    const { from: _from, ...anonymousInvoke } = personal(connector.serviceUrl, {
      type: "invoke",
      name: "adaptiveCard/action",
      value: {
        action: { type: "Action.Execute", verb: "evidence.open", data: { evidenceId: "e", version: 1 } },
      },
    });
    const noFrom = await post(bot.url, anonymousInvoke);
    expect(noFrom.status).toBe(400);
    const unknownType = await post(bot.url, personal(connector.serviceUrl, { type: "somethingNew" }));
    expect(unknownType.status).toBe(200);
    const typing = await post(bot.url, personal(connector.serviceUrl, { type: "typing" }));
    expect(typing.status).toBe(200);
    expect(core.commands).toHaveLength(0);
  });

  it("binds to 127.0.0.1 in anonymous mode whatever HOST says", () => {
    expect(effectiveHost(loadConfig({ TEAMS_ANONYMOUS: "1", HOST: "0.0.0.0" }))).toBe("127.0.0.1");
    expect(effectiveHost(loadConfig({ HOST: "0.0.0.0" }))).toBe("0.0.0.0");
  });
});

describe("Teams with credentials (JWT validation on)", () => {
  let core: FakeBotCore;
  let bot: Awaited<ReturnType<typeof start>>;
  const clientId = "00000000-0000-0000-0000-00000000b07a";

  beforeAll(async () => {
    core = createFakeBotCore();
    bot = await start(
      { TEAMS_CLIENT_ID: clientId, TEAMS_CLIENT_SECRET: "not-a-real-secret", TEAMS_TENANT_ID: "tenant-1" },
      core,
    );
  });
  afterAll(() => stop(bot.server));

  const activity = personal("https://smba.trafficmanager.net/emea/");
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("answers 401 to a request without a token", async () => {
    const response = await post(bot.url, activity);
    expect(response.status).toBe(401);
  });

  it("answers 401 to a malformed token and to a token for another audience, without calling the core", async () => {
    expect((await post(bot.url, activity, { authorization: "Bearer not.a.jwt" })).status).toBe(401);
    expect((await post(bot.url, activity, { authorization: "Basic dXNlcjpwYXNz" })).status).toBe(401);
    const forSomeoneElse = `${base64url({ alg: "RS256", typ: "JWT", kid: "k1" })}.${base64url({
      aud: "another-bot",
      iss: "https://api.botframework.com",
      exp: Math.floor(Date.now() / 1000) + 600,
    })}.c2lnbmF0dXJl`;
    expect((await post(bot.url, activity, { authorization: `Bearer ${forSomeoneElse}` })).status).toBe(401);
    expect(core.commands).toHaveLength(0);
  });

  it("reports that it runs authenticated", () => {
    expect(bot.channel?.mode).toBe("authenticated");
  });
});

describe("Teams switched off", () => {
  it("logs one line and answers 503 when no credentials are configured", async () => {
    const lines: string[] = [];
    const core = createFakeBotCore();
    const bot = await start({}, core, recording(lines));
    try {
      expect(bot.channel).toBeUndefined();
      expect(lines).toEqual([expect.stringMatching(/^info Teams is off: set TEAMS_CLIENT_ID/)]);
      expect((await post(bot.url, personal("http://127.0.0.1:1/"))).status).toBe(503);
      expect(core.commands).toHaveLength(0);
    } finally {
      await stop(bot.server);
    }
  });

  it("names what is missing when only part of the credentials is set", async () => {
    const lines: string[] = [];
    const bot = await start({ TEAMS_CLIENT_ID: "abc" }, createFakeBotCore(), recording(lines));
    await stop(bot.server);
    expect(lines).toEqual([expect.stringContaining("TEAMS_CLIENT_SECRET")]);
    expect(lines[0]).toContain("TEAMS_TENANT_ID");
  });
});
