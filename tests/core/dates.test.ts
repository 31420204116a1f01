// One date formatter, UK time: a decision at 00:30 BST is dated that day on cards, pages, forms and exports.
import { describe, expect, it } from "vitest";
import { formatWhen as cardWhen } from "../../src/cards/text.ts";
import { formatDateTime, formatDay, formatTime, formatWhen, ukDay, ukStamp } from "../../src/core/dates.ts";
import { when as pageWhen } from "../../src/web/views/layout.ts";

// 00:30 on Tuesday 2 June 2026 in London (BST, UTC+1) is 23:30 on Monday 1 June in UTC.
const HALF_PAST_MIDNIGHT_BST = "2026-06-01T23:30:00.000Z";
// 00:30 on Tuesday 1 December 2026 in London is 00:30 UTC (GMT).
const WINTER = "2026-12-01T00:30:00.000Z";

describe("dates in UK time", () => {
  it("dates 00:30 BST the day it is in the UK, not the day before", () => {
    expect(ukDay(HALF_PAST_MIDNIGHT_BST)).toBe("2026-06-02");
    expect(formatDay(HALF_PAST_MIDNIGHT_BST)).toBe("2 Jun 2026");
    expect(formatDateTime(HALF_PAST_MIDNIGHT_BST)).toBe("2 Jun 2026, 00:30");
    expect(formatWhen(HALF_PAST_MIDNIGHT_BST)).toBe("Tue 2 Jun 2026, 00:30");
    expect(formatTime(HALF_PAST_MIDNIGHT_BST)).toBe("00:30");
    expect(ukStamp(HALF_PAST_MIDNIGHT_BST)).toBe("2026-06-02 00:30");
  });

  it("is GMT in winter", () => {
    expect(formatDateTime(WINTER)).toBe("1 Dec 2026, 00:30");
    expect(ukDay(WINTER)).toBe("2026-12-01");
  });

  it("keeps a date without a time on its own day", () => {
    expect(ukDay("2026-06-02")).toBe("2026-06-02");
    expect(formatDay("2026-06-02")).toBe("2 Jun 2026");
    expect(formatDateTime("2026-06-02")).toBe("2 Jun 2026");
  });

  it("is what the cards and the pages show", () => {
    expect(cardWhen(HALF_PAST_MIDNIGHT_BST)).toBe("Tue 2 Jun 2026, 00:30");
    expect(pageWhen(HALF_PAST_MIDNIGHT_BST)).toBe("2 Jun 2026, 00:30");
    expect(pageWhen(null)).toBe("");
  });

  it("leaves what is not a date as it is", () => {
    expect(formatDateTime("soon")).toBe("soon");
  });
});

describe("the printed forms", () => {
  it("date a sample taken at 00:30 BST that day", async () => {
    const { buildSignOff } = await import("../../src/portfolio/exports/forms.ts");
    const evidence = {
      id: "e1",
      ref: "E1",
      status: "sampled",
      claims: [{ unitId: "205", targetId: "205.1.1", kind: "criterion", active: true, decision: "accepted" }],
      decisions: [],
      samples: [{ verifierId: "grace", at: HALF_PAST_MIDNIGHT_BST, outcome: "agreed", comment: "" }],
      witnessRequests: [],
    };
    const records = {
      candidate: { id: "amira", name: "Amira Hussain" },
      enrolments: [{ unitIds: ["205"], assessorId: null, internalVerifierId: "grace" }],
      coverage: [],
      evidence: [evidence],
      people: new Map([["grace", { id: "grace", name: "Grace Mensah" }]]),
    } as unknown as Parameters<typeof buildSignOff>[0];
    expect(buildSignOff(records, "205").dateVerified).toBe("2 Jun 2026");
  });
});
