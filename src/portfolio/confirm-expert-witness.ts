// Use case: the centre (an admin or internal verifier) confirms an expert witness meets what 004 asks of one.
import { AppError } from "../core/errors.ts";
import type { PortfolioContext } from "./context.ts";
import { type ExpertWitnessView, expertWitnessView } from "./expert-witness-view.ts";
import { loadActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";

export async function confirmExpertWitness(
  ctx: PortfolioContext,
  input: SignedVia & { actorId: string; expertWitnessId: string },
): Promise<ExpertWitnessView> {
  // load and authorise: an admin or internal verifier of the witness's centre; everyone else hears "not found"
  const actor = await loadActor(ctx, input.actorId);
  const record = await ctx.store.expertWitnesses.byId(input.expertWitnessId);
  const role = actor.roles.includes("admin")
    ? "admin"
    : actor.roles.includes("internal_verifier")
      ? "internal_verifier"
      : null;
  if (!record || !role || actor.centreId !== record.centreId) throw recordNotFound("expert witness");
  // check the status: nobody confirms themselves; the witness signs their record first
  if (actor.id === record.personId)
    throw new AppError(
      "bad_input",
      "Ask another admin or internal verifier of your centre to confirm your own record.",
    );
  const signatures = await ctx.store.signatures.of([record.id]);
  if (!signatures.some((s) => s.kind === "expert_witness_record"))
    throw new AppError(
      "forbidden_state",
      "The expert witness has not signed their record yet. Ask them to sign it, then confirm it.",
    );
  // one transaction: the confirmation and its audit event (confirming twice keeps the first)
  const event: PortfolioEvent = {
    type: "expert_witness.confirmed",
    expertWitnessId: record.id,
    personId: record.personId,
    centreId: record.centreId,
  };
  const { created } = await ctx.store.transaction(async (tx) => {
    const signed = await tx.signatures.sign({
      kind: "expert_witness_confirmation",
      subjectType: "expert_witness",
      subjectId: record.id,
      personId: actor.id,
      role,
      channel: input.channel ?? null,
      signedAt: ctx.now(),
      centreId: record.centreId,
    });
    if (signed.created) await tx.outbox.record(told(event, actor.id));
    return signed;
  });
  if (created) await notifySafely(ctx.notify, event);
  return expertWitnessView(ctx, record);
}
