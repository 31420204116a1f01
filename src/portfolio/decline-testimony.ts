// A witness who was asked says they can't confirm the account: no status or form needed; the request closes and the candidate is told.
import type { EvidenceHeader } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";

/** Closes a pending request as declined, with its audit event and the candidate's notice, in one transaction. */
export async function declineTestimony(
  ctx: PortfolioContext,
  args: { witnessId: string; requestId: string; evidence: EvidenceHeader; notFound: () => Error },
): Promise<void> {
  const { evidence } = args;
  const declined: PortfolioEvent = {
    type: "witness.refused",
    evidenceId: evidence.id,
    requestId: args.requestId,
    candidateId: evidence.candidateId,
  };
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.witnesses.close(args.requestId, "refused"))) throw args.notFound();
    await tx.audit.append({
      actor: { personId: args.witnessId },
      action: "witness.refused",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { requestId: args.requestId, reason: "declined" },
    });
    await tx.outbox.record(told(declined, args.witnessId));
  });
  await notifySafely(ctx.notify, declined);
}
