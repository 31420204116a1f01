// Use case: a data-protection erasure: the person's details and the words of their evidence are removed; the trail keeps that it happened.
import { AppError } from "../core/errors.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";
import { notifySafely } from "./notify.ts";

export const ERASED_TEXT = "[erased at the person's request]";

export interface Erasure {
  personId: string;
  identitiesRemoved: number;
  evidenceErased: number;
}

/**
 * Anonymises the person (name, email, job title, roles, chat identities, which chat messages showed them which
 * evidence) and replaces the words of every piece of evidence they filed (all versions, supporting sentences,
 * testimony about it). Records of decisions and the audit trail stay, with ids only. Testimony the person gave
 * about someone else's evidence stays as part of that evidence.
 */
export async function erasePerson(
  ctx: PortfolioContext,
  input: { actor: Actor; personId: string },
): Promise<Erasure> {
  // load and authorise: an admin of the person's centre, or the command line
  const person = await ctx.store.people.byId(input.personId);
  if (!person) throw personNotFound();
  const auditActor = await authoriseAdmin(ctx, input.actor, person.centreId, "that person");
  if ("personId" in auditActor && auditActor.personId === person.id)
    throw new AppError("bad_input", "Ask another admin of your centre to erase your own data.");
  // check the status
  if (person.erased)
    throw new AppError(
      "forbidden_state",
      "That person's data has already been erased; there is nothing left to remove.",
    );

  // one transaction: anonymise, erase the words, record that it happened
  const at = ctx.now();
  const erasure = await ctx.store.transaction(async (tx) => {
    const { identitiesRemoved } = await tx.people.anonymise(person.id, at);
    // Which chat messages showed them which evidence: kept only to redraw those cards.
    await tx.cardCopies.forget(person.id);
    // where the bot could reach them, and messages waiting for them in the playground
    await tx.channelState.forget(person.id);
    await tx.outbox.forget(person.id);
    const evidenceErased = await tx.evidence.eraseWordsOf(person.id, ERASED_TEXT);
    await tx.audit.append({
      actor: auditActor,
      action: "person.erased",
      entityType: "person",
      entityId: person.id,
      centreId: person.centreId,
      data: { identitiesRemoved, evidenceErased, reason: "data_protection_request" },
    });
    return { personId: person.id, identitiesRemoved, evidenceErased };
  });

  await notifySafely(ctx.notify, { type: "person.erased", personId: person.id });
  return erasure;
}
