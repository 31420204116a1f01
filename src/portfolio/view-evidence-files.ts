// Use case: the photos and documents of one piece of evidence, for someone who may see that evidence.
import { AppError } from "../core/errors.ts";
import type { EvidenceFileRecord } from "../store/evidence-file-repository.ts";
import type { PortfolioContext } from "./context.ts";
import { keptPath } from "./evidence-file-storage.ts";
import { loadActor, loadVisibleEvidence } from "./load.ts";

export type { EvidenceFileRecord };

/** The files kept with the evidence; "not found" for anyone who may not see the evidence. */
export async function evidenceFiles(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId: string },
): Promise<EvidenceFileRecord[]> {
  const actor = await loadActor(ctx, input.actorId);
  await loadVisibleEvidence(ctx, actor, input.evidenceId);
  return ctx.store.evidenceFiles.of([input.evidenceId]);
}

/** One file and where its bytes lie, for a download by someone who may see the evidence. */
export async function evidenceFileDownload(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId: string; fileId: string },
): Promise<EvidenceFileRecord & { path: string }> {
  const files = await evidenceFiles(ctx, input);
  const file = files.find((f) => f.id === input.fileId);
  const path = file && ctx.filesDir ? keptPath(ctx.filesDir, file.key) : undefined;
  if (!file || !path) throw new AppError("not_found", "There is no such file with this evidence.");
  return { ...file, path };
}
