// Buttons to a person's own pages: a short-lived signed link, shown as a button, never as a long address in text.
import type { LinkView } from "../cards/index.ts";
import type { Turn } from "./turn.ts";

/** A candidate's portfolio page, or one piece of their evidence on it. */
export const candidatePages = (candidateId: string, ref?: string): string =>
  `/pages/candidates/${encodeURIComponent(candidateId)}${ref ? `/evidence/${encodeURIComponent(ref)}` : ""}`;

/** A button opening `to` signed in as `personId`; undefined where pages are not served. */
export function pageLink(turn: Turn, personId: string, to: string, label: string): LinkView | undefined {
  const url = turn.deps.portfolioLink?.(personId, to);
  return url ? { label, url } : undefined;
}
