// The forms of 004 as PDFs, read back with pdftotext: every criterion id and location ref, the sign-off, the categories.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors.ts";
import { type PortfolioContext, portfolioContext } from "../../src/portfolio/context.ts";
import { type DemoPerson, loadDemoCentre } from "../../src/portfolio/demo-centre.ts";
import {
  assessmentReportDocument,
  portfolioDocument,
  recordingFormDocument,
  witnessListDocument,
} from "../../src/portfolio/exports/documents.ts";
import { createDocument, finish, pdfText as foldForPdf } from "../../src/portfolio/exports/pdf.ts";
import { CSV_COLUMNS, csvField } from "../../src/portfolio/exports/portfolio-csv.ts";
import { getRecordingForm } from "../../src/portfolio/recording-form.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { flat, HAS_POPPLER, pdfText, savePdfAndFirstPage } from "./pdf-tools.ts";

const CLI = { system: "cli" } as const;

describe.skipIf(!HAS_POPPLER)("documents (PDF read back with poppler)", () => {
  let store: Store;
  let ctx: PortfolioContext;
  let people: Map<string, DemoPerson>;
  const id = (key: string) => people.get(key)?.id ?? "";

  beforeAll(async () => {
    store = await openStore("memory://");
    ctx = portfolioContext(store, loadCatalogue());
    people = new Map((await loadDemoCentre(ctx)).map((p) => [p.key, p]));
  });
  afterAll(async () => {
    await store?.close();
  });

  /** Every location ref the form shows, from the same use case the page uses. */
  async function expectedRefs(candidateId: string, unitId: string) {
    const form = await getRecordingForm(ctx, { actor: CLI, candidateId, unitId });
    const refs = new Set<string>();
    for (const r of form.rows) for (const ref of r.own.refs) refs.add(ref);
    for (const c of form.columns) for (const ref of c.own.refs) refs.add(ref);
    return { form, refs: [...refs] };
  }

  it.each([
    ["amira", "205"],
    ["amira", "206"],
    ["leo", "101"],
    ["sam", "301"],
  ])(
    "the recording form of %s for unit %s holds every criterion id and location ref",
    async (key, unitId) => {
      const doc = await recordingFormDocument(ctx, { actor: CLI, candidateId: id(key), unitId });
      expect(doc.contentType).toBe("application/pdf");
      expect(doc.filename).toMatch(new RegExp(`unit-${unitId}\\.pdf$`));
      const png = savePdfAndFirstPage(doc.bytes, `recording-form-${key}-${unitId}`);
      expect(png).toMatch(/\.png$/);
      const text = pdfText(doc.bytes);
      const criteria = ctx.catalogue.criteriaOf(unitId).map((c) => c.id);
      expect(criteria.length).toBeGreaterThan(0);
      for (const criterion of criteria) expect(text).toContain(criterion);
      const { form, refs } = await expectedRefs(id(key), unitId);
      for (const ref of refs) expect(text).toMatch(new RegExp(`\\b${ref}\\b`));
      for (const k of form.columns.filter((c) => c.kind === "knowledge"))
        expect(flat(text)).toContain(k.text.slice(0, 30));
      if (form.columns.some((c) => c.kind === "knowledge")) expect(text).toContain("U/K");
      expect(text).toContain("Location ref");
      expect(text).toContain("Assessor signature");
      expect(text).toContain("Date completed");
      expect(text).toMatch(/Sampled by internal verifier:\s+YES \/ NO/);
      expect(text).toContain("Internal verifier signature");
      expect(text).toContain("Date verified");
      expect(text).toContain("Priya Shah");
      // The sign-off is on the page where the matrix ends, as on the paper form: never alone on a page.
      const pages = text.split("\f");
      const signOffPage = pages.find((p) => p.includes("Assessor signature")) ?? "";
      expect(signOffPage).toContain(criteria.at(-1));
      expect(signOffPage.indexOf(criteria.at(-1) ?? "")).toBeLessThan(
        signOffPage.indexOf("Assessor signature"),
      );
    },
  );

  it("records YES on a unit with sampled evidence and NO on one without, with the verifier's name only when sampled", async () => {
    const sampled = pdfText(
      (await recordingFormDocument(ctx, { actor: CLI, candidateId: id("amira"), unitId: "205" })).bytes,
    );
    expect(sampled).toContain("recorded: YES");
    expect(sampled).toContain("Grace Mensah");
    const refs205 = (await expectedRefs(id("amira"), "205")).refs;
    expect(refs205).toEqual(expect.arrayContaining(["E2", "E5"]));
    const unsampled = pdfText(
      (await recordingFormDocument(ctx, { actor: CLI, candidateId: id("amira"), unitId: "206" })).bytes,
    );
    expect(unsampled).toContain("recorded: NO");
    expect(unsampled).not.toContain("Grace Mensah");
    // the rejected range of E4 is not a location ref; the accepted ones are
    const { form } = await expectedRefs(id("amira"), "206");
    expect(form.columns.find((c) => c.id === "206.ER7.a")?.own.refs).toEqual([]);
    expect(form.columns.find((c) => c.id === "206.ER4.d")?.own).toMatchObject({
      state: "assessed",
      refs: ["E4"],
    });
  });

  it("the witness status list names each witness with status, relationship, units and the five categories", async () => {
    const doc = await witnessListDocument(ctx, { actor: CLI, candidateId: id("amira") });
    savePdfAndFirstPage(doc.bytes, "witness-status-list-amira");
    const text = flat(pdfText(doc.bytes));
    for (const words of [
      "Witness status list",
      "Name and contact address of witness",
      "Professional relationship",
      "Units witnessed",
      "Witness signature",
      "Tom Reid",
      "tom.reid@demo.shiftnote.test",
      "Her team leader, same shift",
      "205, 213",
      "Witness Status Categories",
      "Occupational expert and A1, A2 / V1, V2 assessor",
      "A1, A2 / V1, V2 assessor without occupational experience",
      "Occupational expert familiar with the standards",
      "Occupational expert not familiar with the standards",
      "Non-expert not familiar with the standards",
    ])
      expect(text).toContain(words);
  });

  it("the assessment report answers the questions of 004 from the coverage and lists the assessor's comments", async () => {
    const doc = await assessmentReportDocument(ctx, { actor: CLI, candidateId: id("amira"), unitId: "206" });
    savePdfAndFirstPage(doc.bytes, "assessment-report-amira-206");
    const text = flat(pdfText(doc.bytes));
    for (const words of [
      "Assessment report",
      "Amira Hussain",
      "Priya Shah",
      "206 Go the extra mile in customer service",
      "Are more skills and techniques evidence required?",
      "Is more knowledge evidence required?",
      "Is more portfolio evidence required?",
      "Have all the skills and techniques/competencies been met?",
      "Have the knowledge and understanding requirements been met?",
      "Is the portfolio evidence valid, sufficient, current and authentic?",
      "Has the evidence been properly authenticated?",
      "IOU slips are not a benefit the customer can measure.",
      "E4",
      "Outcome of assessment",
      "Not yet competent",
      "Candidate signature",
    ])
      expect(text).toContain(words);
  });

  it("prints names as written in the embedded font, and marks only what the font has no letter for", async () => {
    const doc = createDocument({ title: "Typography", subject: "check" });
    doc.text(
      foldForPdf("A £5 voucher – the customer’s “thank you” for Zoë; Łukasz; Siobhán; Dvořák; Øyvind; 東京"),
    );
    const bytes = await finish(doc);
    const text = pdfText(bytes);
    expect(text).toContain(
      "A £5 voucher – the customer’s “thank you” for Zoë; Łukasz; Siobhán; Dvořák; Øyvind; ??",
    );
    expect(bytes.toString("latin1")).toMatch(/\/FontFile2/); // the font is embedded, not one of the reader's own
  });

  it("exports the portfolio as CSV, one row per claim, with spreadsheet formulas neutralised", async () => {
    const doc = await portfolioDocument(ctx, { actor: CLI, candidateId: id("amira"), format: "csv" });
    const lines = doc.bytes.toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    const json = JSON.parse(
      (await portfolioDocument(ctx, { actor: CLI, candidateId: id("amira"), format: "json" })).bytes.toString(
        "utf8",
      ),
    ) as { format: string; evidence: Array<{ claims: Array<{ active: boolean }> }> };
    expect(json.format).toBe("shiftnote.portfolio/1");
    const rows = json.evidence.reduce((n, e) => n + Math.max(1, e.claims.filter((c) => c.active).length), 0);
    expect(lines.length - 1).toBe(rows);
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField('She said "fine", then left')).toBe('"She said ""fine"", then left"');
    expect(csvField("-5")).toBe("'-5");
  });

  it("answers not found to people who may not see the candidate, as the use cases do", async () => {
    for (const who of ["leo", "tom"]) {
      const error = await recordingFormDocument(ctx, {
        actor: { personId: id(who) },
        candidateId: id("amira"),
        unitId: "205",
      }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("not_found");
    }
    // the assessor may print the forms but not export the whole portfolio (exportPortfolio's rule)
    await expect(
      recordingFormDocument(ctx, {
        actor: { personId: id("priya") },
        candidateId: id("amira"),
        unitId: "205",
      }),
    ).resolves.toBeTruthy();
    const error = await portfolioDocument(ctx, {
      actor: { personId: id("priya") },
      candidateId: id("amira"),
      format: "json",
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("not_found");
    const notOnPlan = await recordingFormDocument(ctx, {
      actor: CLI,
      candidateId: id("amira"),
      unitId: "301",
    }).catch((e: unknown) => e);
    expect(isAppError(notOnPlan) && notOnPlan.message).toMatch(/not on this candidate's plan/);
  });
});
