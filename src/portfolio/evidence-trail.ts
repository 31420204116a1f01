// Use case: one piece of evidence with its audit trail, for whoever may see the evidence.
import type { AuditRecord } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";
import { type EvidenceView, viewEvidence } from "./view-evidence.ts";

export interface TrailEntry extends AuditRecord {
  /** The acting person's name, or the system label ("cli", "demo"). */
  actorName: string;
}

export interface EvidenceWithTrail {
  evidence: EvidenceView;
  trail: TrailEntry[];
}

export async function evidenceWithTrail(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId: string },
): Promise<EvidenceWithTrail> {
  // load and authorise through viewEvidence: "not found" for anyone who may not see it
  const evidence = await viewEvidence(ctx, input);
  const audit = await ctx.store.audit.forEntity("evidence", evidence.id);
  const missing = audit.map((a) => a.actorId).filter((id): id is string => !!id && !(id in evidence.names));
  const extra = new Map((await ctx.store.people.byIds(missing)).map((p) => [p.id, p.name]));
  const trail = audit.map((a) => ({
    ...a,
    actorName: a.actorId
      ? (evidence.names[a.actorId] ?? extra.get(a.actorId) ?? "Someone no longer here")
      : (a.actorLabel ?? "Shiftnote"),
  }));
  return { evidence, trail };
}
