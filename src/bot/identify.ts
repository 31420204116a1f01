// Who is speaking: a linked chat identity, or the first time, the person of the centre with the platform's email.

import type { PersonRecord } from "../core/types.ts";
import type { PortfolioContext } from "../portfolio/context.ts";
import { linkIdentity } from "../portfolio/link-identity.ts";
import type { Actor } from "./types.ts";

/**
 * Finds the person behind a chat user. On the first message from a platform that gives an email, the user
 * is linked to the person with that email (an audited change); someone the centre has not added is not
 * stored at all.
 */
export async function identify(ctx: PortfolioContext, actor: Actor): Promise<PersonRecord | null> {
  const linked = await ctx.store.people.byChatIdentity(actor.channel, actor.userId);
  if (linked && !linked.erased) return linked;
  const email = actor.email?.trim().toLowerCase();
  if (!email) return null;
  const person = await ctx.store.people.byEmail(email);
  if (!person || person.erased) return null;
  // The web playground speaks as a person by email; there is nothing to link.
  if (actor.channel === "web") return person;
  await linkIdentity(ctx, {
    actor: { system: "bot" },
    personId: person.id,
    channel: actor.channel,
    externalId: actor.userId,
  });
  return person;
}
