// Slack over signed HTTP with the real core: the suggestion and decision cards list the evidence's photo, linked to its page.
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { listen } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import type { Config } from "../../../src/core/config.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";

const secret = "card-files-signing-secret-0123456789ab";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang upset because her parcel had not arrived. I listened, apologised, tracked it with the courier and " +
  "arranged a redelivery for the next morning. She wrote us a thank-you card, and here is a photo of it.";
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode("thank-you card photo")]);

let api: FakeSlackApi;
let product: Product;
let server: Server;
let base: string;
let config: Config;
let filesDir: string;

const post = async (body: string, type: string) => {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const res = await fetch(`${base}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": type,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
    },
    body,
  });
  return res.status;
};
const message = (id: string, user: string, event: Record<string, unknown>) =>
  JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: id,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: "message", channel_type: "im", channel: `D${user.slice(1)}`, user, ...event },
  });
const postedTo = async (channel: string, needle: string, after: number) => {
  for (let i = 0; i < 80; i++) {
    const found = api
      .callsTo("chat.postMessage")
      .slice(after)
      .find((c) => c.args.channel === channel && JSON.stringify(c.args).includes(needle));
    if (found) return JSON.stringify(found.args.blocks ?? found.args);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`nothing posted to ${channel} with ${needle}`);
};
/** The file's line in a card's blocks: its link, its kind and its size. */
const fileLine = (blocks: string) => /<(http[^|>]+)\|thank-you-card\.jpg> · Photo · (\d+) bytes/.exec(blocks);

/** Follows a card's sign-in link as a browser would: the page, its button, then the page it sends on to. */
async function follow(link: string): Promise<{ signInPage: string; location: string; page: string }> {
  const url = link.replace(/^https?:\/\/[^/]+/, base);
  const signInPage = await (await fetch(url)).text();
  const token = new URL(url).searchParams.get("token") ?? "";
  const signedIn = await fetch(`${base}/auth/link`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
  const location = signedIn.headers.get("location") ?? "";
  const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await (await fetch(`${base}${location}`, { headers: { cookie } })).text();
  return { signInPage, location, page };
}

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "shiftnote-card-files-"));
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  api.users.set("UPRIYA", { name: "Priya Shah", email: "priya.shah@demo.shiftnote.test" });
  config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: "0",
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_API_URL: api.apiUrl,
    SHIFTNOTE_PLAYGROUND: "1",
    SHIFTNOTE_FILES_DIR: filesDir,
    SHIFTNOTE_SESSION_SECRET: "card-files-session-secret-0123456789ab",
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  Object.assign(config, { PORT: port });
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await api.close();
  await rm(filesDir, { recursive: true, force: true });
});

describe("the files on the cards", () => {
  let evidence: { id: string; version: number } | undefined;

  it("lists the photo on Amira's suggestion card by name, kind and size, linked to it on her evidence page", async () => {
    // Priya, Amira's assessor, has written to the bot once, so it can reach her later.
    const hello = api.callsTo("chat.postMessage").length;
    expect(await post(message("Ev-hello", "UPRIYA", { text: "hello", ts: "1.1" }), "application/json")).toBe(
      200,
    );
    await postedTo("DPRIYA", "Hello", hello);

    api.files.set("card.jpg", JPEG);
    const before = api.callsTo("chat.postMessage").length;
    const event = message("Ev-photo", "UAMIRA", {
      subtype: "file_share",
      text: ACCOUNT,
      ts: "2.1",
      files: [
        {
          id: "F1",
          name: "thank-you-card.jpg",
          mimetype: "image/jpeg",
          filetype: "jpg",
          size: JPEG.byteLength,
          url_private_download: `${api.filesUrl}card.jpg`,
        },
      ],
    });
    expect(await post(event, "application/json")).toBe(200);
    const blocks = await postedTo("DAMIRA", "Photos and documents (1)", before);
    expect(blocks).toContain("evidence.submit");
    const line = fileLine(blocks);
    expect(line?.[2]).toBe(String(JPEG.byteLength));
    const opened = await follow(line?.[1] ?? "");
    expect(opened.signInPage).toContain("Open Shiftnote as Amira Hussain");
    const amira = await product.portfolio.personByEmail(AMIRA);
    const [kept] = await product.store.evidenceFiles.ofCandidate(amira?.id ?? "");
    const header = await product.store.evidence.header(kept?.evidenceId ?? "");
    evidence = header ? { id: header.id, version: header.version } : undefined;
    expect(opened.location).toBe(`/pages/candidates/${amira?.id}/evidence/${header?.ref}?file=${kept?.id}`);
    expect(opened.page).toContain("Download thank-you-card.jpg");
  });

  it("lists it on the decision card Priya is sent, with a link that signs her in, not Amira", async () => {
    const before = api.callsTo("chat.postMessage").length;
    const payload = {
      type: "block_actions",
      user: { id: "UAMIRA" },
      team: { id: "T1" },
      trigger_id: "t1",
      response_url: api.responseUrl,
      channel: { id: "DAMIRA" },
      container: { type: "message", message_ts: "2.2", channel_id: "DAMIRA" },
      message: { type: "message", ts: "2.2", text: "Suggested evidence" },
      state: { values: {} },
      actions: [
        {
          type: "button",
          action_id: "evidence.submit",
          block_id: "evidence_actions",
          value: JSON.stringify({
            verb: "evidence.submit",
            evidenceId: evidence?.id,
            version: evidence?.version,
          }),
          action_ts: "2.3",
        },
      ],
    };
    expect(
      await post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
      ),
    ).toBe(200);
    const blocks = await postedTo("DPRIYA", "evidence.decide", before);
    expect(blocks).toContain("Photos and documents (1)");
    const opened = await follow(fileLine(blocks)?.[1] ?? "");
    expect(opened.signInPage).toContain("Open Shiftnote as Priya Shah");
    expect(opened.page).toContain("Download thank-you-card.jpg");
  });
});
