// Use case: the candidate, or the expert witness it is from, signs an expert witness statement (the form's two signatures).
import type { PortfolioContext } from "./context.ts";
import { type ExpertStatementView, expertStatementView } from "./expert-witness-view.ts";
import { loadActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";

export async function signExpertStatement(
  ctx: PortfolioContext,
  input: SignedVia & { actorId: string; statementId: string },
): Promise<ExpertStatementView> {
  // load and authorise: only the candidate the statement is about, and the expert witness it is from
  const actor = await loadActor(ctx, input.actorId);
  const statement = await ctx.store.expertWitnesses.statementById(input.statementId);
  const record = statement ? await ctx.store.expertWitnesses.byId(statement.expertWitnessId) : null;
  const role = !statement
    ? null
    : statement.candidateId === actor.id
      ? ("candidate" as const)
      : record?.personId === actor.id
        ? ("witness" as const)
        : null;
  if (!statement || !role) throw recordNotFound("expert witness statement");
  // one transaction: the signature, its audit event and, for the expert's, the candidate asked to sign too
  // (signing twice keeps the first)
  const event: PortfolioEvent = {
    type: "expert_witness.statement_signed",
    statementId: statement.id,
    evidenceId: statement.evidenceId,
    candidateId: statement.candidateId,
  };
  const { created } = await ctx.store.transaction(async (tx) => {
    const signed = await tx.signatures.sign({
      kind: "expert_witness_statement",
      subjectType: "expert_witness_statement",
      subjectId: statement.id,
      personId: actor.id,
      role,
      channel: input.channel ?? null,
      signedAt: ctx.now(),
      centreId: actor.centreId,
    });
    if (signed.created && role === "witness") await tx.outbox.record(told(event, actor.id));
    return signed;
  });
  if (created && role === "witness") await notifySafely(ctx.notify, event);
  const view = await expertStatementView(ctx, statement);
  if (!view) throw recordNotFound("expert witness statement");
  return view;
}
