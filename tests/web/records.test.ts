// Issue 17's records over HTTP: the assessor's forms, signing and confirming, replies, expert witnesses, and the PDFs' permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flat, HAS_POPPLER, pdfText } from "../exports/pdf-tools.ts";
import { type PagesApp, pageSessions, startPagesApp } from "./app.ts";

const SEEN =
  "Amira greeted the customer by name at the till, listened to the complaint about a late order without interrupting, apologised and checked the order on the system while the queue built up.";

describe("issue 17's records on the pages", () => {
  let app: PagesApp;

  beforeAll(async () => {
    app = await startPagesApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = pageSessions(() => app);
  const get = async (key: string, path: string) =>
    fetch(`${app.base}${path}`, { headers: { cookie: (await as(key)).cookie }, redirect: "manual" });
  const text = async (key: string, path: string) => (await get(key, path)).text();
  /** Posts a form with the session's CSRF token; pairs allow a name more than once (ticked boxes). */
  const post = async (
    key: string,
    path: string,
    fields: Array<[string, string]> | Record<string, string>,
  ) => {
    const s = await as(key);
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    return fetch(`${app.base}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["_csrf", s.csrf], ...pairs]).toString(),
    });
  };
  const amira = () => `/pages/candidates/${app.id("amira")}`;
  const ids = { observation: "", plan: "", feedback: "", statement: "", expert: "" };

  it("shows the five forms to Amira's assessor only; anyone else gets not found", async () => {
    expect(await text("priya", amira())).toContain("Record an observation");
    for (const key of ["amira", "grace", "dana"])
      expect(await text(key, amira())).not.toContain("Record an observation");
    for (const kind of ["observation", "discussion", "plan", "feedback", "expert-witness"]) {
      expect((await get("priya", `${amira()}/record/${kind}`)).status, kind).toBe(200);
      for (const key of ["amira", "grace", "leo", "tom"])
        expect((await get(key, `${amira()}/record/${kind}`)).status, `${key} ${kind}`).toBe(404);
    }
    expect(
      (await post("leo", `${amira()}/record/observation`, { text: SEEN, location: "Till 2" })).status,
    ).toBe(404);
  });

  it("refuses a form without the session's token and says to open the page again", async () => {
    const s = await as("priya");
    const res = await fetch(`${app.base}${amira()}/record/observation`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ text: SEEN, location: "Till 2" }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Open the page again");
  });

  it("records an observation, shows the suggestions to correct, signs it; Amira confirms and it is assessed", async () => {
    const empty = await post("priya", `${amira()}/record/observation`, {
      text: " ",
      location: "Till 2",
      heldAt: "2026-11-30T14:30",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Say what you saw the candidate do");
    const res = await post("priya", `${amira()}/record/observation`, [
      ["heldAt", "2026-11-30T14:30"],
      ["location", "the tills at the Leeds store"],
      ["text", SEEN],
      ["supp", "photographs"],
      ["supp-photographs", "Shared drive: Leeds/till-queue.jpg"],
    ]);
    expect(res.status).toBe(303);
    const at = res.headers.get("location") ?? "";
    expect(at).toMatch(/evidence\/E\d+\?saved=recorded$/);
    const page = await text("priya", at);
    expect(page).toContain("Correct the suggestions and sign");
    expect(page).toContain("Shared drive: Leeds/till-queue.jpg");
    const suggested = [...page.matchAll(/name="keep" value="([^"]+)" checked/g)].map((m) => m[1] ?? "");
    expect(suggested.length).toBeGreaterThan(0);
    const version = /name="version" value="(\d+)"/.exec(page)?.[1] ?? "";
    const evidencePath = at.replace(/\?.*$/, "");
    ids.observation = evidencePath;
    // the decision form is not offered on the assessor's own record
    expect(page).not.toContain("Save decisions");
    const stale = await post("priya", `${evidencePath}/sign`, [
      ["version", "99"],
      ["keep", suggested[0] ?? ""],
    ]);
    expect(stale.status).toBe(409);
    const signed = await post("priya", `${evidencePath}/sign`, [
      ["version", version],
      ...suggested.slice(0, 2).map((id): [string, string] => ["keep", id]),
      ["add", "205.2.1"],
    ]);
    expect(signed.status).toBe(303);
    const after = await text("priya", evidencePath);
    expect(after).toMatch(/Confirmed by Priya Shah on \d\d\/\d\d\/\d{4} at \d\d:\d\d/);
    expect(after).toContain("Waiting for Amira Hussain to sign");
    // Amira sees it waiting on her own page and confirms it there
    const own = await text("amira", amira());
    expect(own).toContain("Waiting for your signature");
    const v = new RegExp(
      `${evidencePath.replace(/.*\//, "")}/confirm"[\\s\\S]*?name="version" value="(\\d+)"`,
    ).exec(own)?.[1];
    expect((await post("priya", `${evidencePath}/confirm`, { version: v ?? "" })).status).toBe(404);
    const confirmed = await post("amira", `${evidencePath}/confirm`, { version: v ?? "" });
    expect(confirmed.status).toBe(303);
    const done = await text("amira", evidencePath);
    expect(done).toContain("Assessed");
    expect(done).toMatch(/Confirmed by Amira Hussain on/);
  });

  it("records a professional discussion with its questions and answers", async () => {
    const res = await post("priya", `${amira()}/record/discussion`, {
      method: "professional_discussion",
      heldAt: "2026-11-30T16:00",
      location: "the staff room",
      q1: "What do you do when a customer's order is late?",
      a1: "I check the order on the system, tell them what I found and book the next delivery.",
    });
    expect(res.status).toBe(303);
    const page = await text("priya", res.headers.get("location") ?? "");
    expect(page).toContain("Questions asked and the candidate’s answers");
    expect(page).toContain("What do you do when a customer&#39;s order is late?");
  });

  it("makes an action plan prefilled from the gaps, gives feedback; Amira signs both and replies", async () => {
    const form = await text("priya", `${amira()}/record/plan?unit=205`);
    expect(form).toContain("205:");
    const noMethod = await post("priya", `${amira()}/record/plan`, {
      unitId: "205",
      venue: "Leeds store",
      plannedAt: "2027-01-15T10:30",
      feedbackArrangements: "Straight after",
    });
    expect(noMethod.status).toBe(400);
    expect(await noMethod.text()).toContain("Tick at least one way the unit will be assessed");
    const plan = await post("priya", `${amira()}/record/plan`, [
      ["unitId", "205"],
      ["methods", "direct_observation"],
      ["methods", "professional_discussion"],
      ["venue", "Leeds store, customer service desk"],
      ["plannedAt", "2027-01-15T10:30"],
      ["requirements", "205.3.2 and the range of difficult customers"],
      ["feedbackArrangements", "Face to face straight after, then in writing"],
      ["sign", "yes"],
    ]);
    expect(plan.status).toBe(303);
    const feedback = await post("priya", `${amira()}/record/feedback`, {
      on: "unit:205",
      text: "You kept the customer informed at every step.",
      outcome: "Competent in the criteria observed",
      sign: "yes",
    });
    expect(feedback.status).toBe(303);
    // "Sign it now" signs as it makes: Amira is told once of each (the plan, the feedback), not also "has signed"
    const toAmira = (await app.store.outbox.pending(500, 10))
      .filter((n) => n.recipientId === app.id("amira"))
      .map((n) => n.kind);
    expect(toAmira.filter((k) => k === "action_plan.made" || k === "feedback.given")).toHaveLength(2);
    expect(toAmira.filter((k) => k === "action_plan.signed" || k === "feedback.signed")).toEqual([]);
    const own = await text("amira", amira());
    ids.plan = /plans\/([^/"]+)\/sign/.exec(own)?.[1] ?? "";
    ids.feedback = /feedback\/([^/"]+)\/sign/.exec(own)?.[1] ?? "";
    expect(ids.plan && ids.feedback).toBeTruthy();
    expect((await post("amira", `${amira()}/plans/${ids.plan}/sign`, {})).status).toBe(303);
    expect(
      (
        await post("amira", `${amira()}/feedback/${ids.feedback}/reply`, {
          text: "Thank you, I will read up on 205.3.2.",
        })
      ).status,
    ).toBe(303);
    expect((await post("amira", `${amira()}/feedback/${ids.feedback}/sign`, {})).status).toBe(303);
    expect((await post("leo", `${amira()}/feedback/${ids.feedback}/sign`, {})).status).toBe(404);
    const after = await text("amira", amira());
    expect(after).not.toContain("Waiting for your signature");
    expect(after).toContain("Thank you, I will read up on 205.3.2.");
    expect(after.match(/Confirmed by Amira Hussain on/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("records Tom as an expert witness; he signs, the centre confirms, he gives a statement; it is marked as expert", async () => {
    const short = await post("priya", `${amira()}/record/expert-witness`, [
      ["personId", app.id("tom")],
      ["position", "Store manager"],
      ["site", "Leeds store"],
      ["unitIds", "205"],
      ["experienceYears", "1"],
      ["experience", "Runs the store"],
      ["standardsKnowledge", "Knows unit 205"],
      ["cpd", "Coaching course"],
    ]);
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("at least 2 years");
    const res = await post("priya", `${amira()}/record/expert-witness`, [
      ["personId", app.id("tom")],
      ["position", "Store manager"],
      ["site", "Leeds store"],
      ["unitIds", "205"],
      ["experienceYears", "6"],
      ["experience", "Six years managing the customer service team"],
      ["standardsKnowledge", "Has read and used unit 205 with new staff"],
      ["cpd", "Coaching for managers, 2025"],
    ]);
    expect(res.status).toBe(303);
    const expertPath = (res.headers.get("location") ?? "").replace(/\?.*$/, "");
    ids.expert = expertPath;
    expect(await text("tom", "/pages")).toContain("My record of expert witness");
    expect((await get("leo", expertPath)).status).toBe(404);
    expect((await post("tom", `${expertPath}/sign`, {})).status).toBe(303);
    expect((await post("priya", `${expertPath}/confirm`, {})).status).toBe(404);
    expect((await post("grace", `${expertPath}/confirm`, {})).status).toBe(303);
    const statement = await post("tom", `${expertPath}/statement`, {
      candidateId: app.id("amira"),
      unitId: "205",
      venue: "Leeds store",
      occurredAt: "2026-11-28T11:00",
      activity: "Serving customers at the desk on a busy Saturday",
      text: "I watched Amira greet each customer by name and keep them informed while the system was slow.",
      criteria: "205.2.4, 205.2.1",
      relationship: "Her store manager",
    });
    expect(statement.status).toBe(303);
    const own = await text("amira", amira());
    ids.statement = /statements\/([^/"]+)\/sign/.exec(own)?.[1] ?? "";
    expect(ids.statement).toBeTruthy();
    const signed = await post("amira", `${amira()}/statements/${ids.statement}/sign`, {});
    expect(signed.status).toBe(303);
    const evidence = await text("priya", signed.headers.get("location") ?? "");
    expect(evidence).toContain("Expert witness testimony");
    expect(evidence).toContain('<span class="badge expert">Expert witness</span>');
  });

  it.skipIf(!HAS_POPPLER)(
    "serves each form as a PDF to the candidate, assessor, verifier and admin; a stranger gets not found",
    async () => {
      const pdfs: Array<[string, string[]]> = [
        [
          `${ids.observation}/observation-record.pdf`,
          [
            "Observation records",
            "Amira Hussain",
            "Priya Shah",
            "Shared drive: Leeds/till-queue.jpg",
            "Observation at the tills at the Leeds store",
            "Confirmed by Priya Shah on",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          `${amira()}/plans/${ids.plan}/action-plan.pdf`,
          [
            "Leeds store, customer service desk",
            "205.3.2 and the range of difficult customers",
            "Face to face straight after, then in writing",
            "Confirmed by Priya Shah on",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          `${amira()}/feedback/${ids.feedback}/feedback.pdf`,
          [
            "You kept the customer informed at every step.",
            "Competent in the criteria observed",
            "Thank you, I will read up on 205.3.2.",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          `${amira()}/statements/${ids.statement}/statement.pdf`,
          [
            "Tom Reid",
            "Serving customers at the desk on a busy Saturday",
            "Her store manager",
            "205.2.4",
            "Confirmed by Tom Reid on",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          `${amira()}/statements/${ids.statement}/expert-witness-record.pdf`,
          [
            "Tom Reid",
            "Store manager",
            "Six years managing the customer service team",
            "Coaching for managers, 2025",
            "Confirmed by Grace Mensah on",
          ],
        ],
        [`${amira()}/witness-list.pdf`, ["Tom Reid", "Expert witness", "Her store manager"]],
      ];
      for (const [path, fields] of pdfs) {
        for (const key of ["amira", "priya", "grace", "dana"]) {
          const res = await get(key, path);
          expect(res.status, `${key} ${path}`).toBe(200);
          expect(res.headers.get("content-type")).toBe("application/pdf");
          if (key === "amira") {
            const read = flat(pdfText(Buffer.from(await res.arrayBuffer())));
            for (const f of fields) expect(read, `${path}: ${f}`).toContain(f);
          }
        }
        expect((await get("leo", path)).status, `leo ${path}`).toBe(404);
      }
      // the witness's own copy of their record, from their page; not for a stranger
      expect((await get("tom", `${ids.expert}/record.pdf`)).status).toBe(200);
      expect((await get("leo", `${ids.expert}/record.pdf`)).status).toBe(404);
    },
  );
});
