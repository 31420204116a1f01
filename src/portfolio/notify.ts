// The notify hook: after a change is committed, tell whoever renders cards or chat messages. Failures never undo the change.
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
    };

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
