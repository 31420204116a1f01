// Erasure erases: after a full journey, nothing of the erased candidate is left in the database's files, its dump or the files folder.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { ERASED_TEXT } from "../../src/portfolio/index.ts";
import { createPostgresDatabase } from "../store/backends.ts";

const AMIRA = { name: "Amira Hussain", email: "amira.hussain@demo.shiftnote.test" };
const SLACK_USER = "U0AMIRA7QX";
const SLACK_DM = "D0AMIRA7QX";
const PHRASE = "turquoise umbrella stand by the Bexhill lifts";
const ACCOUNT = `A customer rang because her delivery had not arrived and she was upset. I listened, checked the tracking, apologised and explained the van had broken down near the ${PHRASE}. I booked it on the first van the next morning and rang her the next day to check it had come. She thanked me.`;
const WITNESS_WORDS =
  "I heard Amira Hussain calm the customer and book the first van; she rang back the next day.";
const AUDIO_BYTES = Buffer.from(`RIFF....WAVEfmt ${PHRASE} ${AMIRA.name}`);

/** Every file under `dir`, as bytes. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && statSync(path).size < 256 * 1024 * 1024)
        out.push({ path, bytes: readFileSync(path) });
    }
  };
  walk(dir);
  return out;
}

/** The needles searched for: name, each part of it, email, chat ids and the account's distinctive phrase. */
const needles = [AMIRA.name, "Amira", "Hussain", AMIRA.email, SLACK_USER, SLACK_DM, PHRASE, "Bexhill"];

/** Which needles appear in these bytes (UTF-8 and UTF-16, any case). */
function found(bytes: Buffer): string[] {
  const text = bytes.toString("latin1").toLowerCase();
  const wide = bytes.toString("utf16le").toLowerCase();
  return needles.filter((n) => text.includes(n.toLowerCase()) || wide.includes(n.toLowerCase()));
}

async function journey(product: Product, port: number, filesDir: string): Promise<{ evidenceId: string }> {
  const post = async (body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/playground/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { replies: Array<{ text?: string; card?: unknown }> };
  };
  const { portfolio, store } = product;
  const person = async (email: string) => {
    const p = await portfolio.personByEmail(email);
    if (!p) throw new Error(`no ${email}`);
    return p;
  };
  const amira = await person(AMIRA.email);
  const tom = await person("tom.reid@demo.shiftnote.test");
  const priya = await person("priya.shah@demo.shiftnote.test");
  const grace = await person("grace.mensah@demo.shiftnote.test");
  const admin = await person("dana.okafor@demo.shiftnote.test");
  await portfolio.linkIdentity({
    actor: { personId: admin.id },
    personId: amira.id,
    channel: "slack",
    externalId: SLACK_USER,
  });
  await portfolio.channels.saveReference("slack", SLACK_USER, { channel: SLACK_DM, teamId: "T0SHIFT" });

  // Amira files a voice note: the recording kept on disk, as the voice pipeline keeps it, and its transcript.
  const audioKey = `audio/ab/ab${"0".repeat(30)}.wav`;
  mkdirSync(dirname(join(filesDir, audioKey)), { recursive: true });
  writeFileSync(join(filesDir, audioKey), AUDIO_BYTES);
  const filed = await portfolio.fileAccount({
    person: amira,
    text: ACCOUNT,
    eventId: "erase-test-voice",
    voice: { engine: "platform", audioPath: audioKey },
  });
  expect(filed.kind).toBe("drafted");
  const draft = (await store.evidence.ofCandidate(amira.id)).find((e) => e.text.includes(PHRASE));
  if (!draft) throw new Error("no draft");
  expect(draft.audioPath).toBe(audioKey);
  // An export the admin wrote into the files folder.
  writeFileSync(
    join(filesDir, "amira-portfolio.json"),
    JSON.stringify(await portfolio.exportPortfolio({ actor: { personId: admin.id }, candidateId: amira.id })),
  );
  await store.cardCopies.record({
    evidenceId: draft.id,
    personId: amira.id,
    channel: "slack",
    channelId: SLACK_DM,
    messageTs: "1764633600.000100",
  });

  // She asks Tom to witness (so Tom's inbox shows her name and account), and submits.
  await post({ as: AMIRA.email, text: "ask Tom Reid to witness" });
  let e = await store.evidence.byId(draft.id);
  const request = e?.witnessRequests.at(-1);
  if (!e || !request) throw new Error("no witness request");
  const view = await portfolio.view({ actorId: amira.id, evidenceId: e.id });
  await portfolio.submit({
    actorId: amira.id,
    evidence: view,
    version: e.version,
    unticked: [],
    eventId: "erase-test-submit",
  });
  await portfolio.testify({
    actorId: tom.id,
    requestId: request.id,
    statusCategory: 3,
    relationship: "team leader",
    declaredNoPersonalRelationship: true,
    text: WITNESS_WORDS,
  });
  await product.delivery.flush();
  // Priya assesses it with a comment that names her; Grace samples it, and names her on other evidence too.
  e = await store.evidence.byId(draft.id);
  if (!e) throw new Error("gone");
  await portfolio.decideFromForm({
    actorId: priya.id,
    evidenceId: e.id,
    version: e.version,
    outcome: "assessed",
    fields: Object.fromEntries(e.claims.filter((c) => c.active).map((c) => [`decision:${c.id}`, "accept"])),
    comment: "Well done Amira Hussain: calm, clear and you followed it up.",
  });
  e = await store.evidence.byId(draft.id);
  if (!e) throw new Error("gone");
  await portfolio.sample({
    actorId: grace.id,
    evidenceId: e.id,
    version: e.version,
    outcome: "agreed",
    comment: "Agreed; Amira's follow-up call is the strongest part.",
  });
  await product.delivery.flush();
  return { evidenceId: draft.id };
}

interface Run {
  product: Product;
  server: Server;
  cleanup: () => Promise<void>;
}

async function start(env: Record<string, string>): Promise<Run & { filesDir: string }> {
  const filesDir = mkdtempSync(join(tmpdir(), "shiftnote-erase-files-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", SHIFTNOTE_FILES_DIR: filesDir, ...env });
  const product = await buildProduct(config, { log: () => {} });
  const server = await listen(product.app, config);
  return {
    product,
    server,
    filesDir,
    async cleanup() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await product.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

const port = (server: Server) => (server.address() as AddressInfo).port;

describe("erasing a demo candidate after a full journey", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c().catch(() => {});
  });

  it("on PGlite leaves none of her words in the data directory's files or the files folder", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "shiftnote-erase-pgdata-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const run = await start({ DATABASE_URL: `file:${dataDir}` });
    let closed = false;
    cleanups.push(async () => {
      if (!closed) await run.cleanup();
    });
    const { evidenceId } = await journey(run.product, port(run.server), run.filesDir);
    // Before: the database's files and the files folder hold her.
    expect(filesUnder(dataDir).some((f) => found(f.bytes).length > 0)).toBe(true);
    expect(filesUnder(run.filesDir).some((f) => found(f.bytes).length > 0)).toBe(true);

    const amira = await run.product.portfolio.personByEmail(AMIRA.email);
    const admin = await run.product.portfolio.personByEmail("dana.okafor@demo.shiftnote.test");
    const done = await run.product.portfolio.erasePerson({
      actor: { personId: admin?.id ?? "" },
      personId: amira?.id ?? "",
    });
    expect(done).toMatchObject({ compacted: true, afterwards: [] });
    expect(done.filesRemoved).toBeGreaterThanOrEqual(2);

    const e = await run.product.store.evidence.byId(evidenceId);
    expect(e).toMatchObject({ text: ERASED_TEXT, audioPath: null });
    const filesLeft = filesUnder(run.filesDir).filter((f) => found(f.bytes).length > 0);
    expect(filesLeft.map((f) => f.path)).toEqual([]);
    await run.cleanup();
    closed = true;
    const left = filesUnder(dataDir)
      .map((f) => ({ path: f.path.slice(dataDir.length), hits: found(f.bytes) }))
      .filter((f) => f.hits.length > 0);
    expect(left).toEqual([]);
  }, 300_000);

  it("on PostgreSQL leaves none of her words in pg_dump or the files folder", async () => {
    const db = await createPostgresDatabase("shiftnote_erase");
    cleanups.push(() => db.drop());
    const run = await start({ DATABASE_URL: db.url });
    cleanups.push(() => run.cleanup());
    await journey(run.product, port(run.server), run.filesDir);
    const dump = () => execFileSync("pg_dump", ["--no-owner", db.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(found(dump()).length).toBeGreaterThan(0);

    const amira = await run.product.portfolio.personByEmail(AMIRA.email);
    const done = await run.product.portfolio.erasePerson({
      actor: { system: "cli" },
      personId: amira?.id ?? "",
    });
    expect(done.compacted).toBe(true);
    expect(found(dump())).toEqual([]);
    expect(
      filesUnder(run.filesDir)
        .filter((f) => found(f.bytes).length > 0)
        .map((f) => f.path),
    ).toEqual([]);
  }, 300_000);
});
