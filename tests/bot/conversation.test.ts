// Whole conversations over the bot core with the real mapper and the embedded database, as people would have them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotCore } from "../../src/bot/core.ts";
import type { BotCommand, BotCore, BotReply, BotResult as CoreResult } from "../../src/bot/types.ts";
import { adaptiveCard, slackBlocks } from "../../src/cards/index.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { shownClaims } from "../../src/mapping/types.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { type SentNotification, takeNotifications } from "../helpers/outbox-notifications.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const LEO = "leo.carter@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";

const ACCOUNT =
  "Saturday afternoon was heaving and the card reader kept freezing, so an older gentleman at my till got cross about waiting. " +
  "I said sorry, told him what was going on and asked my supervisor whether I could put the payment through on the other till. " +
  "She agreed, I walked him over so he didn't lose his place, and he left smiling and thanked me.";

let store: Store;
let portfolio: Portfolio;
let bot: BotCore;
let sequence = 0;
const errors: unknown[] = [];

beforeAll(async () => {
  store = await openStore("memory://");
  const catalogue = loadCatalogue();
  portfolio = createPortfolio({ store, catalogue, mapper: (text, options) => mapEvidence(text, options) });
  await portfolio.loadDemoCentre();
  bot = createBotCore({ portfolio, log: (_message, error) => errors.push(error) });
});

/** A turn's replies, and what it told other people: the outbox's notifications as delivery renders them. */
type BotResult = CoreResult & { notifications: SentNotification[] };
const withNotifications = async (result: Promise<CoreResult>): Promise<BotResult> => {
  const replies = await result;
  return { ...replies, notifications: await takeNotifications(portfolio) };
};
const core = { handle: (c: BotCommand) => withNotifications(bot.handle(c)) };
afterAll(() => store.close());

function command(as: string, body: Partial<BotCommand>, channel: BotCommand["channel"] = "web"): BotCommand {
  return {
    channel,
    actor: { channel, userId: as, email: as },
    conversationId: `c-${as}`,
    text: "",
    eventId: `t-${++sequence}`,
    ...body,
  };
}
const say = (as: string, text: string) => core.handle(command(as, { text }));
const act = (as: string, action: Record<string, unknown>) =>
  core.handle(command(as, { action: action as BotCommand["action"] }));

/** The data of the first Action.Execute with this verb anywhere in a card. */
function actionIn(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data) return n.data as Record<string, unknown>;
  for (const value of Object.values(n)) {
    const found = actionIn(value, verb);
    if (found) return found;
  }
  return undefined;
}
const inputIds = (card: unknown, prefix: string) =>
  [...JSON.stringify(card).matchAll(new RegExp(`"id":"(${prefix}[^"]+)"`, "g"))].map((m) => m[1] as string);
const texts = (result: CoreResult) => result.replies.map((r) => r.text ?? "").join("\n");
/** The Adaptive Card a reply's view renders to (what Teams and the playground show). */
const rendered = (reply: BotReply | undefined) => (reply?.card ? adaptiveCard(reply.card.view) : undefined);
const firstCard = (result: CoreResult) => rendered(result.replies.find((r) => r.card));

describe("a candidate's account becomes assessed evidence", () => {
  it("walks from account to assessor decision, with a witness on the way", async () => {
    // The candidate tells the bot what happened: a suggestion card with the claims the mapper found.
    const suggestion = await say(AMIRA, ACCOUNT);
    const card = firstCard(suggestion);
    expect(card, texts(suggestion)).toBeDefined();
    const claims = inputIds(card, "claim:");
    expect(claims.length).toBeGreaterThan(2);
    expect(JSON.stringify(card)).toContain("card reader kept freezing");

    // Untick one and submit: the assessor is told, with the approval card.
    const submit = actionIn(card, "evidence.submit");
    const dropped = claims[0] as string;
    const submitted = await act(AMIRA, { ...submit, [dropped]: "false" });
    // One confirmation: the card that replaces the draft says it, and no bubble repeats it.
    expect(JSON.stringify(firstCard(submitted))).toMatch(/is filed and on its way to Priya Shah/);
    expect(submitted.replies).toHaveLength(1);
    expect(submitted.notifications.map((n) => n.personId)).toHaveLength(1);
    const evidence = (await store.evidence.ofCandidate((await store.people.byEmail(AMIRA))?.id ?? "")).at(-1);
    expect(evidence?.status).toBe("submitted");
    expect(evidence?.claims.filter((c) => c.active).map((c) => `claim:${c.targetId}`)).not.toContain(dropped);

    // The team leader is asked to witness, answers on the card they are sent.
    const asked = await say(AMIRA, "ask Tom Reid to witness this");
    expect(texts(asked)).toMatch(/asked Tom Reid to witness/);
    const witnessCard = rendered(asked.notifications[0]?.reply);
    const testify = actionIn(witnessCard, "witness.testify");
    const given = await act(TOM, {
      ...testify,
      statusCategory: "3",
      relationship: "Team leader on the same shift",
      declaration: "true",
      testimony:
        "I was on the floor and saw Amira calm the customer and sort the payment on the second till.",
    });
    expect(texts(given)).toMatch(/Thank you/);

    // The assessor opens it from the queue, rejects one claim and accepts the rest.
    const queue = await say(PRIYA, "queue");
    const open = actionIn(firstCard(queue), "evidence.open");
    expect(open).toBeDefined();
    const opened = await act(PRIYA, {
      ...open,
      evidenceId: evidence?.id,
      version: (await store.evidence.header(evidence?.id ?? ""))?.version,
    });
    const approval = firstCard(opened);
    expect(JSON.stringify(approval)).toContain("Team leader on the same shift");
    const decisions = inputIds(approval, "decision:");
    const inputs = Object.fromEntries(decisions.map((id, i) => [id, i === 0 ? "reject" : "accept"]));
    const decided = await act(PRIYA, {
      ...actionIn(approval, "evidence.decide"),
      ...inputs,
      comment: "Say more about the first one.",
    });
    expect(JSON.stringify(firstCard(decided))).toMatch(/Assessed by Priya Shah/);
    // The candidate is told which evidence, how many claims, which one was not accepted and why.
    expect(decided.notifications[0]?.reply.text).toMatch(
      new RegExp(`^Priya Shah accepted \\d of \\d claims on ${evidence?.ref}; [\\d.A-Za-z]+ not accepted`),
    );

    // The same decision again, from the card she had: the current card with a "this changed" notice, nothing saved twice.
    const again = await act(PRIYA, { ...actionIn(approval, "evidence.decide"), ...inputs });
    expect(JSON.stringify(firstCard(again))).toMatch(/is already assessed; here is the decision/);
    expect((await store.evidence.byId(evidence?.id ?? ""))?.decisions).toHaveLength(1);

    // Every earlier copy shows the outcome when it is shown again (Teams asks with the card's refresh action):
    // the approval card Priya was sent on submission, Amira's draft card, Tom's witness card.
    const versionBefore = (await store.evidence.header(evidence?.id ?? ""))?.version;
    const sentToPriya = rendered(submitted.notifications[0]?.reply);
    const priyaCopy = firstCard(await act(PRIYA, actionIn(sentToPriya, "evidence.refresh") ?? {}));
    expect(JSON.stringify(priyaCopy)).toMatch(/Assessed by Priya Shah/);
    expect(actionIn(priyaCopy, "evidence.decide")).toBeUndefined();
    const amiraCopy = firstCard(await act(AMIRA, actionIn(card, "evidence.refresh") ?? {}));
    expect(JSON.stringify(amiraCopy)).toMatch(/is assessed/);
    expect(actionIn(amiraCopy, "evidence.submit")).toBeUndefined();
    const tomCopy = firstCard(await act(TOM, actionIn(witnessCard, "evidence.refresh") ?? {}));
    expect(actionIn(tomCopy, "witness.testify")).toBeUndefined();
    expect((await store.evidence.header(evidence?.id ?? ""))?.version).toBe(versionBefore);

    // The candidate's progress now counts those criteria as assessed.
    const progress = await say(AMIRA, "progress");
    expect(JSON.stringify(firstCard(progress))).toMatch(/\d+ assessed/);
    expect(errors).toEqual([]);
  });
});

describe("the card files what the mapper shows", () => {
  it("offers exactly the claims `shiftnote map` and the evaluation count as shown, and the ranges", async () => {
    const amira = await store.people.byEmail(AMIRA);
    const enrolment = (await store.enrolments.ofCandidate(amira?.id ?? ""))[0];
    const mapped = mapEvidence(ACCOUNT_3, { level: enrolment?.level ?? 2, units: enrolment?.unitIds ?? [] });
    const card = firstCard(await say(AMIRA, ACCOUNT_3));
    const expected = [...shownClaims(mapped), ...mapped.ranges].map((c) => `claim:${c.id}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(inputIds(card, "claim:"))).toEqual(new Set(expected));
    // The ranking behind the shown few is not filed.
    const hidden = mapped.criteria.filter((c) => c.shown === false).map((c) => `claim:${c.id}`);
    expect(hidden.length).toBeGreaterThan(0);
    for (const id of hidden) expect(inputIds(card, "claim:")).not.toContain(id);
  });
});

const ACCOUNT_3 =
  "A young mum rang the surgery because she could not get an appointment for her son's rash through the app. " +
  "I listened, said I was sorry it had been so hard, and checked the list with her while she waited on the line. " +
  "There was a cancellation at four, so I booked it, read the time back to her and told her to ring again if it got worse.";

describe("what people who are not the candidate's assessor can do", () => {
  it("lets nobody else decide, and changes nothing when they try", async () => {
    const draft = await say(LEO, ACCOUNT);
    const card = firstCard(draft);
    const submitted = await act(LEO, actionIn(card, "evidence.submit") ?? {});
    expect(JSON.stringify(firstCard(submitted))).toMatch(/is filed/);
    const leo = await store.people.byEmail(LEO);
    const before = (await store.evidence.ofCandidate(leo?.id ?? "")).at(-1);
    const forged = { verb: "evidence.approve_all", evidenceId: before?.id, version: before?.version };
    for (const who of [AMIRA, TOM]) {
      const result = await act(who, forged);
      expect(texts(result)).toMatch(/can't find that piece of evidence/);
    }
    const after = await store.evidence.byId(before?.id ?? "");
    expect(after?.status).toBe("submitted");
    expect(after?.version).toBe(before?.version);
  });

  it("tells a witness who presses decide that only the assessor decides, with or without choices made", async () => {
    const draft = await say(LEO, ACCOUNT);
    await act(LEO, actionIn(firstCard(draft), "evidence.submit") ?? {});
    const asked = await say(LEO, "ask Tom Reid to witness this");
    expect(texts(asked)).toMatch(/asked Tom Reid to witness/);
    const leo = await store.people.byEmail(LEO);
    const before = (await store.evidence.ofCandidate(leo?.id ?? "")).at(-1);
    const decide = { verb: "evidence.decide", evidenceId: before?.id, version: before?.version };
    const claimIds = before?.claims.filter((c) => c.active).map((c) => c.id) ?? [];
    const choices = Object.fromEntries(claimIds.map((id) => [`decision:${id}`, "accept"]));
    for (const action of [decide, { ...decide, ...choices }, { ...decide, verb: "evidence.approve_all" }]) {
      const result = await act(TOM, action);
      expect(texts(result)).toMatch(/Only .*assessor.* can accept or reject/);
      expect(texts(result)).not.toMatch(/Choose Accept or Reject|can't find/);
    }
    const after = await store.evidence.byId(before?.id ?? "");
    expect(after?.status).toBe("submitted");
    expect(after?.version).toBe(before?.version);
  });

  it("answers malformed action data without touching anything", async () => {
    const result = await act(AMIRA, { verb: "evidence.explode", evidenceId: "x", version: 1 });
    expect(texts(result)).toMatch(/didn't carry what I expected/);
  });
});

describe("a team leader @mentioned in a channel", () => {
  it("is asked to witness the candidate's latest account", async () => {
    await say(AMIRA, ACCOUNT);
    const result = await core.handle({
      ...command(AMIRA, { text: "can you witness this for me please?" }, "teams"),
      actor: { channel: "teams", userId: "29:amira", email: AMIRA },
      mentions: [{ channel: "teams", userId: "29:tom", displayName: "Tom Reid", email: TOM }],
    });
    expect(texts(result)).toMatch(/asked Tom Reid to witness/);
    const tom = await store.people.byEmail(TOM);
    expect(result.notifications.map((n) => n.personId)).toEqual([tom?.id]);
  });
});

describe("a voice note", () => {
  it("is transcribed, mapped and filed as voice evidence that keeps its recording and engine", async () => {
    const catalogue = loadCatalogue();
    const heard: string[] = [];
    const voiceCore = createBotCore({
      portfolio: createPortfolio({ store, catalogue, mapper: (text, options) => mapEvidence(text, options) }),
      async transcribe(file) {
        heard.push(file.name);
        return {
          text: ACCOUNT.toLowerCase().replace(/[.,]/g, ""),
          engine: "platform",
          audioPath: "audio/ab/abcdef.ogg",
        };
      },
    });
    const result = await voiceCore.handle(
      command(AMIRA, {
        files: [{ name: "voice-note.ogg", mimeType: "audio/ogg", bytes: new Uint8Array([1, 2, 3]) }],
      }),
    );
    expect(heard).toEqual(["voice-note.ogg"]);
    expect(JSON.stringify(firstCard(result))).toMatch(/Transcribed from your voice note/);
    const amira = await store.people.byEmail(AMIRA);
    const filed = (await store.evidence.ofCandidate(amira?.id ?? "")).at(-1);
    expect(filed?.source).toBe("voice");
    expect(filed?.transcriptionEngine).toBe("platform");
    expect(filed?.audioPath).toBe("audio/ab/abcdef.ogg");
    expect(filed?.claims.length).toBeGreaterThan(0);
  });

  it("says voice notes are not set up where there is no transcriber, and files nothing", async () => {
    const amira = await store.people.byEmail(AMIRA);
    const before = (await store.evidence.ofCandidate(amira?.id ?? "")).length;
    const result = await core.handle(
      command(AMIRA, { files: [{ name: "note.m4a", bytes: new Uint8Array([1]) }] }),
    );
    expect(texts(result)).toMatch(/Voice notes are not set up here yet/);
    expect(await store.evidence.ofCandidate(amira?.id ?? "")).toHaveLength(before);
  });
});

describe("messages that are not evidence", () => {
  it.each([
    ["can I swap my Friday shift with someone?", /haven't filed anything/],
    ["thanks!", /You're welcome/],
    ["help", /Tell me about a customer/],
  ])("answers %j in words, with no card", async (text, reply) => {
    const result = await say(AMIRA, text);
    expect(result.replies.every((r) => !r.card)).toBe(true);
    expect(texts(result)).toMatch(reply);
  });

  it("says plainly that nothing was filed and what an account needs, each in its own sentence", async () => {
    const said = texts(await say(AMIRA, "can I swap my Friday shift with someone?"));
    expect(said).toMatch(/^I haven't filed anything\. /);
    expect(said).toMatch(/Tell me what you did for the customer: who they were, what they needed/);
    expect(said).not.toMatch(/ended, so I haven't/);
  });

  it("tells someone the centre has not added who to ask, and keeps nothing", async () => {
    const result = await core.handle(command("stranger@example.com", { text: ACCOUNT }, "slack"));
    expect(texts(result)).toMatch(/I don't know you yet/);
    expect(await store.people.byEmail("stranger@example.com")).toBeNull();
    expect(await store.people.byChatIdentity("slack", "stranger@example.com")).toBeNull();
  });

  it("links a Slack user to the person with their email the first time they write", async () => {
    const result = await core.handle({
      ...command(TOM, { text: "help" }, "slack"),
      actor: { channel: "slack", userId: "U0TOMREID", email: TOM },
    });
    expect(texts(result)).toMatch(/witness/);
    expect((await store.people.byChatIdentity("slack", "U0TOMREID"))?.email).toBe(TOM);
  });

  it("refuses an account too long for one piece of evidence, politely", async () => {
    const result = await say(AMIRA, `${ACCOUNT} `.repeat(40));
    expect(texts(result)).toMatch(/Split it into two accounts/);
  });
});

describe("referred-back evidence", () => {
  const ACCOUNT_2 =
    "A lady came to the customer service desk because her online order had arrived with a cracked mug. " +
    "I listened, said sorry, checked the order on the system and offered her a replacement or a refund. " +
    "She chose the refund, I processed it and explained it would take three days, and she thanked me.";

  it("arrives with the evidence's card and the assessor's comment, and opens again by its number", async () => {
    const drafted = await say(AMIRA, ACCOUNT_2);
    const submitted = await act(AMIRA, actionIn(firstCard(drafted), "evidence.submit") ?? {});
    const approval = rendered(submitted.notifications[0]?.reply);
    const amira = await store.people.byEmail(AMIRA);
    const evidence = (await store.evidence.ofCandidate(amira?.id ?? "")).at(-1);
    expect(evidence?.status).toBe("submitted");

    const referred = await act(PRIYA, {
      ...actionIn(approval, "evidence.refer"),
      comment: "Say how you checked the order and what you told her about the refund.",
    });
    const notice = referred.notifications.find((n) => n.personId === amira?.id);
    // The candidate reads who referred it, the comment and what to do, with the card to do it on.
    expect(notice?.reply.text).toMatch(
      new RegExp(`^Priya Shah referred ${evidence?.ref} back to you: "Say how you checked the order`),
    );
    expect(notice?.reply.text).toMatch(/Edit text/);
    expect(JSON.stringify(rendered(notice?.reply))).toMatch(/"title":"Edit text"/);
    // The card itself says who referred it back and why, above the account she changes.
    expect(JSON.stringify(rendered(notice?.reply))).toContain("Referred back by Priya Shah");
    expect(JSON.stringify(rendered(notice?.reply))).toContain("Say how you checked the order");
    expect(actionIn(rendered(notice?.reply), "evidence.submit")).toBeDefined();

    // Any of "E2", "open E2", "edit e2", "show e2" opens it, not "too short to be an account".
    const ref = evidence?.ref ?? "";
    for (const typed of [ref, `open ${ref}`, `edit ${ref.toLowerCase()}`, `show ${ref.toLowerCase()}`]) {
      const opened = await say(AMIRA, typed);
      expect(texts(opened), typed).toMatch(new RegExp(`referred ${ref} back to you`));
      expect(actionIn(firstCard(opened), "evidence.submit"), typed).toBeDefined();
    }
    // Editing and submitting from the opened card sends it back to the assessor.
    const opened = await say(AMIRA, `open ${ref}`);
    const resubmitted = await act(AMIRA, actionIn(firstCard(opened), "evidence.submit") ?? {});
    expect(texts(resubmitted)).not.toMatch(/changed since you opened it/);
    expect((await store.evidence.header(evidence?.id ?? ""))?.status).toBe("submitted");
  });

  it("says kindly when there is no evidence with that number, and tells staff where evidence is", async () => {
    expect(texts(await say(AMIRA, "open E999"))).toMatch(/You have no evidence numbered E999/);
    expect(texts(await say(PRIYA, "E1"))).toMatch(/Type queue to open the evidence waiting for you/);
  });
});

describe("a voice note that is not filed", () => {
  const voiceBot = (transcribe: NonNullable<Parameters<typeof createBotCore>[0]["transcribe"]>) =>
    createBotCore({ portfolio, transcribe });
  const note = () =>
    command(AMIRA, { files: [{ name: "note.webm", mimeType: "audio/webm", bytes: new Uint8Array([1]) }] });

  it("says what happened and what to do when transcription fails, never that it is saved", async () => {
    const { AppError } = await import("../../src/core/errors.ts");
    const result = await voiceBot(async () => {
      throw new AppError(
        "config",
        "Voice notes can't be turned into text here yet. I didn't keep the recording and nothing was filed. Please type your account instead for now.",
      );
    }).handle(note());
    expect(texts(result)).toMatch(/nothing was filed/);
    expect(texts(result)).not.toMatch(/saved with your evidence/);
  });

  it("drops the recording it kept when the words are not an account", async () => {
    const amira = await store.people.byEmail(AMIRA);
    const before = (await store.evidence.ofCandidate(amira?.id ?? "")).length;
    let discarded = 0;
    const result = await voiceBot(async () => ({
      text: "can I swap my Friday shift with someone?",
      engine: "platform",
      audioPath: "audio/cd/cdef.webm",
      discard: async () => {
        discarded++;
      },
    })).handle(note());
    expect(texts(result)).toMatch(/haven't filed anything/);
    expect(discarded).toBe(1);
    expect(await store.evidence.ofCandidate(amira?.id ?? "")).toHaveLength(before);
  });

  it("keeps the recording when it becomes a draft", async () => {
    let discarded = 0;
    const result = await voiceBot(async () => ({
      text: ACCOUNT,
      engine: "platform",
      audioPath: "audio/ef/ef01.webm",
      discard: async () => {
        discarded++;
      },
    })).handle(note());
    expect(firstCard(result)).toBeDefined();
    expect(discarded).toBe(0);
  });
});

describe("progress, with a button to the person's own pages", () => {
  const linked = () =>
    createBotCore({
      portfolio,
      portfolioLink: (personId, to) =>
        `http://127.0.0.1:3978/auth/link?token=${"x".repeat(200)}&p=${personId}&to=${to}`,
    });
  const buttons = (result: CoreResult) =>
    result.replies.flatMap((r) =>
      ((rendered(r)?.actions as { type: string; url?: string }[] | undefined) ?? []).filter(
        (a) => a.type === "Action.OpenUrl",
      ),
    );
  const slackUrls = (result: CoreResult) =>
    JSON.stringify(result.replies.map((r) => (r.card ? slackBlocks(r.card.view) : undefined))).match(
      /"url":"[^"]+"/g,
    ) ?? [];

  it("counts what a candidate has still to do, says what to aim for, and opens their portfolio", async () => {
    const result = await linked().handle(command(AMIRA, { text: "progress" }));
    const card = JSON.stringify(firstCard(result));
    expect(card).toMatch(/\d+ criteria(, \d+ knowledge items?)? and \d+ situations? to go/);
    expect(card).toMatch(/"title":"Knowledge"/);
    expect(card).toMatch(/Aim next for \d{3} /);
    const amira = await store.people.byEmail(AMIRA);
    expect(buttons(result)).toEqual([
      expect.objectContaining({
        title: "Open my portfolio",
        url: expect.stringContaining(`to=/pages/candidates/${amira?.id}`),
      }),
    ]);
    expect(slackUrls(result)).toHaveLength(1);
    // The link is a button, never a long address in the text.
    expect(texts(result)).not.toMatch(/https?:\/\//);
  });

  it("gives the assessor the queue and the verifier sampling, as buttons", async () => {
    const queue = await linked().handle(command(PRIYA, { text: "progress" }));
    expect(buttons(queue).map((b) => b.url)).toEqual([expect.stringContaining("to=/pages/queue")]);
    expect(texts(queue)).not.toMatch(/https?:\/\//);
    const verifier = (await portfolio.everyone()).find((p) => p.roles.includes("internal_verifier"));
    const sampling = await linked().handle(command(verifier?.email ?? "", { text: "progress" }));
    expect(buttons(sampling).map((b) => b.url)).toEqual([expect.stringContaining("to=/pages/verify")]);
  });
});
