// Who may see and do what with a piece of evidence: pure rules over ids and roles; callers answer "not found" when they fail.
import type { EvidenceHeader, PersonRecord, WitnessRequestRecord } from "../core/types.ts";

/** A person with their roles, as the rules need them. */
export type Person = Pick<PersonRecord, "id" | "centreId" | "roles" | "erased">;

const has = (person: Person, role: PersonRecord["roles"][number]) =>
  !person.erased && person.roles.includes(role);

export const isOwner = (person: Person, evidence: EvidenceHeader) =>
  !person.erased && person.id === evidence.candidateId;

/** The assessor assigned to the candidate's enrolment: the only one who decides. */
export const isAssignedAssessor = (person: Person, evidence: EvidenceHeader) =>
  has(person, "assessor") && evidence.assessorId === person.id;

/** Internal verifiers sample only in their own centre. */
export const isCentreVerifier = (person: Person, evidence: EvidenceHeader) =>
  has(person, "internal_verifier") && person.centreId === evidence.centreId;

export const isCentreAdmin = (person: Person, centreId: string) =>
  has(person, "admin") && person.centreId === centreId;

/** A witness asked about this evidence (whatever became of the request). */
export const isAskedWitness = (
  person: Person,
  requests: readonly Pick<WitnessRequestRecord, "witnessId">[],
) => !person.erased && requests.some((r) => r.witnessId === person.id);

/**
 * Who sees a piece of evidence: its candidate always; a witness they asked; once filed, the assigned assessor
 * and the centre's internal verifiers. Drafts are the candidate's own.
 */
export function canSee(
  person: Person,
  evidence: EvidenceHeader,
  requests: readonly Pick<WitnessRequestRecord, "witnessId">[],
): boolean {
  if (isOwner(person, evidence)) return true;
  if (isAskedWitness(person, requests)) return true;
  if (evidence.status === "draft") return false;
  return isAssignedAssessor(person, evidence) || isCentreVerifier(person, evidence);
}

/** Candidates edit only their own evidence, and only while it is a draft or referred back to them. */
export const canEdit = (person: Person, evidence: EvidenceHeader) =>
  isOwner(person, evidence) && (evidence.status === "draft" || evidence.status === "referred");
