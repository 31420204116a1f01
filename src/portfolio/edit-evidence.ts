// Use case: the candidate corrects a draft or referred piece of evidence: the account (a new version), claims, setting.
import { AppError } from "../core/errors.ts";
import type { EvidenceMethod, EvidenceSetting } from "../core/types.ts";
import { type ClaimInput, resolveClaims } from "./claims.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { checkAccountLength } from "./create-draft.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { loadActor, loadVisibleEvidence, summary } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isOwner } from "./permissions.ts";

export interface EditEvidenceInput {
  actorId: string;
  evidenceId: string;
  /** The version the candidate was looking at. */
  version: number;
  text?: string;
  title?: string;
  setting?: EvidenceSetting;
  method?: EvidenceMethod;
  addClaims?: ClaimInput[];
  removeClaims?: string[];
  eventId?: string;
}

export async function editEvidence(
  ctx: PortfolioContext,
  input: EditEvidenceInput,
): Promise<EvidenceSummary> {
  const replayed = await ctx.store.replay(input.eventId, "evidence.edit", input.actorId);
  if (replayed) return summary(ctx, replayed);

  // load and authorise: only the candidate edits their own evidence
  const actor = await loadActor(ctx, input.actorId);
  const evidence = await loadVisibleEvidence(ctx, actor, input.evidenceId);
  if (!isOwner(actor, evidence)) throw evidenceNotFound();
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status
  if (evidence.status !== "draft" && evidence.status !== "referred")
    throw wrongStatus(
      evidence.ref,
      evidence.status,
      "it can no longer be changed. File a new piece of evidence instead.",
    );
  const text = input.text?.trim();
  if (input.text !== undefined && !text)
    throw new AppError("bad_input", "The account can't be empty. Say what happened and send it again.");
  if (text) checkAccountLength(text);
  const added = resolveClaims(ctx.catalogue, input.addClaims ?? [], "candidate");
  const removed = (input.removeClaims ?? []).map((id) => id.trim()).filter(Boolean);

  const event: PortfolioEvent = { type: "evidence.edited", evidenceId: evidence.id, candidateId: actor.id };
  // one transaction: version guard, changes, audit event, the copies to redraw
  await ctx.store.once(input.eventId, "evidence.edit", actor.id, async (tx) => {
    const next = await tx.evidence.advance(evidence.id, input.version, ["draft", "referred"]);
    if (next === null) throw staleEvidence(evidence.ref);
    const textVersion = text ? await tx.evidence.addVersion(evidence.id, text, actor.id) : undefined;
    await tx.evidence.updateDetails(evidence.id, {
      ...(input.title?.trim() ? { title: input.title.trim().slice(0, 120) } : {}),
      ...(input.setting ? { setting: input.setting } : {}),
      ...(input.method ? { method: input.method } : {}),
    });
    if (removed.length) await tx.evidence.removeClaims(evidence.id, removed);
    if (added.length) await tx.evidence.addClaims(evidence.id, added);
    await tx.audit.append({
      actor: { personId: actor.id },
      action: "evidence.edited",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: {
        version: next,
        ...(textVersion ? { textVersion } : {}),
        ...(input.setting ? { setting: input.setting } : {}),
        added: added.map((c) => c.targetId),
        removed,
      },
    });
    await tx.outbox.record(told(event, actor.id, next));
    return evidence.id;
  });

  await notifySafely(ctx.notify, event);
  return summary(ctx, evidence.id);
}
