// Issue 17's forms as PDFs read back with pdftotext: observation and discussion records, action plan, feedback, expert witness.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachExpertStatement } from "../../src/portfolio/attach-expert-statement.ts";
import { confirmExpertWitness } from "../../src/portfolio/confirm-expert-witness.ts";
import { confirmObservation } from "../../src/portfolio/confirm-observation.ts";
import { recordingFormDocument } from "../../src/portfolio/exports/documents.ts";
import {
  actionPlanDocument,
  expertStatementDocument,
  expertWitnessRecordDocument,
  feedbackDocument,
  observationRecordDocument,
} from "../../src/portfolio/exports/record-documents.ts";
import { giveFeedback } from "../../src/portfolio/give-feedback.ts";
import { makeActionPlan } from "../../src/portfolio/make-action-plan.ts";
import { recordDiscussion } from "../../src/portfolio/record-discussion.ts";
import { recordExpertWitness } from "../../src/portfolio/record-expert-witness.ts";
import { recordObservation } from "../../src/portfolio/record-observation.ts";
import { replyToFeedback } from "../../src/portfolio/reply-to-feedback.ts";
import { signActionPlan } from "../../src/portfolio/sign-action-plan.ts";
import { signExpertStatement } from "../../src/portfolio/sign-expert-statement.ts";
import { signExpertWitnessRecord } from "../../src/portfolio/sign-expert-witness-record.ts";
import { signFeedback } from "../../src/portfolio/sign-feedback.ts";
import { signObservation } from "../../src/portfolio/sign-observation.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { MAPPED, SEEN } from "../portfolio/assessor-fixture.ts";
import { expectAppError } from "../portfolio/expect-error.ts";
import { type Seed, seedCentre, testContext } from "../portfolio/fixture.ts";
import { flat, HAS_POPPLER, pdfText, savePdfAndFirstPage } from "./pdf-tools.ts";

const NOW = new Date("2026-12-01T15:04:00Z");
const CONFIRMED =
  /Confirmed by (Carol Assessor|Amira Candidate|Erin Teamleader|Ida Admin) on 01\/12\/2026 at 15:04/;

describe.skipIf(!HAS_POPPLER)("issue 17's documents (PDF read back with poppler)", () => {
  let store: Store;
  let ctx: ReturnType<typeof testContext>;
  let seed: Seed;
  const cli = { system: "cli" } as const;

  beforeAll(async () => {
    store = await openStore("memory://");
    ctx = Object.assign(testContext(store), { now: () => NOW });
    seed = await seedCentre(ctx);
  });
  afterAll(async () => {
    await store?.close();
  });

  const read = (bytes: Buffer, name: string) => {
    savePdfAndFirstPage(bytes, name, "exports-issue17");
    // reading order for wrapped text, and the layout (rows side by side) for table rows
    return `${flat(pdfText(bytes))} || ${flat(pdfText(bytes, true))}`;
  };

  it("the observation record holds the candidate, assessor, what was seen, standards, supplementary evidence and both confirmations", async () => {
    const r = await recordObservation(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      text: SEEN,
      mapped: MAPPED,
      heldAt: "2026-11-30 14:30",
      supplementary: [
        { kind: "work_products", location: "Order note 4471, customer service folder" },
        { kind: "e_evidence", location: "files/obs/till-call.mp3" },
      ],
    });
    const s = await signObservation(ctx, {
      actorId: seed.assessor.id,
      evidenceId: r.evidence.id,
      version: r.evidence.version,
      channel: "teams",
    });
    const unsigned = read(
      (
        await observationRecordDocument(ctx, {
          actor: { personId: seed.candidate.id },
          evidenceId: r.evidence.id,
        })
      ).bytes,
      "observation-record-unconfirmed",
    );
    expect(unsigned).toMatch(/Candidates signature Not signed yet/);
    await confirmObservation(ctx, {
      actorId: seed.candidate.id,
      evidenceId: r.evidence.id,
      version: s.evidence.version,
      channel: "slack",
    });
    const doc = await observationRecordDocument(ctx, {
      actor: { personId: seed.assessor.id },
      evidenceId: r.evidence.id,
    });
    expect(doc.filename).toBe(`observation-record-amira-candidate-${r.evidence.ref.toLowerCase()}.pdf`);
    const text = read(doc.bytes, "observation-record");
    for (const words of [
      "Observation records",
      "Level 2 N/SVQ in Customer Service",
      "Candidate name: Amira Candidate",
      "Assessor name: Carol Assessor",
      `Evidence ref: ${r.evidence.ref}`,
      "Held on: 30/11/2026 at 14:30",
      "Please record what you saw the candidate do",
      "Reference to standards",
      SEEN.slice(0, 60),
      "205.2.4",
      "205.K.a",
      "205.ER4.b",
      "Supplementary evidence (please attach to record or indicate its location. Ensure authentication.)",
      "Work products (eg documents, reports etc) Yes Order note 4471, customer service folder",
      "Photographs",
      "E-evidence (video, audio, MP3 etc) Yes files/obs/till-call.mp3",
      "Confirmation by third party (witness testimony etc)",
      "Candidates signature Confirmed by Amira Candidate on 01/12/2026 at 15:04 (in Slack) 01/12/2026",
      "Assessors signature Confirmed by Carol Assessor on 01/12/2026 at 15:04 (in Microsoft Teams) 01/12/2026",
    ])
      expect(text).toContain(words);
    await expectAppError(
      observationRecordDocument(ctx, {
        actor: { personId: seed.otherCandidate.id },
        evidenceId: r.evidence.id,
      }),
      "not_found",
    );
    // the unit recording form shows the observation with its own reference and method
    const form = read(
      (await recordingFormDocument(ctx, { actor: cli, candidateId: seed.candidate.id, unitId: "205" })).bytes,
      "recording-form-with-observation",
    );
    expect(form).toContain("Location refs: how each piece of evidence was gathered");
    expect(form).toContain(`${r.evidence.ref} Direct observation by the assessor`);
  });

  it("a discussion record holds the questions and answers", async () => {
    const r = await recordDiscussion(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      method: "oral_questioning",
      text: "Questions on the organisation's service offer.",
      heldAt: "2026-11-29 09:15",
      questions: [
        {
          question: "What does the organisation promise about delivery?",
          answer: "Next-day delivery before noon.",
        },
      ],
      mapped: MAPPED,
    });
    const text = read(
      (await observationRecordDocument(ctx, { actor: cli, evidenceId: r.evidence.id })).bytes,
      "oral-questioning-record",
    );
    for (const words of [
      "Oral questioning record",
      "Notes of the discussion",
      "Questions asked and the candidate's answers",
      "Assessor question Candidate answer",
      "1 What does the organisation promise about delivery? Next-day delivery before noon.",
      "Held on: 29/11/2026 at 09:15",
      "Assessors signature Not signed yet",
    ])
      expect(text).toContain(words);
  });

  it("the assessment action plan holds every field, the methods ticked and both confirmations", async () => {
    const plan = await makeActionPlan(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "206",
      methods: ["direct_observation", "professional_discussion", "work_products"],
      venue: "Shop floor, Leeds store",
      plannedAt: "2026-12-02 10:30",
      feedbackArrangements: "Feedback in the staff room straight after.",
    });
    await signActionPlan(ctx, { actorId: seed.assessor.id, planId: plan.id, channel: "web" });
    await signActionPlan(ctx, { actorId: seed.candidate.id, planId: plan.id, channel: "teams" });
    const doc = await actionPlanDocument(ctx, { actor: { personId: seed.candidate.id }, planId: plan.id });
    expect(doc.filename).toBe("action-plan-amira-candidate-unit-206.pdf");
    const text = read(doc.bytes, "action-plan");
    for (const words of [
      "Assessment action plan",
      "Candidates name: Amira Candidate",
      "Assessors name: Carol Assessor",
      `Unit: 206 ${plan.unitTitle}`,
      "Skills/Knowledge: Performance criteria, ranges and knowledge of unit 206",
      "Venue: Shop floor, Leeds store",
      "Date and time: 02/12/2026 at 10:30",
      "Evidences Assessed by",
      "Direct /e-Observation Yes Projects and assignments",
      "Oral questioning Professional discussion Yes",
      "Witness testimony Portfolio evidence",
      "Case study Supplementary evidence",
      "Written questions Accredited prior achievement",
      "Work products Yes",
      "Action plan/evidence requirements",
      plan.requirements.slice(0, 40),
      "Feedback arrangements Feedback in the staff room straight after.",
      "Assessor signature Confirmed by Carol Assessor on 01/12/2026 at 15:04 (on the Shiftnote pages) 01/12/2026",
      "Candidate signature Confirmed by Amira Candidate on 01/12/2026 at 15:04 (in Microsoft Teams) 01/12/2026",
    ])
      expect(text).toContain(words);
    await expectAppError(
      actionPlanDocument(ctx, { actor: { personId: seed.otherAssessor.id }, planId: plan.id }),
      "not_found",
    );
  });

  it("the feedback to candidate holds the feedback, outcome, reply and both confirmations", async () => {
    const f = await giveFeedback(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      text: "You stayed calm with an upset customer and used her name throughout.",
      outcome: "Competent for 205.2.4; a quiet period still to evidence.",
    });
    await replyToFeedback(ctx, {
      actorId: seed.candidate.id,
      feedbackId: f.id,
      text: "Thank you, I'll ask for a quiet shift.",
    });
    await signFeedback(ctx, { actorId: seed.assessor.id, feedbackId: f.id });
    await signFeedback(ctx, { actorId: seed.candidate.id, feedbackId: f.id, channel: "slack" });
    const text = read((await feedbackDocument(ctx, { actor: cli, feedbackId: f.id })).bytes, "feedback");
    for (const words of [
      "Action plan and feedback to candidate",
      "Candidates name: Amira Candidate",
      "Assessors name: Carol Assessor",
      `Unit: 205 ${f.unitTitle}`,
      "Skills/Knowledge: Performance criteria, ranges and knowledge of unit 205",
      "Feedback to candidate You stayed calm with an upset customer and used her name throughout.",
      "Outcome of assessment Competent for 205.2.4; a quiet period still to evidence.",
      "Candidate's reply Thank you, I'll ask for a quiet shift. (replied on 01/12/2026 at 15:04)",
      "Assessor signature Confirmed by Carol Assessor on 01/12/2026 at 15:04 01/12/2026",
      "Candidate signature Confirmed by Amira Candidate on 01/12/2026 at 15:04 (in Slack) 01/12/2026",
    ])
      expect(text).toContain(words);
  });

  it("the record of expert witness and their statement hold every field and every confirmation", async () => {
    const r = await recordExpertWitness(ctx, {
      actor: { personId: seed.admin.id },
      personId: seed.witness.id,
      position: "Store manager",
      site: "Leeds Briggate store",
      unitIds: ["205"],
      experienceYears: 6,
      experience: "Managing the customer service desk and training new starters.",
      standardsKnowledge: "Trained on the Level 2 standards with the centre in 2025.",
      cpd: "Two CPD sessions a year on complaint handling.",
      assessmentQualification: "Working towards the assessor award.",
    });
    await signExpertWitnessRecord(ctx, { actorId: seed.witness.id, expertWitnessId: r.id, channel: "teams" });
    await confirmExpertWitness(ctx, { actorId: seed.admin.id, expertWitnessId: r.id, channel: "web" });
    const record = read(
      (
        await expertWitnessRecordDocument(ctx, {
          actor: { personId: seed.verifier.id },
          expertWitnessId: r.id,
        })
      ).bytes,
      "expert-witness-record",
    );
    for (const words of [
      "Record of expert witness",
      "Expert witness name: Erin Teamleader, Store manager",
      "Name of assessment site: Leeds Briggate store",
      "Units: 205",
      "Expert witness should at least: Reference to standards",
      "Have a minimum of 2 years supervisory, managerial or training experience in the unit(s) for which they are providing evidence. 6 years. Managing the customer service desk",
      "Demonstrate a working knowledge of the National Occupational Standards unit(s) they are attesting to Trained on the Level 2 standards",
      "Demonstrate clear evidence of appropriate continuous professional development Two CPD sessions",
      "In addition it would be desirable",
      "Assessment qualification or post: Working towards the assessor award.",
      "Witness signature Confirmed by Erin Teamleader on 01/12/2026 at 15:04 (in Microsoft Teams) 01/12/2026",
      "IV signature (centre's confirmation) Confirmed by Ida Admin on 01/12/2026 at 15:04 (on the Shiftnote pages) 01/12/2026",
    ])
      expect(record).toContain(words);
    const attached = await attachExpertStatement(ctx, {
      actorId: seed.witness.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      venue: "Customer service desk",
      occurredAt: "2026-11-28 11:00",
      activity: "Dealing with a customer whose order had not arrived.",
      text: "I watched Amira calm an upset customer, use her name and find the order. She is competent in this.",
      criteria: ["205.2.4"],
      relationship: "Store manager",
      contact: "erin@example.test, 0113 496 0000",
      channel: "teams",
    });
    await signExpertStatement(ctx, {
      actorId: seed.candidate.id,
      statementId: attached.statement.id,
      channel: "web",
    });
    const text = read(
      (
        await expertStatementDocument(ctx, {
          actor: { personId: seed.assessor.id },
          statementId: attached.statement.id,
        })
      ).bytes,
      "expert-witness-statement",
    );
    for (const words of [
      "Expert witness statement",
      "Candidates name: Amira Candidate",
      "Assessors name: Carol Assessor",
      `Unit: 205 ${attached.statement.unitTitle}`,
      "Skills/Knowledge: Performance criteria of unit 205",
      "Venue: Customer service desk",
      "Date and time: 28/11/2026 at 11:00",
      `Evidence ref: ${attached.evidence.ref}`,
      "Candidate statement: description of activity to be assessed by the witness Dealing with a customer whose order had not arrived.",
      "She is competent in this.",
      "205.2.4",
      "Name Erin Teamleader",
      "Position/job title Store manager",
      "Relationship to candidate Store manager",
      "Contact details erin@example.test, 0113 496 0000",
      "Witness signature Confirmed by Erin Teamleader on 01/12/2026 at 15:04 (in Microsoft Teams) 01/12/2026",
      "Candidate signature Confirmed by Amira Candidate on 01/12/2026 at 15:04 (on the Shiftnote pages) 01/12/2026",
    ])
      expect(text).toContain(words);
    expect(text).toMatch(CONFIRMED);
    await expectAppError(
      expertStatementDocument(ctx, {
        actor: { personId: seed.otherCandidate.id },
        statementId: attached.statement.id,
      }),
      "not_found",
    );
  });
});
