// Use case: the expert witness signs their own record (the "Witness signature" of 004's record of expert witness).
import type { PortfolioContext } from "./context.ts";
import { type ExpertWitnessView, expertWitnessView } from "./expert-witness-view.ts";
import { loadActor } from "./load.ts";
import { recordNotFound } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";

export async function signExpertWitnessRecord(
  ctx: PortfolioContext,
  input: SignedVia & { actorId: string; expertWitnessId: string },
): Promise<ExpertWitnessView> {
  // load and authorise: only the witness the record is about
  const actor = await loadActor(ctx, input.actorId);
  const record = await ctx.store.expertWitnesses.byId(input.expertWitnessId);
  if (!record || record.personId !== actor.id) throw recordNotFound("expert witness");
  // one transaction: the signature and its audit event (signing twice keeps the first)
  await ctx.store.transaction((tx) =>
    tx.signatures.sign({
      kind: "expert_witness_record",
      subjectType: "expert_witness",
      subjectId: record.id,
      personId: actor.id,
      role: "witness",
      channel: input.channel ?? null,
      signedAt: ctx.now(),
      centreId: record.centreId,
    }),
  );
  return expertWitnessView(ctx, record);
}
