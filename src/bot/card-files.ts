// Lists the evidence's photos and documents on the cards that show it (suggestion, decision, witness), for their reader.
import type { CardView, EvidenceFileView } from "../cards/index.ts";
import type { Portfolio } from "../portfolio/index.ts";
import { candidatePages } from "./page-links.ts";
import type { BotReply } from "./types.ts";

/** What listing needs: the portfolio, and the signed links the bot makes (absent where pages are not served). */
export interface CardFilesDeps {
  portfolio: Portfolio;
  portfolioLink?(personId: string, to?: string): string;
}

type Listed = Extract<CardView, { kind: "suggestion" | "approval" | "witnessRequest" }>;
const listed = (view: CardView): view is Listed =>
  view.kind === "suggestion" || view.kind === "approval" || view.kind === "witnessRequest";

/** The card's own view, inside a "changed since you opened it" notice or not. */
const inner = (view: CardView): CardView => (view.kind === "stale" ? view.view.current : view);

/**
 * The reply with the evidence's files on its card, as `readerId` may see them: each named, with its kind and size,
 * and a sign-in link to it on the evidence page. A reader who may not see the files, or a card without any, is unchanged.
 */
export async function withFileList(
  deps: CardFilesDeps,
  reply: BotReply,
  readerId: string,
): Promise<BotReply> {
  const view = reply.card ? inner(reply.card.view) : undefined;
  if (!reply.card || !view || !listed(view)) return reply;
  const evidenceId = view.view.evidenceId;
  let files: EvidenceFileView[];
  try {
    const kept = await deps.portfolio.evidenceFiles({ actorId: readerId, evidenceId });
    if (!kept.length) return reply;
    const candidateId = (await deps.portfolio.cardAudience({ evidenceId }))?.candidateId;
    const page = candidateId && view.view.ref ? candidatePages(candidateId, view.view.ref) : undefined;
    files = kept.map((file) => {
      const url = page
        ? deps.portfolioLink?.(readerId, `${page}?file=${encodeURIComponent(file.id)}`)
        : undefined;
      return { name: file.name, mimeType: file.mimeType, bytes: file.bytes, ...(url ? { url } : {}) };
    });
  } catch {
    // Someone who may not see the evidence's files (or a store that failed) gets the card without the list.
    return reply;
  }
  const withFiles = { ...view, view: { ...view.view, files } } as Listed;
  const cardView: CardView =
    reply.card.view.kind === "stale"
      ? { kind: "stale", view: { ...reply.card.view.view, current: withFiles } }
      : withFiles;
  return { ...reply, card: { ...reply.card, view: cardView } };
}
