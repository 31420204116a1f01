// Use case: an admin links a person to their Teams or Slack user id, so the bot knows who is speaking.
import { AppError } from "../core/errors.ts";
import { CHANNELS, type Channel, type ChatIdentityRecord } from "../core/types.ts";
import { isUniqueViolation } from "../store/db.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";

export interface LinkIdentityInput {
  actor: Actor;
  personId: string;
  channel: Channel;
  externalId: string;
}

export async function linkIdentity(
  ctx: PortfolioContext,
  input: LinkIdentityInput,
): Promise<ChatIdentityRecord> {
  // load and authorise
  const person = await ctx.store.people.byId(input.personId);
  if (!person || person.erased) throw personNotFound();
  const auditActor = await authoriseAdmin(ctx, input.actor, person.centreId, "that person");
  // check
  if (!(CHANNELS as readonly string[]).includes(input.channel))
    throw new AppError("bad_input", `The channel must be one of ${CHANNELS.join(", ")}.`);
  const externalId = input.externalId.trim();
  if (!externalId)
    throw new AppError("bad_input", "Give the user id from Teams or Slack, such as U024BE7LH.");
  const holder = await ctx.store.people.byChatIdentity(input.channel, externalId);
  if (holder?.id === person.id) return { personId: person.id, channel: input.channel, externalId };
  const taken = () =>
    new AppError(
      "conflict",
      `That ${input.channel} user is already linked to someone else. Check the user id.`,
    );
  if (holder) throw taken();

  // one transaction: the link and the audit event
  try {
    return await ctx.store.transaction(async (tx) => {
      const link = await tx.people.linkIdentity(person.id, input.channel, externalId);
      await tx.audit.append({
        actor: auditActor,
        action: "person.identity_linked",
        entityType: "person",
        entityId: person.id,
        centreId: person.centreId,
        data: { channel: input.channel },
      });
      return link;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
