// Teams over its real protocol with the real core: a reply in an evidence card's reply chain becomes testimony; message actions file a message.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { listen } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const ACCOUNT =
  "Lunchtime was packed and the card machine went down, so a lady at my till got upset. I apologised, explained, " +
  "and checked with my manager that I could take her payment on the back office terminal. She thanked me as she left.";
const OTHER_ACCOUNT =
  "A customer rang because his parcel had not arrived. I listened, checked the tracking with him, said sorry for " +
  "the wait and arranged a replacement for the next day. He said he was pleased I had sorted it so quickly.";
const TEAM = "19:team-general@thread.tacv2";
const BOT = { id: "28:shiftnote-bot", name: "Shiftnote" };
const people = {
  amira: { id: "29:amira", name: "Amira Hussain", aadObjectId: "aad-amira" },
  tom: { id: "29:tom", name: "Tom Reid", aadObjectId: "aad-tom" },
  leo: { id: "29:leo", name: "Leo Carter", aadObjectId: "aad-leo" },
};

let connector: FakeConnector;
let product: Product;
let server: Server;
let url: string;
let counter = 0;

function activity(
  from: (typeof people)[keyof typeof people],
  conversation: Record<string, unknown>,
  rest: Record<string, unknown>,
) {
  counter += 1;
  return {
    type: "message",
    id: `in-${counter}`,
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { tenantId: "tenant-1", ...conversation },
    ...rest,
  };
}
const inChannel = (root: string) => ({ id: `${TEAM};messageid=${root}`, conversationType: "channel" });
const personal = (who: string) => ({ id: `a:personal-${who}`, conversationType: "personal" });
const post = async (body: unknown) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};
const sentSince = (before: number) => connector.sent.slice(before);
const personOf = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.set("29:amira", { ...people.amira, email: AMIRA });
  connector.members.set("29:tom", { ...people.tom, email: TOM });
  connector.members.set("29:leo", { ...people.leo, email: "leo.carter@demo.shiftnote.test" });
  const config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: "0",
    TEAMS_ANONYMOUS: "1",
    SHIFTNOTE_PLAYGROUND: "1",
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await connector.close();
});

describe("Teams reply chains: a team leader's plain reply under the evidence", () => {
  let evidenceId = "";

  it("answers Amira's account in the channel in its reply chain, and she asks Tom to witness", async () => {
    const before = connector.sent.length;
    const posted = await post(
      activity(people.amira, inChannel("1700000000500"), {
        id: "1700000000500",
        text: `<at>Shiftnote</at> ${ACCOUNT}`,
        entities: [{ type: "mention", text: "<at>Shiftnote</at>", mentioned: BOT }],
      }),
    );
    expect(posted.status).toBe(200);
    const card = sentSince(before).find((c) => JSON.stringify(c.activity).includes("evidence.submit"));
    expect(decodeURIComponent(card?.conversationId ?? "")).toBe(`${TEAM};messageid=1700000000500`);
    evidenceId = (await product.store.evidence.ofCandidate(await personOf(AMIRA))).at(-1)?.id ?? "";
    expect(evidenceId).not.toBe("");

    const asked = connector.sent.length;
    await post(activity(people.amira, personal("amira"), { text: "ask Tom Reid to witness" }));
    expect(JSON.stringify(sentSince(asked))).toContain("asked Tom Reid");
  });

  it("turns Tom's reply without a mention into the witness card with his words, and Send files the testimony", async () => {
    const before = connector.sent.length;
    const words =
      "I was on the next till. Amira stayed calm, said sorry and sorted the payment in the back office.";
    await post(activity(people.tom, inChannel("1700000000500"), { text: words }));
    const confirm = sentSince(before).find((c) => JSON.stringify(c.activity).includes("witness.testify"));
    expect(decodeURIComponent(confirm?.conversationId ?? "")).toBe(`${TEAM};messageid=1700000000500`);
    expect(JSON.stringify(confirm?.activity)).toContain(words);
    expect(JSON.stringify(confirm?.activity)).toContain("Nothing is kept until you do");
    const tom = await personOf(TOM);
    expect((await product.store.witnesses.byEvidenceAndWitness(evidenceId, tom))?.status).toBe("pending");

    const version = (await product.store.evidence.header(evidenceId))?.version;
    const pressed = await post(
      activity(people.tom, inChannel("1700000000500"), {
        type: "invoke",
        name: "adaptiveCard/action",
        value: {
          trigger: "manual",
          action: {
            type: "Action.Execute",
            verb: "witness.testify",
            data: {
              verb: "witness.testify",
              evidenceId,
              version,
              statusCategory: "3",
              relationship: "Team leader",
              declaration: "true",
              testimony: words,
            },
          },
        },
      }),
    );
    expect(pressed.status).toBe(200);
    const given = await product.store.witnesses.byEvidenceAndWitness(evidenceId, tom);
    expect(given?.status).toBe("given");
    expect(given?.testimony?.text).toBe(words);
  });

  it("ignores a reply in a chain with no evidence card, and keeps nothing of who wrote it", async () => {
    const before = connector.sent.length;
    const answered = await post(
      activity(people.leo, inChannel("1700000000777"), { text: "Who is on the late shift on Friday?" }),
    );
    expect(answered.status).toBe(200);
    expect(sentSince(before)).toEqual([]);
    expect(await product.store.people.byChatIdentity("teams", "aad-leo")).toBeNull();
  });
});

describe("Teams message actions", () => {
  const fetchTask = (from: (typeof people)[keyof typeof people], commandId: string, author = people.amira) =>
    post(
      activity(from, inChannel("1700000000900"), {
        type: "invoke",
        name: "composeExtension/fetchTask",
        value: {
          commandId,
          commandContext: "message",
          context: { theme: "default" },
          messagePayload: {
            id: "1700000000900",
            from: { user: { id: author.aadObjectId, displayName: author.name, userIdentityType: "aadUser" } },
            body: { contentType: "html", content: `<p>${OTHER_ACCOUNT}</p>` },
          },
        },
      }),
    );

  it("File as evidence opens a dialog with the suggestion card for Amira's own message", async () => {
    const amira = await personOf(AMIRA);
    const count = (await product.store.evidence.ofCandidate(amira)).length;
    const answer = await fetchTask(people.amira, "fileEvidence");
    expect(answer.status).toBe(200);
    const task = answer.body.task as {
      type: string;
      value: { card: { contentType: string; content: unknown } };
    };
    expect(task.type).toBe("continue");
    expect(task.value.card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(task.value.card.content)).toContain("evidence.submit");
    const after = await product.store.evidence.ofCandidate(amira);
    expect(after.length).toBe(count + 1);
    expect(after.at(-1)?.text).toBe(OTHER_ACCOUNT);
  });

  it("tells Tom kindly that only Amira can file her message, and files nothing", async () => {
    const amira = await personOf(AMIRA);
    const count = (await product.store.evidence.ofCandidate(amira)).length;
    const answer = await fetchTask(people.tom, "fileEvidence");
    const task = answer.body.task as { type: string; value: string };
    expect(task.type).toBe("message");
    expect(task.value).toMatch(
      /That message is Amira Hussain's, and only they can file it as their own evidence/,
    );
    expect((await product.store.evidence.ofCandidate(amira)).length).toBe(count);
  });

  it("Ask a witness files the message and asks who saw it, in the dialog", async () => {
    const answer = await fetchTask(people.amira, "askWitness");
    expect(JSON.stringify(answer.body)).toContain("Who saw this?");
  });
});
