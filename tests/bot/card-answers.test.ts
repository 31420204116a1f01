// What people see when they press a card's buttons: one confirmation, nothing left to press, decisions with reasons, declining.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotCore } from "../../src/bot/core.ts";
import type { BotCommand, BotCore, BotReply, BotResult } from "../../src/bot/types.ts";
import { adaptiveCard } from "../../src/cards/index.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { createPortfolio, type Portfolio, WITNESS_RELATIONSHIPS } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { type SentNotification, takeNotifications } from "../helpers/outbox-notifications.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
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

beforeAll(async () => {
  store = await openStore("memory://");
  portfolio = createPortfolio({
    store,
    catalogue: loadCatalogue(),
    mapper: (text, options) => mapEvidence(text, options),
  });
  await portfolio.loadDemoCentre();
  bot = createBotCore({ portfolio, log: (message, error) => console.error(message, error) });
});
afterAll(() => store.close());

type Turn = BotResult & { notifications: SentNotification[] };
async function handle(as: string, body: Partial<BotCommand>): Promise<Turn> {
  const result = await bot.handle({
    channel: "web",
    actor: { channel: "web", userId: as, email: as },
    conversationId: `c-${as}`,
    text: "",
    eventId: `t-${++sequence}`,
    ...body,
  });
  return { ...result, notifications: await takeNotifications(portfolio) };
}
const say = (as: string, text: string) => handle(as, { text });
const act = (as: string, action: Record<string, unknown> | undefined) =>
  handle(as, { action: (action ?? {}) as BotCommand["action"] });

const rendered = (reply: BotReply | undefined) => (reply?.card ? adaptiveCard(reply.card.view) : undefined);
const cardOf = (turn: Turn) => rendered(turn.replies.find((r) => r.card));
const texts = (turn: Turn) => turn.replies.map((r) => r.text ?? "").join("\n");
function actionIn(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data && n.type === "Action.Execute") return n.data as Record<string, unknown>;
  for (const value of Object.values(n)) {
    const found = actionIn(value, verb);
    if (found) return found;
  }
  return undefined;
}
function inputNamed(node: unknown, id: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.id === id && typeof n.type === "string" && n.type.startsWith("Input.")) return n;
  for (const value of Object.values(n)) {
    const found = inputNamed(value, id);
    if (found) return found;
  }
  return undefined;
}
const inputsOf = (card: unknown) =>
  JSON.stringify(card).match(/"type":"Input\.[A-Za-z]+"/g) ?? ([] as string[]);

describe("the candidate's Submit and Discard", () => {
  it("answers Submit with one confirmation, and a second tap with 'already filed'", async () => {
    const draft = await say(AMIRA, ACCOUNT);
    const submit = actionIn(cardOf(draft), "evidence.submit");
    const first = await act(AMIRA, submit);
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]?.text).toBeUndefined();
    expect(JSON.stringify(cardOf(first))).toMatch(/is filed and on its way to Priya Shah/);

    const again = await act(AMIRA, submit);
    const card = JSON.stringify(cardOf(again));
    expect(card).toMatch(/is already filed/);
    expect(card).not.toMatch(/changed since you opened it/);
    expect(again.notifications).toEqual([]);
  });

  it("replaces a discarded draft's card with one that offers nothing", async () => {
    const draft = await say(AMIRA, ACCOUNT);
    const discarded = await act(AMIRA, actionIn(cardOf(draft), "evidence.discard"));
    expect(discarded.replies).toHaveLength(1);
    expect(discarded.replies[0]?.replacesCard).toBe(true);
    const card = cardOf(discarded);
    expect(JSON.stringify(card)).toMatch(/was discarded/);
    expect(card?.actions ?? []).toEqual([]);
    expect(inputsOf(card)).toEqual([]);
  });
});

describe("the assessor's decision", () => {
  it("starts undecided, names a claim left undecided, asks why a claim is rejected, and the candidate reads the reason", async () => {
    const draft = await say(AMIRA, ACCOUNT);
    const submitted = await act(AMIRA, actionIn(cardOf(draft), "evidence.submit"));
    const approval = rendered(submitted.notifications.find((n) => n.reply.card)?.reply);
    const decisionIds = [...JSON.stringify(approval).matchAll(/"id":"(decision:[^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(decisionIds.length).toBeGreaterThan(1);
    // Nothing is chosen for any claim when the card arrives.
    for (const id of decisionIds) expect(inputNamed(approval, id)?.value).toBeUndefined();
    const decide = actionIn(approval, "evidence.decide");
    const claims =
      (await store.evidence.byId(String(decide?.evidenceId)))?.claims.filter((c) => c.active) ?? [];
    const [rejected, ...rest] = claims;

    // One claim left undecided: the reply names it and nothing is saved.
    const partial = Object.fromEntries(rest.map((c) => [`decision:${c.id}`, "accept"]));
    const undecided = await act(PRIYA, { ...decide, ...partial });
    expect(texts(undecided)).toContain(`Accept or reject ${rejected?.targetId}`);

    // A rejection with no reason is refused, naming the claim.
    const all = { ...partial, [`decision:${rejected?.id}`]: "reject" };
    const noReason = await act(PRIYA, { ...decide, ...all });
    expect(texts(noReason)).toMatch(new RegExp(`Say briefly why ${rejected?.targetId} is not accepted`));
    expect((await store.evidence.byId(String(decide?.evidenceId)))?.status).toBe("submitted");

    const reason = "The account doesn't say how you kept the customer informed.";
    const done = await act(PRIYA, { ...decide, ...all, [`comment:${rejected?.targetId}`]: reason });
    expect(JSON.stringify(cardOf(done))).toMatch(/Assessed by Priya Shah/);
    const toAmira = done.notifications.find((n) => n.reply.text?.includes("Priya Shah accepted"));
    expect(toAmira?.reply.text).toContain(`${rejected?.targetId} not accepted: ${reason.replace(/\.$/, "")}`);
    // Her own copy of the card, when she looks at it again, shows the reason too.
    const refreshed = await act(AMIRA, {
      ...actionIn(cardOf(draft), "evidence.submit"),
      verb: "evidence.refresh",
    });
    expect(JSON.stringify(cardOf(refreshed))).toContain(reason);
  });
});

describe("the witness", () => {
  it("chooses a relationship from the list and ticks the declaration, or declines with nothing chosen and the candidate is told", async () => {
    await say(AMIRA, ACCOUNT);
    const asked = await say(AMIRA, "ask Tom Reid to witness this");
    const card = rendered(asked.notifications.find((n) => n.reply.card)?.reply);
    const json = JSON.stringify(card);
    for (const r of WITNESS_RELATIONSHIPS)
      expect(json).toContain(`{"title":"${r.label}","value":"${r.value}"}`);
    // Tom's job title is "Team leader": it is chosen for him.
    expect(inputNamed(card, "relationship")?.value).toBe("team_leader");
    expect(json).toContain("I do not live with them");

    const declined = await act(TOM, actionIn(card, "witness.decline"));
    expect(texts(declined)).toMatch(/Thank you for letting us know. Amira Hussain is told/);
    expect(JSON.stringify(cardOf(declined))).toMatch(/could not confirm this account/);
    const told = declined.notifications.find((n) => n.reply.text?.includes("couldn't confirm"));
    expect(told?.reply.text).toMatch(/Tom Reid couldn't confirm E\d+ as your witness/);
  });
});
