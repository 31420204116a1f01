// Teams during a database outage: saving where to reach the person throws, and a card action still gets its invoke response.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import type { ChannelLog } from "../../../src/bot/channel-log.ts";
import type { ConversationStore } from "../../../src/bot/conversation-store.ts";
import { mountTeams } from "../../../src/bot/teams/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { createFakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;
const down: ConversationStore = {
  save: async () => {
    throw Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
  },
  get: async () => undefined,
};

describe("Teams while the database is down", () => {
  let connector: FakeConnector;
  let server: Server;
  let url: string;
  const lines: string[] = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    connector.members.set("29:casey", {
      id: "29:casey",
      name: "Casey Candidate",
      email: "casey@example.org",
    });
    const config = loadConfig({ SHIFTNOTE_LOG_LEVEL: "silent", TEAMS_ANONYMOUS: "1" });
    const log: ChannelLog = {
      debug() {},
      info() {},
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
    };
    const app = createApp({
      config,
      catalogue,
      mount: [
        (express) => mountTeams(express, { config, core: createFakeBotCore(), conversations: down, log }),
      ],
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

  it("answers a card action with a 200 invoke response carrying the card, not 501", async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "invoke",
        name: "adaptiveCard/action",
        id: "invoke-outage",
        replyToId: "activity-7",
        channelId: "msteams",
        serviceUrl: connector.serviceUrl,
        timestamp: new Date().toISOString(),
        from: { id: "29:casey", name: "Casey Candidate", aadObjectId: "aad-casey" },
        recipient: { id: "28:shiftnote-bot", name: "Shiftnote" },
        conversation: { id: "a:personal-casey", conversationType: "personal", tenantId: "tenant-1" },
        value: {
          trigger: "manual",
          action: {
            type: "Action.Execute",
            verb: "evidence.submit",
            data: { verb: "evidence.submit", evidenceId: "ev-1", version: 1 },
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(lines.some((l) => l.includes("Can't reach database"))).toBe(true);
  });
});
