// `link` in Teams: the bot's deep link opens the My portfolio tab, which signs the person in and shows their own portfolio.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { listen } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const APP_ID = "3f2b6a1c-9d4e-4c1a-8b7e-2a5f0c9d1e77";
const AMIRA = { id: "29:amira", name: "Amira Hussain", aadObjectId: "aad-amira" };

let connector: FakeConnector;
let product: Product;
let server: Server;
let base: string;

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.set("29:amira", { ...AMIRA, email: "amira.hussain@demo.shiftnote.test" });
  const config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: "0",
    TEAMS_ANONYMOUS: "1",
    TEAMS_CLIENT_ID: APP_ID,
    SHIFTNOTE_PLAYGROUND: "1",
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await connector.close();
});

describe("the My portfolio tab, signed in by the bot's link", () => {
  it("answers link with a button that opens the tab, and the tab signs Amira in to her own portfolio", async () => {
    const before = connector.sent.length;
    const posted = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: "in-1",
        channelId: "msteams",
        serviceUrl: connector.serviceUrl,
        from: AMIRA,
        recipient: { id: "28:shiftnote-bot", name: "Shiftnote" },
        conversation: { id: "a:personal-amira", conversationType: "personal", tenantId: "tenant-1" },
        text: "link",
      }),
    });
    expect(posted.status).toBe(200);
    await connector.waitForSent(before + 3);
    const sent = JSON.stringify(connector.sent.slice(before));
    expect(sent).toContain("Open the My portfolio tab");
    expect(sent).toContain("Open my pages");
    const deepLink = /"url":"(https:\/\/teams\.microsoft\.com\/l\/entity\/[^"]+)"/.exec(sent)?.[1] ?? "";
    const link = new URL(deepLink);
    expect(link.pathname).toBe(`/l/entity/${APP_ID}/portfolio`);
    const token =
      (JSON.parse(link.searchParams.get("context") ?? "{}") as { subEntityId?: string }).subEntityId ?? "";
    expect(token).not.toBe("");

    // Teams puts the token where the manifest's contentUrl says {page.subPageId}.
    const entry = await fetch(`${base}/tab/portfolio?signin=${encodeURIComponent(token)}`, {
      redirect: "manual",
    });
    expect(entry.headers.get("location")).toBe(`/tab/auth/link?token=${encodeURIComponent(token)}`);
    const signedIn = await fetch(`${base}/tab/auth/link`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const home = await fetch(`${base}/tab/portfolio`, { redirect: "manual", headers: { cookie } });
    const amira = (await product.store.people.byEmail("amira.hussain@demo.shiftnote.test"))?.id ?? "";
    expect(home.headers.get("location")).toBe(`/tab/pages/candidates/${amira}`);
    const page = await fetch(`${base}${home.headers.get("location")}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("https://teams.microsoft.com");
    expect(await page.text()).toContain("Amira Hussain");
  });
});
