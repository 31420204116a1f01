// Files shared in a Teams channel or group chat, fetched through a local fake of Microsoft Graph within the download policy.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import { MAX_CHANNEL_FILE_BYTES } from "../../../src/bot/channel-download.ts";
import { InMemoryConversationStore } from "../../../src/bot/conversation-store.ts";
import { SHARED_FILE_NOTICE } from "../../../src/bot/teams/files.ts";
import { mountTeams } from "../../../src/bot/teams/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { createFakeBotCore, type FakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";
import { type FakeGraph, startFakeGraph } from "../../helpers/fake-graph.ts";

const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;
const BOT = { id: "28:shiftnote-bot", name: "Shiftnote" };
const TEAM = "19:store-team@thread.tacv2";
const GROUP = "a1b2c3d4-0000-4000-8000-00000000aaaa";
const CHAT = "19:amira-and-tom@thread.v2";
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode("thank-you card")]);
const SHAREPOINT = "https://contoso.sharepoint.com/sites/store/Shared Documents/General/card.jpg";
const shareId = (url: string) => `u!${Buffer.from(url).toString("base64url")}`;

let connector: FakeConnector;
let graph: FakeGraph;
let core: FakeBotCore;
let server: Server;
let url: string;

const mention = { type: "mention", text: "<at>Shiftnote</at>", mentioned: BOT };
const message = (id: string, conversation: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "message",
  id,
  channelId: "msteams",
  serviceUrl: connector.serviceUrl,
  from: { id: "29:amira", name: "Amira Hussain", aadObjectId: "aad-amira" },
  recipient: BOT,
  conversation: { tenantId: "tenant-1", ...conversation },
  text: "<at>Shiftnote</at> here is the thank-you card",
  entities: [mention],
  attachments: [
    {
      contentType: "text/html",
      content: '<p><at>Shiftnote</at> here is the thank-you card</p><attachment id="5e8f"></attachment>',
    },
  ],
  ...extra,
});
const inChannel = (id: string) =>
  message(
    id,
    { id: `${TEAM};messageid=${id}`, conversationType: "channel" },
    {
      channelData: {
        team: { id: TEAM, aadGroupId: GROUP },
        channel: { id: TEAM },
        tenant: { id: "tenant-1" },
      },
    },
  );
const post = (body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const channelMessage = (id: string) => `/teams/${GROUP}/channels/${TEAM}/messages/${id}`;

beforeAll(async () => {
  connector = await startFakeConnector();
  graph = await startFakeGraph();
  core = createFakeBotCore();
  const config = loadConfig({
    SHIFTNOTE_LOG_LEVEL: "silent",
    TEAMS_ANONYMOUS: "1",
    TEAMS_CLIENT_ID: "3f2b6a1c-9d4e-4c1a-8b7e-2a5f0c9d1e77",
    TEAMS_CLIENT_SECRET: "graph-test-secret",
    TEAMS_TENANT_ID: "tenant-1",
    TEAMS_GRAPH_FILES: "1",
    GRAPH_API_URL: graph.apiUrl,
    GRAPH_LOGIN_URL: graph.loginUrl,
  });
  const app = createApp({
    config,
    catalogue,
    mount: [(e) => mountTeams(e, { config, core, conversations: new InMemoryConversationStore() })],
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connector.close();
  await graph.close();
});
beforeEach(() => {
  core.commands.length = 0;
  connector.sent.length = 0;
  graph.requests.length = 0;
});

describe("files shared in Teams channels and group chats, through Microsoft Graph", () => {
  it("fetches a file uploaded in a channel from SharePoint through Graph, with the app's token to Graph only", async () => {
    graph.messages.set(channelMessage("1700000000001"), {
      id: "1700000000001",
      body: {
        contentType: "html",
        content: '<p>here is the thank-you card</p><attachment id="5e8f"></attachment>',
      },
      attachments: [{ id: "5e8f", contentType: "reference", contentUrl: SHAREPOINT, name: "card.jpg" }],
    });
    // Graph answers a file's content with a redirect to where SharePoint serves it (here the same local host).
    graph.content.set(`/shares/${shareId(SHAREPOINT)}/driveItem/content`, {
      redirect: "/sharepoint/card.jpg",
    });
    graph.content.set("/sharepoint/card.jpg", PHOTO);
    await post(inChannel("1700000000001"));
    const [command] = await core.waitForCommands(1);
    expect(command?.files?.map((f) => [f.name, f.mimeType])).toEqual([["card.jpg", "image/jpeg"]]);
    expect(await command?.files?.[0]?.fetch?.()).toEqual(PHOTO);
    await connector.waitForSent(1);
    expect(connector.sent.map((s) => s.activity.text)).not.toContain(SHARED_FILE_NOTICE);
    const byPath = (path: string) => graph.requests.find((r) => r.path === `/v1.0${path}`);
    expect(graph.requests.find((r) => r.path.endsWith("/oauth2/v2.0/token"))?.method).toBe("POST");
    expect(byPath(channelMessage("1700000000001"))?.authorization).toBe("Bearer graph-token-1");
    expect(byPath(`/shares/${shareId(SHAREPOINT)}/driveItem/content`)?.authorization).toBe(
      "Bearer graph-token-1",
    );
    // The token goes to Graph, never on to the host a redirect names.
    expect(byPath("/sharepoint/card.jpg")?.authorization).toBeUndefined();
  });

  it("fetches a picture pasted into a group chat message from its hosted content", async () => {
    const path = `/chats/${CHAT}/messages/1700000000002`;
    graph.messages.set(path, {
      id: "1700000000002",
      body: {
        contentType: "html",
        content: `<p>the card</p><img src="${graph.apiUrl}${path}/hostedContents/aWQ9MQ==/$value" alt="image">`,
      },
      attachments: [],
    });
    graph.content.set(`${path}/hostedContents/aWQ9MQ==/$value`, PHOTO);
    await post(message("1700000000002", { id: CHAT, conversationType: "groupChat" }));
    const [command] = await core.waitForCommands(1);
    expect(command?.files?.map((f) => [f.name, f.mimeType])).toEqual([["pasted picture 1.png", "image/png"]]);
    expect(await command?.files?.[0]?.fetch?.()).toEqual(PHOTO);
  });

  it("refuses a file Graph redirects to a host Teams does not keep files on, and one over the size limit", async () => {
    const elsewhere = "https://contoso.sharepoint.com/sites/store/Shared Documents/General/away.jpg";
    const huge = "https://contoso.sharepoint.com/sites/store/Shared Documents/General/huge.jpg";
    graph.messages.set(channelMessage("1700000000003"), {
      id: "1700000000003",
      attachments: [
        { contentType: "reference", contentUrl: elsewhere, name: "away.jpg" },
        { contentType: "reference", contentUrl: huge, name: "huge.jpg" },
      ],
    });
    graph.content.set(`/shares/${shareId(elsewhere)}/driveItem/content`, {
      redirect: "https://files.example.net/away.jpg",
    });
    graph.content.set(
      `/shares/${shareId(huge)}/driveItem/content`,
      new Uint8Array(MAX_CHANNEL_FILE_BYTES + 1),
    );
    await post(inChannel("1700000000003"));
    const [command] = await core.waitForCommands(1);
    const [away, big] = command?.files ?? [];
    await expect(away?.fetch?.()).rejects.toThrow(/address Teams doesn't use for files/);
    await expect(big?.fetch?.()).rejects.toThrow(/larger than 25 MB/);
    expect(graph.requests.some((r) => r.path.includes("files.example.net"))).toBe(false);
  });

  it("says how to send the file when Graph has no such message for the app (no permission there)", async () => {
    await post(inChannel("1700000000404"));
    const sent = await connector.waitForSent(1);
    expect(sent.map((s) => s.activity.text)).toContain(SHARED_FILE_NOTICE);
  });

  it("reads nothing through Graph for a channel message that does not mention the bot", async () => {
    const overheard = inChannel("1700000000005");
    await post({ ...overheard, text: "here is the rota", entities: [] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(graph.requests.filter((r) => r.path.includes("/messages/"))).toEqual([]);
    expect(connector.sent.map((s) => s.activity.text)).not.toContain(SHARED_FILE_NOTICE);
  });
});
