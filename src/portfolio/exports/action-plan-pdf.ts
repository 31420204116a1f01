// The assessment action plan of 004 (Appendix 2) as a PDF: the unit, methods ticked, venue and time, requirements, signatures.

import type { AssessmentMethod } from "../../core/record-types.ts";
import { type ActionPlanView, ASSESSMENT_METHOD_WORDS } from "../action-plan-view.ts";
import { ukDateTime } from "../london-time.ts";
import { contentWidth, createDocument, finish, heading, sectionTitle, table } from "./pdf.ts";
import { signatureTable, textBox } from "./signature-table.ts";

// The form's two columns of methods, row by row.
const LEFT: AssessmentMethod[] = [
  "direct_observation",
  "oral_questioning",
  "witness_testimony",
  "case_study",
  "written_questions",
  "work_products",
];
const RIGHT: Array<AssessmentMethod | null> = [
  "projects_assignments",
  "professional_discussion",
  "portfolio_evidence",
  "supplementary_evidence",
  "accredited_prior_achievement",
  null,
];

export async function actionPlanPdf(plan: ActionPlanView, producedOn: string): Promise<Buffer> {
  const doc = createDocument({
    title: `Assessment action plan, unit ${plan.unitId}: ${plan.candidateName}`,
    subject: "Assessment action plan",
  });
  heading(
    doc,
    "Assessment action plan",
    `Level ${plan.level} N/SVQ in Customer Service · produced by Shiftnote on ${producedOn}`,
    [
      ["Candidates name", plan.candidateName],
      ["Assessors name", plan.assessorName],
      ["Unit", `${plan.unitId} ${plan.unitTitle}`],
      ["Skills/Knowledge", plan.skillsKnowledge],
      ["Venue", plan.venue],
      ["Date and time", ukDateTime(plan.plannedAt)],
    ],
  );
  const width = contentWidth(doc);
  const tick = (m: AssessmentMethod | null) => (m && plan.methods.includes(m) ? "Yes" : "");
  sectionTitle(doc, "Evidences Assessed by");
  table(
    doc,
    [
      { header: "Method", width: width * 0.36 },
      { header: "Ticked", width: width * 0.14, align: "center" },
      { header: "Method", width: width * 0.36 },
      { header: "Ticked", width: width * 0.14, align: "center" },
    ],
    LEFT.map((left, i) => {
      const right = RIGHT[i] ?? null;
      return [
        ASSESSMENT_METHOD_WORDS[left],
        tick(left),
        right ? ASSESSMENT_METHOD_WORDS[right] : "",
        tick(right),
      ];
    }),
    { size: 9 },
  );
  textBox(doc, "Action plan/evidence requirements", plan.requirements);
  textBox(doc, "Feedback arrangements", plan.feedbackArrangements);
  const signed = (id: string) => plan.signatures.find((s) => s.personId === id) ?? null;
  signatureTable(doc, [
    { label: "Assessor signature", signature: signed(plan.assessorId) },
    { label: "Candidate signature", signature: signed(plan.candidateId) },
  ]);
  return finish(doc);
}
