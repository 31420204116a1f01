// Use case: the candidate signs an expert witness statement attached to their portfolio (the form's "Candidate signature").
import type { PortfolioContext } from "./context.ts";
import { type ExpertStatementView, expertStatementView } from "./expert-witness-view.ts";
import { loadActor } from "./load.ts";
import { recordNotFound } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";

export async function signExpertStatement(
  ctx: PortfolioContext,
  input: SignedVia & { actorId: string; statementId: string },
): Promise<ExpertStatementView> {
  // load and authorise: only the candidate the statement is about
  const actor = await loadActor(ctx, input.actorId);
  const statement = await ctx.store.expertWitnesses.statementById(input.statementId);
  if (!statement || statement.candidateId !== actor.id) throw recordNotFound("expert witness statement");
  // one transaction: the signature and its audit event (signing twice keeps the first)
  await ctx.store.transaction((tx) =>
    tx.signatures.sign({
      kind: "expert_witness_statement",
      subjectType: "expert_witness_statement",
      subjectId: statement.id,
      personId: actor.id,
      role: "candidate",
      channel: input.channel ?? null,
      signedAt: ctx.now(),
      centreId: actor.centreId,
    }),
  );
  const view = await expertStatementView(ctx, statement);
  if (!view) throw recordNotFound("expert witness statement");
  return view;
}
