// The outbox as delivery reads it: what waits to be told, with what the message needs, and marking it sent or failed.
import type { PersonRecord } from "../core/types.ts";
import type { PendingNotification } from "../store/outbox-repository.ts";
import { type ActionPlanView, actionPlanViews } from "./action-plan-view.ts";
import type { PortfolioContext } from "./context.ts";
import { type ExpertStatementView, expertStatementView } from "./expert-witness-view.ts";
import { type FeedbackView, feedbackView } from "./feedback-view.ts";
import { type EvidenceView, viewEvidence } from "./view-evidence.ts";
import { type ObservationView, viewObservation } from "./view-observation.ts";

/** One notification with what a message about it needs: who is told, who acted, the evidence as the recipient sees it. */
export interface Notice {
  id: string;
  kind: string;
  evidenceId: string | null;
  /** The action plan, feedback, expert witness or statement it is about, when it is not evidence. */
  subjectId: string | null;
  /** The evidence's version after the change, when known. */
  version: number | null;
  attempts: number;
  recipient: PersonRecord | null;
  actorName: string;
  /** The evidence as the recipient may see it; null when there is no recipient or they can no longer see it. */
  evidence: EvidenceView | null;
  /** For an assessor's record (observation, discussion): the record as the recipient sees it. */
  assessorRecord?: ObservationView | null;
  /** For an action plan or feedback notice: the plan or the feedback, when the recipient is one of its two people. */
  plan?: ActionPlanView | null;
  feedback?: FeedbackView | null;
  /** For an expert witness statement notice: the statement, when the recipient is its witness or its candidate. */
  statement?: ExpertStatementView | null;
}

/** Issue 17's records a notice is about, loaded only for the recipient who is one of their people. */
async function aboutRecords(ctx: PortfolioContext, n: PendingNotification, recipientId: string) {
  const mine = <T extends { candidateId: string; assessorId: string }>(r: T | null): T | null =>
    r && (r.candidateId === recipientId || r.assessorId === recipientId) ? r : null;
  if (n.kind.startsWith("assessor_record.") && n.evidenceId)
    return {
      assessorRecord: await viewObservation(ctx, {
        actor: { personId: recipientId },
        evidenceId: n.evidenceId,
      }).catch(() => null),
    };
  if (n.kind.startsWith("action_plan.") && n.subjectId) {
    const plan = mine(await ctx.store.actionPlans.byId(n.subjectId));
    return { plan: plan ? ((await actionPlanViews(ctx, [plan]))[0] ?? null) : null };
  }
  if (n.kind.startsWith("expert_witness.statement") && n.subjectId) {
    const found = await ctx.store.expertWitnesses.statementById(n.subjectId);
    const view = found ? await expertStatementView(ctx, found) : null;
    const people = view ? [view.candidateId, view.witness.personId] : [];
    return { statement: view && people.includes(recipientId) ? view : null };
  }
  if (n.kind.startsWith("feedback.") && n.subjectId) {
    const feedback = mine(await ctx.store.feedback.byId(n.subjectId));
    return { feedback: feedback ? await feedbackView(ctx, feedback) : null };
  }
  return {};
}

export function outboxReader(ctx: PortfolioContext) {
  const { store } = ctx;
  async function notice(n: PendingNotification): Promise<Notice> {
    const [recipient, actor] = await Promise.all([
      n.recipientId ? store.people.byId(n.recipientId) : null,
      n.actorId ? store.people.byId(n.actorId) : null,
    ]);
    const reachable = recipient && !recipient.erased ? recipient : null;
    const evidence =
      reachable && n.evidenceId
        ? await viewEvidence(ctx, { actorId: reachable.id, evidenceId: n.evidenceId }).catch(() => null)
        : null;
    return {
      id: n.id,
      kind: n.kind,
      evidenceId: n.evidenceId,
      subjectId: n.subjectId,
      version: n.version,
      attempts: n.attempts,
      recipient: reachable,
      actorName: actor && !actor.erased ? actor.name : "Someone",
      evidence,
      ...(reachable ? await aboutRecords(ctx, n, reachable.id) : {}),
    };
  }
  return {
    /** Notifications not yet delivered that have failed fewer than `maxAttempts` times, oldest first. */
    async pending(limit: number, maxAttempts: number): Promise<Notice[]> {
      return Promise.all((await store.outbox.pending(limit, maxAttempts)).map(notice));
    },
    /** Claims one for this instance while it sends it; false when another instance has it. */
    claim: (id: string, leaseMs: number) => store.outbox.claim(id, leaseMs),
    delivered: (id: string) => store.outbox.delivered(id),
    failed: (id: string, error: string) => store.outbox.failed(id, error),
  };
}
