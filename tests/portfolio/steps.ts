// Moves a test draft through the lifecycle to any status, the way the people involved would.

import type { EvidenceStatus } from "../../src/core/types.ts";
import type { PortfolioContext } from "../../src/portfolio/context.ts";
import { recordDecision } from "../../src/portfolio/record-decision.ts";
import { sampleEvidence } from "../../src/portfolio/sample-evidence.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { draft, type Seed } from "./fixture.ts";

export const ALL_ACCEPTED = ["205.2.4", "205.1.3", "205.ER4.b", "205.ER5.b"].map((targetId) => ({
  targetId,
  decision: "accepted" as const,
}));

/** A piece of the seed candidate's evidence in the given status; returns its id and current version. */
export async function reach(ctx: PortfolioContext, seed: Seed, status: EvidenceStatus) {
  let e = await draft(ctx, seed);
  if (status === "draft") return e;
  e = await submitEvidence(ctx, { actorId: seed.candidate.id, evidenceId: e.id, version: e.version });
  if (status === "submitted") return e;
  if (status === "referred")
    return recordDecision(ctx, {
      actorId: seed.assessor.id,
      evidenceId: e.id,
      version: e.version,
      outcome: "referred",
      comment: "Say what you did to make it personal.",
    });
  e = await recordDecision(ctx, {
    actorId: seed.assessor.id,
    evidenceId: e.id,
    version: e.version,
    outcome: "assessed",
    claims: ALL_ACCEPTED,
  });
  if (status === "assessed") return e;
  return sampleEvidence(ctx, {
    actorId: seed.verifier.id,
    evidenceId: e.id,
    version: e.version,
    outcome: "agreed",
  });
}
