// Plain records of issue 17's documents (signatures, assessor records, action plans, feedback, expert witnesses): no Prisma types.
import type { Channel, Role } from "./types.ts";

export const SIGNATURE_KINDS = [
  "authenticity",
  "assessor_record",
  "action_plan",
  "feedback",
  "expert_witness_record",
  "expert_witness_confirmation",
  "expert_witness_statement",
] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

export const SIGNATURE_SUBJECTS = [
  "evidence",
  "action_plan",
  "feedback",
  "expert_witness",
  "expert_witness_statement",
] as const;
export type SignatureSubject = (typeof SIGNATURE_SUBJECTS)[number];

/** A recorded, timestamped confirmation by a signed-in person. */
export interface SignatureRecord {
  id: string;
  kind: SignatureKind;
  subjectType: SignatureSubject;
  subjectId: string;
  subjectVersion: number | null;
  personId: string;
  role: Role;
  channel: Channel | null;
  signedAt: string;
}

/** The methods an assessment action plan ticks, in the form's order (004). */
export const ASSESSMENT_METHODS = [
  "direct_observation",
  "projects_assignments",
  "oral_questioning",
  "professional_discussion",
  "witness_testimony",
  "portfolio_evidence",
  "case_study",
  "supplementary_evidence",
  "written_questions",
  "accredited_prior_achievement",
  "work_products",
] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

export const SUPPLEMENTARY_KINDS = [
  "work_products",
  "photographs",
  "e_evidence",
  "third_party_confirmation",
] as const;
export type SupplementaryKind = (typeof SUPPLEMENTARY_KINDS)[number];

export interface SupplementaryRecord {
  kind: SupplementaryKind;
  location: string;
}

export interface QuestionRecord {
  number: number;
  question: string;
  answer: string;
}

/** The assessor's part of an observation, discussion or questioning record. */
export interface AssessorRecordRecord {
  evidenceId: string;
  assessorId: string;
  heldAt: string;
  supplementary: SupplementaryRecord[];
  questions: QuestionRecord[];
}

export interface ActionPlanRecord {
  id: string;
  enrolmentId: string;
  candidateId: string;
  assessorId: string;
  unitId: string;
  skillsKnowledge: string;
  methods: AssessmentMethod[];
  venue: string;
  plannedAt: string;
  requirements: string;
  feedbackArrangements: string;
  remindedAt: string | null;
  createdAt: string;
}

export interface FeedbackRecord {
  id: string;
  enrolmentId: string;
  candidateId: string;
  assessorId: string;
  unitId: string | null;
  evidenceId: string | null;
  skillsKnowledge: string;
  text: string;
  outcome: string;
  readAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
}

export interface ExpertWitnessRecord {
  id: string;
  centreId: string;
  personId: string;
  position: string;
  site: string;
  unitIds: string[];
  experienceYears: number;
  experience: string;
  standardsKnowledge: string;
  cpd: string;
  assessmentQualification: string;
  createdById: string;
  createdAt: string;
}

export interface ExpertStatementRecord {
  id: string;
  expertWitnessId: string;
  evidenceId: string;
  candidateId: string;
  unitId: string;
  skillsKnowledge: string;
  venue: string;
  occurredAt: string;
  activity: string;
  relationship: string;
  contact: string;
  createdAt: string;
}
