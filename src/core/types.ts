// The shared record types: plain objects with string-literal unions and ISO date strings, as the store returns them.

export const ROLES = ["candidate", "assessor", "witness", "internal_verifier", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["teams", "slack", "web"] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVIDENCE_STATUSES = [
  "draft",
  "submitted",
  "assessed",
  "referred",
  "sampled",
  "discarded",
] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export const EVIDENCE_SOURCES = ["typed", "voice", "witness"] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const EVIDENCE_METHODS = [
  "observation",
  "witness_testimony",
  "professional_discussion",
  "oral_questioning",
  "work_product",
  "personal_statement",
] as const;
export type EvidenceMethod = (typeof EVIDENCE_METHODS)[number];

export const EVIDENCE_SETTINGS = ["workplace", "realistic_working_environment", "simulation"] as const;
export type EvidenceSetting = (typeof EVIDENCE_SETTINGS)[number];

export type ClaimKind = "criterion" | "knowledge" | "range";
export type ClaimProposer = "mapper" | "candidate" | "assessor" | "witness";
export type ClaimDecision = "pending" | "accepted" | "rejected";
export type WitnessRequestStatus = "pending" | "given" | "refused";
export type DecisionOutcome = "assessed" | "referred";
export type SampleOutcome = "agreed" | "disagreed";

export interface CentreRecord {
  id: string;
  name: string;
  /** The awarding body's number for the centre, printed on the recording forms. */
  number: string | null;
}

export interface PersonRecord {
  id: string;
  centreId: string;
  email: string;
  name: string;
  jobTitle: string | null;
  roles: Role[];
  erased: boolean;
}

export interface ChatIdentityRecord {
  personId: string;
  channel: Channel;
  externalId: string;
}

export interface EnrolmentRecord {
  id: string;
  centreId: string;
  candidateId: string;
  qualificationId: string;
  level: number;
  unitIds: string[];
  assessorId: string | null;
  internalVerifierId: string | null;
  /** The candidate's registration number with the awarding body, printed on the recording forms. */
  registrationNumber: string | null;
}

export interface ClaimRecord {
  id: string;
  kind: ClaimKind;
  targetId: string;
  unitId: string;
  proposedBy: ClaimProposer;
  support: string;
  active: boolean;
  decision: ClaimDecision;
  comment: string | null;
}

export interface TestimonyRecord {
  statusCategory: number;
  relationship: string;
  declaredNoPersonalRelationship: boolean;
  text: string;
  signedAt: string;
}

export interface WitnessRequestRecord {
  id: string;
  evidenceId: string;
  witnessId: string;
  requestedById: string;
  status: WitnessRequestStatus;
  testimony: TestimonyRecord | null;
}

export interface DecisionRecord {
  assessorId: string;
  outcome: DecisionOutcome;
  comment: string;
  evidenceVersion: number;
  at: string;
}

export interface SampleRecord {
  verifierId: string;
  outcome: SampleOutcome;
  comment: string;
  at: string;
}

/** What authorising and status checks need about a piece of evidence, without its claims and testimony. */
export interface EvidenceHeader {
  id: string;
  enrolmentId: string;
  centreId: string;
  candidateId: string;
  assessorId: string | null;
  ref: string;
  status: EvidenceStatus;
  version: number;
}

/** One piece of evidence with everything a card or an export shows. */
export interface EvidenceRecord extends EvidenceHeader {
  title: string;
  source: EvidenceSource;
  method: EvidenceMethod;
  setting: EvidenceSetting;
  occurredOn: string | null;
  /** A voice note's recording, relative to the files area; null for typed evidence. */
  audioPath: string | null;
  /** The transcription engine that turned the voice note into the account, e.g. "openai". */
  transcriptionEngine: string | null;
  /** The latest version of the account. */
  text: string;
  textVersion: number;
  claims: ClaimRecord[];
  witnessRequests: WitnessRequestRecord[];
  decisions: DecisionRecord[];
  samples: SampleRecord[];
  createdAt: string;
  updatedAt: string;
  /** When it was last submitted or resubmitted for assessment; null until it is. */
  submittedAt: string | null;
}

/** The little coverage needs of a claim: what it claims, on which evidence, in which state. */
export interface CoverageClaim {
  kind: ClaimKind;
  targetId: string;
  unitId: string;
  decision: ClaimDecision;
  evidenceRef: string;
  evidenceStatus: EvidenceStatus;
  /** How the evidence was gathered (observation, discussion, the candidate's account…). */
  evidenceMethod?: EvidenceMethod;
}

export interface AuditRecord {
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

/** Who did it, for the audit log: a person, or a labelled system actor such as the CLI. */
export type AuditActor = { personId: string } | { label: string };
