// Turns what the portfolio reports after a change into messages for the other people involved.

import type { PersonRecord } from "../core/types.ts";
import type { PortfolioContext } from "../portfolio/context.ts";
import type { PortfolioEvent } from "../portfolio/notify.ts";
import { viewEvidence } from "../portfolio/view-evidence.ts";
import { card, say } from "./reply.ts";
import type { Notification } from "./types.ts";
import { approvalView, witnessRequestView } from "./views.ts";

/** The assessor gets the approval card, the witness the request card, the candidate the outcome. */
export async function notificationsFor(
  ctx: PortfolioContext,
  events: readonly PortfolioEvent[],
  actor: PersonRecord,
): Promise<Notification[]> {
  const out: Notification[] = [];
  for (const event of events) {
    switch (event.type) {
      case "evidence.submitted":
      case "evidence.resubmitted": {
        if (!event.assessorId) break;
        const evidence = await viewEvidence(ctx, { actorId: event.assessorId, evidenceId: event.evidenceId });
        out.push({
          personId: event.assessorId,
          reply: card(
            { kind: "approval", view: approvalView(ctx.catalogue, evidence) },
            {
              text: `${actor.name} ${event.type === "evidence.resubmitted" ? "resubmitted" : "submitted"} ${evidence.ref} for you to assess.`,
            },
          ),
        });
        break;
      }
      case "witness.requested": {
        const witness = await ctx.store.people.byId(event.witnessId);
        if (!witness) break;
        const evidence = await viewEvidence(ctx, { actorId: witness.id, evidenceId: event.evidenceId });
        out.push({
          personId: witness.id,
          reply: card(
            { kind: "witnessRequest", view: witnessRequestView(ctx.catalogue, evidence, witness) },
            {
              text: `${actor.name} has asked you to witness what they did. Read their account and confirm it in your own words.`,
            },
          ),
        });
        break;
      }
      case "witness.testimony_given":
        out.push({
          personId: event.candidateId,
          reply: say(`${actor.name} has given witness testimony for your evidence.`),
        });
        break;
      case "witness.refused":
        out.push({
          personId: event.candidateId,
          reply: say(`${actor.name} couldn't act as your witness. Ask someone else who saw what you did.`),
        });
        break;
      case "evidence.assessed":
      case "evidence.referred": {
        const evidence = await viewEvidence(ctx, {
          actorId: event.candidateId,
          evidenceId: event.evidenceId,
        });
        const accepted = evidence.activeClaims.filter((c) => c.decision === "accepted").length;
        const rejected = evidence.activeClaims.filter((c) => c.decision === "rejected").length;
        const last = evidence.decisions.at(-1);
        out.push({
          personId: event.candidateId,
          reply: say(
            event.type === "evidence.assessed"
              ? `${actor.name} has assessed ${evidence.ref}: ${accepted} accepted, ${rejected} not accepted.${last?.comment ? ` Their comment: "${last.comment}"` : ""} Type progress to see your coverage.`
              : `${actor.name} has referred ${evidence.ref} back to you: "${last?.comment ?? ""}". Open it with Edit text, change it, and submit it again.`,
          ),
        });
        break;
      }
      default:
        break;
    }
  }
  return out;
}
