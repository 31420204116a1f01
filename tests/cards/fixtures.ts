// Example card views for the card tests and golden files: a busy Saturday when the card machine failed.

import type { ActionPlanCardView, ActionPlanFormView } from "../../src/cards/action-plan.ts";
import type { ExpertStatementCardView } from "../../src/cards/expert-statement.ts";
import type { FeedbackCardView } from "../../src/cards/feedback.ts";
import type {
  ApprovalView,
  CardView,
  ChoiceView,
  CoverageView,
  EvidenceFileView,
  QueueView,
  SampleListView,
  SampleView,
  SuggestionView,
  TestimonyView,
  WitnessRequestView,
} from "../../src/cards/views.ts";
import { AUTHENTICITY_DECLARATION } from "../../src/portfolio/index.ts";

/** Database ids: they must never appear in visible text. */
export const IDS = {
  evidence: "6f1c2a9e-4b7d-4f7e-9a51-0c3d2e8b7a10",
  evidence2: "0b8e5d7c-2f34-4c1a-8d6e-5a9b3c7d1e22",
  evidence3: "9d2a7c4e-1b3f-4e8d-a6c5-7f0e2b4d8c33",
  claims: [
    "c1a00000-0000-4000-8000-000000000001",
    "c1a00000-0000-4000-8000-000000000002",
    "c1a00000-0000-4000-8000-000000000003",
    "c1a00000-0000-4000-8000-000000000004",
    "c1a00000-0000-4000-8000-000000000005",
    "c1a00000-0000-4000-8000-000000000006",
  ],
} as const;

const claimId = (n: number): string => {
  const id = IDS.claims[n];
  if (!id) throw new Error(`no claim id ${n}`);
  return id;
};

export const ACCOUNT =
  "It was the Saturday before Christmas and the queue was out of the door. The card machine stopped working, so I " +
  "apologised to each customer, explained what had happened and offered to hold their shopping while they went to " +
  "the cash machine. One lady was upset because she was in a hurry; I took her name and number and rang her when " +
  "the machine was back. She thanked me and said she would come back next week.";

export const STATUS_CATEGORIES = [
  { value: "1", label: "1. Occupational expert and A1, A2 / V1, V2 assessor" },
  { value: "2", label: "2. A1, A2 / V1, V2 assessor without occupational experience" },
  { value: "3", label: "3. Occupational expert familiar with the standards" },
  { value: "4", label: "4. Occupational expert not familiar with the standards" },
  { value: "5", label: "5. Non-expert not familiar with the standards" },
];

/** A photo of a thank-you card and a completed checklist, kept with the evidence (one with a name Slack must escape). */
export const FILES: EvidenceFileView[] = [
  {
    name: "thank-you card.jpg",
    mimeType: "image/jpeg",
    bytes: 1_258_291,
    url: "https://shiftnote.example/auth/link?token=file-1",
  },
  {
    name: "till checklist <Saturday> | signed.pdf",
    mimeType: "application/pdf",
    bytes: 88_064,
    url: "https://shiftnote.example/auth/link?token=file-2",
  },
];

export const suggestion: SuggestionView = {
  evidenceId: IDS.evidence,
  version: 1,
  ref: "E12",
  text: ACCOUNT,
  units: [
    {
      unitId: "205",
      title: "Make customer service personal",
      criteria: [
        {
          id: "205.1.3",
          text: "let your customer know that you understand and that you are there to help",
          support:
            "I apologised to each customer, explained what had happened and offered to hold their shopping.",
          selected: true,
        },
        {
          id: "205.1.6",
          text: "balance the time you take when giving individual attention to one customer with the needs and expectations of other customers",
          support: "It was the Saturday before Christmas and the queue was out of the door.",
          selected: true,
        },
      ],
      ranges: [
        {
          id: "205.ER4.b",
          text: "during a busy period for your organisation",
          support: "It was the Saturday before Christmas and the queue was out of the door.",
          selected: true,
        },
        {
          id: "205.ER5.b",
          text: "unhappy about the service they are receiving",
          support: "One lady was upset because she was in a hurry.",
          selected: true,
        },
      ],
      knowledge: [],
    },
    {
      unitId: "206",
      title: "Go the extra mile in customer service",
      criteria: [
        {
          id: "206.3.1",
          text: "take the appropriate action to go the extra mile",
          support: "I took her name and number and rang her when the machine was back.",
          selected: true,
        },
      ],
      ranges: [
        {
          id: "206.ER4.d",
          text: "when people, systems or resources have let you down",
          support: "The card machine stopped working.",
          selected: true,
        },
      ],
      knowledge: [
        {
          id: "206.K.c",
          text: "what types of service action most customers will see as adding value to the customer service they have already had",
          support: "She thanked me and said she would come back next week.",
          selected: false,
          guideSections: [{ id: "1.7", title: "The service offer and added service value" }],
        },
      ],
    },
  ],
  privacy: { kinds: ["name", "phone"] },
  declaration: AUTHENTICITY_DECLARATION,
  files: FILES,
};

export const suggestionVoice: SuggestionView = {
  ...suggestion,
  version: 2,
  text: "so it was really busy saturday and the card machine went down so i said sorry to everyone and um held their shopping for them",
  voice: { engine: "Whisper tiny (offline)" },
  privacy: undefined,
  files: undefined,
  units: suggestion.units.slice(1),
};

export const suggestionEmpty: SuggestionView = {
  evidenceId: IDS.evidence2,
  version: 1,
  text: "Busy day today.",
  units: [],
};

export const coverage: CoverageView = {
  candidateName: "Sam Taylor",
  qualification: "Level 2 Customer Service",
  waiting: 1,
  referred: ["E4"],
  link: { label: "Open my portfolio", url: "https://shiftnote.example/auth/link?token=abc" },
  units: [
    {
      unitId: "205",
      title: "Make customer service personal",
      criteria: { total: 13, assessed: 5, claimed: 2 },
      ranges: { total: 8, assessed: 2, claimed: 1 },
      knowledge: { total: 9, assessed: 3, claimed: 1 },
      next: [
        { id: "205.ER4.c", words: "a quiet period" },
        { id: "205.ER5.b", words: "an unhappy customer" },
      ],
      guideSections: [
        { id: "2.4", title: "The components of the customer service process" },
        { id: "4.6", title: "Sell or promote products and services to your customers" },
      ],
    },
    {
      unitId: "206",
      title: "Go the extra mile in customer service",
      criteria: { total: 15, assessed: 15, claimed: 0 },
      ranges: { total: 10, assessed: 10, claimed: 0 },
      next: [],
      guideSections: [],
    },
  ],
};

const testimony: TestimonyView = {
  witnessName: "Alex Green",
  statusCategory: "3. Occupational expert familiar with the standards",
  relationship: "Team leader",
  text: "I was on the shop floor when the card machine failed. Sam kept the queue calm, apologised to everyone and looked after their shopping. A customer who was upset left happy after Sam rang her back.",
  givenAt: "2025-12-20T16:40:00Z",
};

const claimsForWitness = suggestion.units.flatMap((u) =>
  [...u.criteria, ...u.ranges].map((i) => ({
    ref: i.id,
    kind: i.id.includes(".ER") ? ("range" as const) : ("criterion" as const),
    unitId: u.unitId,
    text: i.text,
    support: i.support,
  })),
);

const units = suggestion.units.map((u) => ({ unitId: u.unitId, title: u.title }));

export const witnessRequest: WitnessRequestView = {
  evidenceId: IDS.evidence,
  version: 3,
  ref: "E12",
  candidateName: "Sam Taylor",
  text: ACCOUNT,
  units,
  claims: claimsForWitness,
  statusCategories: STATUS_CATEGORIES,
  relationships: [
    { value: "line_manager", label: "Line manager" },
    { value: "team_leader", label: "Team leader" },
    { value: "supervisor", label: "Supervisor" },
    { value: "colleague", label: "Colleague" },
    { value: "customer", label: "Customer" },
    { value: "other", label: "Other (say what)" },
  ],
  declaration:
    "I am not related to the candidate, I am not their partner or a close friend, and I do not live with them.",
  defaults: { relationship: "team_leader" },
  files: FILES,
};

export const witnessGiven: WitnessRequestView = {
  ...witnessRequest,
  version: 4,
  answered: { declined: false, testimony },
};

export const approval: ApprovalView = {
  evidenceId: IDS.evidence,
  version: 4,
  ref: "E12",
  candidateName: "Sam Taylor",
  submittedAt: "2025-12-20T17:05:00Z",
  units,
  text: ACCOUNT,
  source: "typed",
  testimonies: [testimony],
  claims: claimsForWitness.map((c, n) => ({ ...c, claimId: claimId(n), decision: "pending" })),
  files: FILES,
};

export const approvalDecided: ApprovalView = {
  ...approval,
  version: 5,
  claims: approval.claims.map((c, n) =>
    n === 1
      ? { ...c, decision: "rejected", comment: "The queue alone does not show how you balanced your time." }
      : { ...c, decision: "accepted" },
  ),
  decided: { outcome: "assessed", byName: "Priya Shah", at: "2025-12-22T09:15:00Z" },
};

export const approvalReferred: ApprovalView = {
  ...approval,
  version: 5,
  decided: {
    outcome: "referred",
    byName: "Priya Shah",
    at: "2025-12-22T09:15:00Z",
    comment: "Please add what you said to the customer who was upset, and how she responded.",
  },
};

export const queue: QueueView = {
  total: 3,
  items: [
    {
      evidenceId: IDS.evidence,
      version: 4,
      ref: "E12",
      candidateName: "Sam Taylor",
      submittedAt: "2025-12-20T17:05:00Z",
      unitIds: ["205", "206"],
      hasTestimony: true,
    },
    {
      evidenceId: IDS.evidence2,
      version: 2,
      ref: "E3",
      candidateName: "Jordan Reid",
      submittedAt: "2025-12-21T10:30:00Z",
      unitIds: ["201"],
      hasTestimony: false,
    },
  ],
};

export const sampleList: SampleListView = {
  groups: [
    {
      unitId: "205",
      unitTitle: "Make customer service personal",
      assessorName: "Priya Shah",
      items: [
        {
          evidenceId: IDS.evidence,
          version: 5,
          ref: "E12",
          candidateName: "Sam Taylor",
          assessedAt: "2025-12-22T09:15:00Z",
          accepted: 5,
          rejected: 1,
          sampled: false,
        },
        {
          evidenceId: IDS.evidence3,
          version: 3,
          ref: "E7",
          candidateName: "Jordan Reid",
          assessedAt: "2025-12-18T14:00:00Z",
          accepted: 3,
          rejected: 0,
          sampled: true,
        },
      ],
    },
  ],
};

export const sample: SampleView = {
  evidenceId: IDS.evidence,
  version: 5,
  ref: "E12",
  candidateName: "Sam Taylor",
  assessorName: "Priya Shah",
  assessedAt: "2025-12-22T09:15:00Z",
  units,
  text: ACCOUNT,
  testimonies: [testimony],
  claims: approvalDecided.claims,
  assessorComment: "Good account; add a quieter day for 205.",
};

export const sampleSigned: SampleView = {
  ...sample,
  version: 6,
  countersigned: { agreed: true, byName: "Morgan Lee", at: "2026-01-05T11:00:00Z" },
};

const METHODS: ChoiceView[] = [
  { value: "direct_observation", label: "Direct /e-Observation" },
  { value: "oral_questioning", label: "Oral questioning" },
  { value: "professional_discussion", label: "Professional discussion" },
  { value: "witness_testimony", label: "Witness testimony" },
  { value: "portfolio_evidence", label: "Portfolio evidence" },
  { value: "case_study", label: "Case study" },
  { value: "written_questions", label: "Written questions" },
  { value: "accredited_prior_achievement", label: "Accredited prior achievement" },
  { value: "work_products", label: "Work products" },
];

export const actionPlanForm: ActionPlanFormView = {
  candidateId: IDS.evidence3,
  candidateName: "Sam Taylor",
  units: [
    { value: "205", label: "205 Make customer service personal" },
    { value: "206", label: "206 Deal with customer problems" },
  ],
  unitId: "205",
  skillsKnowledge: "Performance criteria, ranges and knowledge of unit 205",
  methods: METHODS,
  chosenMethods: ["direct_observation", "oral_questioning"],
  venue: "Leeds store",
  date: "2026-12-04",
  time: "10:00",
  requirements: "205: 2 performance criteria to show: 205.1.4, 205.2.1; a quiet period",
  feedbackArrangements: "",
};

export const actionPlan: ActionPlanCardView = {
  planId: IDS.evidence2,
  candidateName: "Sam Taylor",
  assessorName: "Carol Assessor",
  unitId: "205",
  unitTitle: "Make customer service personal",
  skillsKnowledge: "Performance criteria, ranges and knowledge of unit 205",
  methods: ["Direct /e-Observation", "Oral questioning"],
  venue: "Leeds store",
  when: "04/12/2026 at 10:00",
  requirements: "205: 2 performance criteria to show: 205.1.4, 205.2.1; a quiet period",
  feedbackArrangements: "Spoken feedback straight after, in the staff room",
  signed: ["Confirmed by Carol Assessor on 02/12/2026 at 09:00"],
  next: "sign",
  status: "Read it, and press Sign to agree to this plan.",
};

export const feedback: FeedbackCardView = {
  feedbackId: IDS.evidence,
  candidateName: "Sam Taylor",
  assessorName: "Carol Assessor",
  about: "E12",
  text: "You kept the queue informed & apologised. Next, offer a choice of solutions.",
  outcome: "205.1.3 shown; 205.1.4 still to show",
  signed: ["Confirmed by Carol Assessor on 02/12/2026 at 09:00"],
  canReply: true,
  canSign: true,
  status: "Read it, reply if you want to, and press Sign to say you have read it.",
};

export const expertStatement: ExpertStatementCardView = {
  statementId: IDS.evidence2,
  ref: "E14",
  witnessName: "Erin Teamleader",
  position: "Store manager",
  candidateName: "Sam Taylor",
  when: "28/11/2026 at 11:00",
  text: "I watched Sam calm an upset customer & find her order. Sam is competent in this.",
  criteria: ["205.1.3", "205.2.4"],
  signed: [],
  canSign: true,
  status: "Read it, and press Sign my statement if it is what you observed.",
};

/** Every example, by golden-file name. */
export const EXAMPLES: Record<string, CardView> = {
  suggestion: { kind: "suggestion", view: suggestion },
  "suggestion-voice": { kind: "suggestion", view: suggestionVoice },
  "suggestion-empty": { kind: "suggestion", view: suggestionEmpty },
  coverage: { kind: "coverage", view: coverage },
  "witness-request": { kind: "witnessRequest", view: witnessRequest },
  "witness-given": { kind: "witnessRequest", view: witnessGiven },
  approval: { kind: "approval", view: approval },
  "approval-decided": { kind: "approval", view: approvalDecided },
  "approval-referred": { kind: "approval", view: approvalReferred },
  queue: { kind: "queue", view: queue },
  "queue-empty": { kind: "queue", view: { items: [] } },
  "sample-list": { kind: "sampleList", view: sampleList },
  sample: { kind: "sample", view: sample },
  "sample-signed": { kind: "sample", view: sampleSigned },
  message: {
    kind: "message",
    view: {
      title: "Help",
      text: "Send me what happened on your shift & I’ll match it to your standards. Say *progress* to see what’s left.",
    },
  },
  "action-plan-form": { kind: "actionPlanForm", view: actionPlanForm },
  "action-plan": { kind: "actionPlan", view: actionPlan },
  feedback: { kind: "feedback", view: feedback },
  "expert-statement": { kind: "expertStatement", view: expertStatement },
  "approval-expert": {
    kind: "approval",
    view: {
      ...approval,
      source: "witness",
      expert: { line: "Expert witness statement by Erin Teamleader, Store manager", signed: false },
    },
  },
  // the assigned assessor's card opened from their queue: Back to my queue under the title
  "approval-from-queue": { kind: "approval", view: { ...approval, back: true } },
  // the candidate asked to sign a statement the expert has signed (the form's candidate signature)
  "expert-statement-candidate": {
    kind: "expertStatement",
    view: {
      ...expertStatement,
      signed: ["Confirmed by Erin Teamleader on 02/12/2026 at 10:30"],
      canSign: true,
      signLabel: "Sign",
      status: "Read it, and press Sign if it is a true account of what you did.",
    },
  },
  stale: {
    kind: "stale",
    view: { current: { kind: "approval", view: approvalDecided } },
  },
};
