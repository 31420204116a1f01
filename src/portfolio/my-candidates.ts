// Use case: the candidates whose portfolios a person may open: their own, those assigned to them, or their centre's.
import type { PortfolioContext } from "./context.ts";
import { loadActor } from "./load.ts";

export interface CandidateEntry {
  id: string;
  name: string;
  email: string;
  /** Why this person may see them. */
  as: "self" | "assessor" | "centre";
}

/** The same reach as getProgress: self; an assessor's assigned candidates; verifiers' and admins' whole centre. */
export async function myCandidates(
  ctx: PortfolioContext,
  input: { actorId: string },
): Promise<CandidateEntry[]> {
  const actor = await loadActor(ctx, input.actorId);
  const out = new Map<string, CandidateEntry>();
  const add = (p: { id: string; name: string; email: string; erased: boolean }, as: CandidateEntry["as"]) => {
    if (!p.erased && !out.has(p.id)) out.set(p.id, { id: p.id, name: p.name, email: p.email, as });
  };
  if (actor.roles.includes("candidate")) add(actor, "self");
  if (actor.roles.includes("assessor")) {
    const ids = (await ctx.store.enrolments.ofAssessor(actor.id)).map((e) => e.candidateId);
    for (const p of await ctx.store.people.byIds(ids)) add(p, "assessor");
  }
  if (actor.roles.includes("internal_verifier") || actor.roles.includes("admin"))
    for (const p of await ctx.store.people.inCentre(actor.centreId))
      if (p.roles.includes("candidate")) add(p, "centre");
  return [...out.values()].sort((a, b) =>
    a.as === "self" ? -1 : b.as === "self" ? 1 : a.name.localeCompare(b.name),
  );
}
