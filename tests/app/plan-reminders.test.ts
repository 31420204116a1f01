// The daily action plan reminder, on a fake clock: both people are told the day before, once, a bounded number per run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlanReminders } from "../../src/app/plan-reminders.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { takeNotifications } from "../helpers/outbox-notifications.ts";

let store: Store;
let portfolio: Portfolio;
let now = new Date("2026-12-01T12:00:00Z");

beforeAll(async () => {
  store = await openStore("memory://");
  portfolio = createPortfolio({ store, catalogue: loadCatalogue(), clock: () => now });
  await portfolio.loadDemoCentre();
  await takeNotifications(portfolio);
});
afterAll(() => store.close());

const id = async (email: string) => (await portfolio.personByEmail(email))?.id as string;

describe("the action plan reminder job", () => {
  it("reminds Amira and Priya the day before, once; a plan further off waits; runs are bounded", async () => {
    const priya = await id("priya.shah@demo.shiftnote.test");
    const amira = await id("amira.hussain@demo.shiftnote.test");
    const plan = (unitId: string, plannedAt: string) =>
      portfolio.makeActionPlan({
        actorId: priya,
        candidateId: amira,
        unitId,
        methods: ["direct_observation"],
        venue: "Shop floor, Leeds",
        plannedAt,
        feedbackArrangements: "Straight after, in the staff room.",
      });
    await plan("205", "2026-12-03 10:30");
    await plan("206", "2026-12-03 14:00");
    await plan("207", "2026-12-05 09:00");
    await takeNotifications(portfolio);
    let flushed = 0;
    const job = startPlanReminders({
      portfolio,
      everyMs: 0,
      batch: 1,
      afterRun: () => {
        flushed += 1;
      },
    });

    // two days before: nothing yet
    expect(await job.runOnce()).toBe(0);
    expect(await takeNotifications(portfolio)).toEqual([]);

    // the day before: one plan per run (the batch), both people told, then the other plan
    now = new Date("2026-12-02T08:00:00Z");
    expect(await job.runOnce()).toBe(1);
    const first = await takeNotifications(portfolio);
    expect(first.map((n) => n.personId).sort()).toEqual([amira, priya].sort());
    expect(first[0]?.reply.text).toMatch(
      /^Reminder: the assessment of unit 20[56] for Amira Hussain is tomorrow, 03\/12\/2026 at \d\d:\d\d, at Shop floor, Leeds \(Direct \/e-Observation\)\.$/,
    );
    expect(await job.runOnce()).toBe(1);
    expect(await takeNotifications(portfolio)).toHaveLength(2);
    expect(flushed).toBe(2);

    // nobody is reminded twice
    expect(await job.runOnce()).toBe(0);
    expect(await takeNotifications(portfolio)).toEqual([]);
    await job.close();
  });
});
