// Who may administer a centre: the command line, or a person with the admin role in that centre.
import type { AuditActor } from "../core/types.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";
import { loadActor } from "./load.ts";
import { isCentreAdmin } from "./permissions.ts";

/** Returns the audit actor, or answers "not found" to a person who is not an admin of the centre. */
export async function authoriseAdmin(
  ctx: PortfolioContext,
  actor: Actor,
  centreId: string,
  what = "that centre",
): Promise<AuditActor> {
  if ("system" in actor) return { label: actor.system };
  const person = await loadActor(ctx, actor.personId);
  if (!isCentreAdmin(person, centreId)) throw personNotFound(what);
  return { personId: person.id };
}
