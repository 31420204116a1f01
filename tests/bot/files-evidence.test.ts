// Photos and documents as evidence, end to end: a photo sent in Slack and a file uploaded in the playground are kept,
// shown on the evidence page only to people who may see it, listed in the export, and gone after erasure.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "../../src/app/wiring.ts";
import type { Config } from "../../src/core/config.ts";
import { signLink } from "../../src/web/signed-link.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../helpers/fake-slack-api.ts";
import { type SlackProduct, startSlackProduct } from "../helpers/slack-product.ts";

const secret = "files-signing-secret-0123456789abcdef";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang upset because her parcel had not arrived. I listened, apologised, tracked it with the courier and " +
  "arranged a redelivery for the next morning. She wrote us a thank-you card, and here is a photo of it.";
const SECOND =
  "An older gentleman could not work the self-checkout, so I showed him each step calmly and filled in the store's " +
  "help checklist with him. He thanked me and said he would manage next time.";
// the first bytes of a JPEG and a PNG, then some content of their own
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode("thank-you card photo")]);
const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...new TextEncoder().encode("checklist"),
]);

let api: FakeSlackApi;
let slack: SlackProduct;
let product: Product;
let base: string;
let config: Config;
let filesDir: string;

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 80; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function pageSession(personId: string): Promise<string> {
  const token = new URL(signLink(personId, config)).searchParams.get("token") ?? "";
  const res = await fetch(`${base}/auth/link`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function keptFiles(): Promise<string[]> {
  const dir = join(filesDir, "files");
  const found: string[] = [];
  for (const sub of await readdir(dir).catch(() => [])) found.push(...(await readdir(join(dir, sub))));
  return found;
}

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "shiftnote-files-"));
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  slack = await startSlackProduct(api, secret, {
    SHIFTNOTE_FILES_DIR: filesDir,
    SHIFTNOTE_SESSION_SECRET: "files-session-secret-0123456789abcdef",
  });
  ({ product, base, config } = slack);
  // Signed links name the port the server really listens on.
  Object.assign(config, { PORT: (slack.server.address() as AddressInfo).port });
});
afterAll(async () => {
  await slack.close();
  await api.close();
  await rm(filesDir, { recursive: true, force: true });
});

describe("photos and documents as evidence", () => {
  it("keeps a Slack photo and a playground upload, shows them, exports them and erases them", async () => {
    const amira = await product.portfolio.personByEmail(AMIRA);
    if (!amira) throw new Error("the demo centre has no Amira");

    // Slack: a photo shared in the DM with the account as its message
    api.files.set("card.jpg", JPEG);
    const event = JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: "Ev-photo-1",
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "message",
        subtype: "file_share",
        channel_type: "im",
        channel: "DAMIRA",
        user: "UAMIRA",
        text: ACCOUNT,
        ts: "5.1",
        event_ts: "5.1",
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
      },
    });
    expect(await slack.post(event, "application/json")).toBe(200);
    const kept = await until(async () => {
      const list = await product.store.evidenceFiles.ofCandidate(amira.id);
      return list.length ? list : undefined;
    }, "the Slack photo");
    expect(kept[0]).toMatchObject({
      name: "thank-you-card.jpg",
      mimeType: "image/jpeg",
      bytes: JPEG.byteLength,
    });
    expect(api.downloads.find((d) => d.name === "card.jpg")?.authorization).toBe("Bearer xoxb-test");
    const told = await until(
      async () =>
        api
          .callsTo("chat.postMessage")
          .find((c) => JSON.stringify(c.args).includes("I've kept thank-you-card.jpg")),
      "the bot's reply",
    );
    expect(told.args.channel).toBe("DAMIRA");

    // the playground: a PNG with an account typed beside it
    const upload = await fetch(
      `${base}/playground/api/file?as=${encodeURIComponent(AMIRA)}&name=checklist.png&text=${encodeURIComponent(SECOND)}`,
      { method: "POST", headers: { "content-type": "image/png" }, body: PNG },
    );
    const replies = ((await upload.json()) as { replies: Array<{ text?: string }> }).replies;
    expect(replies.map((r) => r.text).join(" ")).toContain("I've kept checklist.png");

    // a type the bot does not take gets a clear reply and nothing is kept
    const refused = await fetch(
      `${base}/playground/api/file?as=${encodeURIComponent(AMIRA)}&name=notes.zip&text=x`,
      {
        method: "POST",
        headers: { "content-type": "application/zip" },
        body: new Uint8Array([1, 2, 3]),
      },
    );
    expect(JSON.stringify(await refused.json())).toContain("I take photos (JPEG, PNG, HEIC or WebP), PDFs");
    const files = await product.store.evidenceFiles.ofCandidate(amira.id);
    expect(files.map((f) => f.name)).toEqual(["thank-you-card.jpg", "checklist.png"]);
    expect(await keptFiles()).toHaveLength(2);

    // the evidence page: a preview and a download link for Amira; "not found" for a candidate who may not see it
    const photoEvidence = await product.store.evidence.header(files[0]?.evidenceId ?? "");
    const pagePath = `/pages/candidates/${amira.id}/evidence/${photoEvidence?.ref}`;
    const cookie = await pageSession(amira.id);
    const page = await (await fetch(`${base}${pagePath}`, { headers: { cookie } })).text();
    expect(page).toContain("Photos and documents");
    expect(page).toContain("Download thank-you-card.jpg");
    const link = /href="([^"]+\/files\/[^"?]+)"/.exec(page)?.[1] ?? "";
    expect(link).toContain("/files/");
    expect(page).toContain(`<img src="${link}?inline=1"`);
    const download = await fetch(`${base}${link}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(JPEG);
    const other = (await product.portfolio.everyone()).find(
      (p) => p.roles.includes("candidate") && p.id !== amira.id,
    );
    const stranger = await pageSession(other?.id ?? "");
    expect((await fetch(`${base}${link}`, { headers: { cookie: stranger } })).status).toBe(404);
    expect((await fetch(`${base}${link}`)).status).toBe(401);

    // the export lists both files with their hashes
    const exported = await product.portfolio.exportPortfolio({
      actor: { system: "cli" },
      candidateId: amira.id,
    });
    expect(exported.files.map((f) => [f.name, f.mimeType, f.bytes])).toEqual([
      ["thank-you-card.jpg", "image/jpeg", JPEG.byteLength],
      ["checklist.png", "image/png", PNG.byteLength],
    ]);

    // erasure removes the rows and the files themselves
    await product.portfolio.erasePerson({ actor: { system: "cli" }, personId: amira.id });
    expect(await product.store.evidenceFiles.ofCandidate(amira.id)).toEqual([]);
    expect(await keptFiles()).toEqual([]);
    expect((await fetch(`${base}${link}`, { headers: { cookie } })).status).not.toBe(200);
  });
});
