// Teams files over the real protocol: a photo in a personal chat reaches the core; one shared in a channel gets the how-to.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import { InMemoryConversationStore } from "../../../src/bot/conversation-store.ts";
import { SHARED_FILE_NOTICE } from "../../../src/bot/teams/files.ts";
import { mountTeams } from "../../../src/bot/teams/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { createFakeBotCore, type FakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;
let connector: FakeConnector;
let core: FakeBotCore;
let server: Server;
let url: string;

const message = (overrides: Record<string, unknown>) => ({
  type: "message",
  id: "msg-file",
  channelId: "msteams",
  serviceUrl: connector.serviceUrl,
  timestamp: new Date().toISOString(),
  from: { id: "29:casey", name: "Casey Candidate", aadObjectId: "aad-casey" },
  recipient: { id: "28:shiftnote-bot", name: "Shiftnote" },
  conversation: { id: "a:personal-casey", conversationType: "personal", tenantId: "tenant-1" },
  text: "",
  ...overrides,
});
const post = (body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.set("29:casey", { id: "29:casey", name: "Casey Candidate", email: "casey@example.org" });
  core = createFakeBotCore();
  const config = loadConfig({ SHIFTNOTE_LOG_LEVEL: "silent", TEAMS_ANONYMOUS: "1" });
  const conversations = new InMemoryConversationStore();
  const app = createApp({
    config,
    catalogue,
    mount: [(e) => mountTeams(e, { config, core, conversations })],
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connector.close();
});
beforeEach(() => {
  core.commands.length = 0;
  connector.sent.length = 0;
});

describe("photos and documents in Teams", () => {
  it("hands a photo sent in a personal chat to the core as a file it can fetch", async () => {
    await post(
      message({
        attachments: [
          { contentType: "image/png", contentUrl: `${connector.serviceUrl}files/card.png`, name: "card.png" },
        ],
      }),
    );
    const [command] = await core.waitForCommands(1);
    expect(command?.files?.map((f) => [f.name, f.mimeType])).toEqual([["card.png", "image/png"]]);
    await connector.waitForSent(1);
    expect(JSON.stringify(connector.sent)).not.toContain("private chat with Shiftnote");
  });

  it("says how to send a file shared in a channel, which only Graph could fetch", async () => {
    await post(
      message({
        conversation: {
          id: "19:store-team@thread.tacv2;messageid=1700000000001",
          conversationType: "channel",
        },
        text: "<at>Shiftnote</at> here is the thank-you card",
        entities: [
          {
            type: "mention",
            text: "<at>Shiftnote</at>",
            mentioned: { id: "28:shiftnote-bot", name: "Shiftnote" },
          },
        ],
        attachments: [
          {
            contentType: "text/html",
            content:
              '<p><at>Shiftnote</at> here is the thank-you card</p><attachment id="5e8f"></attachment>',
          },
        ],
      }),
    );
    const sent = await connector.waitForSent(1);
    expect(sent.map((s) => s.activity.text)).toContain(SHARED_FILE_NOTICE);
    expect(SHARED_FILE_NOTICE).toContain("private chat with Shiftnote");
  });
});
