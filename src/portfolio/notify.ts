// What a change tells whom: the outbox entries written with it, and an in-process hook called after it is committed.
import type { OutboxEntry } from "../store/outbox-repository.ts";

export type PortfolioEvent =
  | { type: "evidence.drafted"; evidenceId: string; candidateId: string }
  | { type: "evidence.edited"; evidenceId: string; candidateId: string }
  | { type: "evidence.submitted"; evidenceId: string; candidateId: string; assessorId: string | null }
  | { type: "evidence.resubmitted"; evidenceId: string; candidateId: string; assessorId: string | null }
  | { type: "evidence.assessed"; evidenceId: string; candidateId: string }
  | { type: "evidence.referred"; evidenceId: string; candidateId: string }
  | { type: "evidence.sampled"; evidenceId: string; candidateId: string; verifierId: string }
  | { type: "witness.requested"; evidenceId: string; requestId: string; witnessId: string }
  | { type: "witness.testimony_given"; evidenceId: string; requestId: string; candidateId: string }
  | { type: "witness.refused"; evidenceId: string; requestId: string; candidateId: string }
  | { type: "person.erased"; personId: string }
  | { type: "assessor_record.made"; evidenceId: string; candidateId: string; assessorId: string }
  /** The assessor signed an observation or discussion: the candidate is asked to read and confirm it. */
  | { type: "assessor_record.signed"; evidenceId: string; candidateId: string; assessorId: string }
  | { type: "assessor_record.confirmed"; evidenceId: string; candidateId: string; assessorId: string }
  | { type: "action_plan.made"; planId: string; candidateId: string; assessorId: string }
  | { type: "action_plan.signed"; planId: string; signerId: string; candidateId: string; assessorId: string }
  | { type: "action_plan.reminded"; planId: string; candidateId: string; assessorId: string }
  | { type: "feedback.given"; feedbackId: string; candidateId: string; assessorId: string }
  | { type: "feedback.replied"; feedbackId: string; candidateId: string; assessorId: string }
  | { type: "feedback.signed"; feedbackId: string; signerId: string; candidateId: string; assessorId: string }
  | { type: "expert_witness.recorded"; expertWitnessId: string; personId: string; centreId: string }
  | { type: "expert_witness.confirmed"; expertWitnessId: string; personId: string; centreId: string }
  | {
      type: "expert_witness.statement_attached";
      statementId: string;
      evidenceId: string;
      candidateId: string;
      assessorId: string | null;
    }
  /** A statement the candidate's assessor attached for an expert witness: the expert is asked to sign it. */
  | { type: "expert_witness.statement_to_sign"; statementId: string; evidenceId: string; witnessId: string }
  /** The expert's signature is on a statement: the candidate is asked to sign it too (the form's two signatures). */
  | { type: "expert_witness.statement_signed"; statementId: string; evidenceId: string; candidateId: string };

/** Who is told about an event (one entry each), or an entry with no one to tell when only card copies change. */
export function told(event: PortfolioEvent, actorId: string | null, version?: number): OutboxEntry[] {
  const evidenceId = "evidenceId" in event ? event.evidenceId : null;
  const subjectId = subjectOf(event);
  const to = (recipientId: string | null): OutboxEntry => ({
    kind: event.type,
    recipientId,
    actorId,
    evidenceId,
    ...(subjectId ? { subjectId } : {}),
    ...(version === undefined ? {} : { version }),
  });
  switch (event.type) {
    case "evidence.submitted":
    case "evidence.resubmitted":
      return [to(event.assessorId)];
    case "witness.requested":
      return [to(event.witnessId)];
    case "witness.testimony_given":
    case "witness.refused":
    case "evidence.assessed":
    case "evidence.referred":
      return [to(event.candidateId)];
    case "evidence.edited":
    case "evidence.sampled":
      return [to(null)];
    // the assessor's records, plans and feedback (issue 17): the other party is told, or asked to sign
    case "assessor_record.signed":
    case "action_plan.made":
    case "feedback.given":
      return [to(event.candidateId)];
    case "assessor_record.confirmed":
    case "feedback.replied":
      return [to(event.assessorId)];
    case "action_plan.signed":
    case "feedback.signed":
      return [to(event.signerId === event.candidateId ? event.assessorId : event.candidateId)];
    case "action_plan.reminded":
      return [to(event.candidateId), to(event.assessorId)];
    case "expert_witness.recorded":
    case "expert_witness.confirmed":
      return [to(event.personId)];
    case "expert_witness.statement_attached":
      return event.assessorId ? [to(event.assessorId)] : [to(null)];
    case "expert_witness.statement_to_sign":
      return [to(event.witnessId)];
    case "expert_witness.statement_signed":
      return [to(event.candidateId)];
    default:
      // A new draft is answered in the candidate's own chat; an erasure tells nobody.
      return [];
  }
}

/** The record an event is about when it is not a piece of evidence: a plan, feedback, an expert witness, a statement. */
function subjectOf(event: PortfolioEvent): string | null {
  if ("planId" in event) return event.planId;
  if ("feedbackId" in event) return event.feedbackId;
  if ("statementId" in event) return event.statementId;
  if ("expertWitnessId" in event) return event.expertWitnessId;
  return null;
}

/** An in-process observer of committed changes (tests, metrics); delivery to people goes through the outbox. */
export interface Notifier {
  notify(event: PortfolioEvent): void | Promise<void>;
}

export const silentNotifier: Notifier = { notify() {} };

/** Sends the event; a failing notifier is reported to `onError` and otherwise ignored, since the change is already saved. */
export async function notifySafely(
  notifier: Notifier,
  event: PortfolioEvent,
  onError: (error: unknown) => void = () => {},
): Promise<void> {
  try {
    await notifier.notify(event);
  } catch (error) {
    onError(error);
  }
}
