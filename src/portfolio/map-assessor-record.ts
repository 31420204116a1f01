// The mapper's suggestions for an assessor's record typed or spoken in chat, mapped against the candidate's own plan.

import { type MapOptions, shownResult } from "../mapping/types.ts";
import type { AssessorRecordInput } from "./assessor-records.ts";
import type { Mapper } from "./chat.ts";
import type { PortfolioContext } from "./context.ts";
import { loadAssessorOfCandidate } from "./record-access.ts";

/** How many suggestions of each kind a record keeps: the card shows them for the assessor to correct. */
const KEEP = { criteria: 8, knowledge: 6, ranges: 6 } as const;

/**
 * Adds the mapper's suggestions to a record that came without them. Only the candidate's assessor gets this far
 * (anyone else is told "not found" before the text is mapped); text the mapper finds no evidence in is filed with
 * no suggestions, for the assessor to add what it shows.
 */
export async function withMapperSuggestions<I extends AssessorRecordInput>(
  ctx: PortfolioContext,
  mapper: Mapper,
  input: I,
  /** What the mapper looks for above all: knowledge items for a discussion or oral questioning. */
  focus?: MapOptions["focus"],
): Promise<I> {
  if (input.mapped) return input;
  const { enrolment } = await loadAssessorOfCandidate(ctx, input);
  // The assessor writes about the candidate ("Amira greeted the customer…"): her acts are the evidence.
  const mapped = await mapper(input.text, {
    level: enrolment.level,
    units: enrolment.unitIds,
    writer: "observer",
    ...(focus ? { focus } : {}),
  });
  if (!mapped.isEvidence) return { ...input, enrolmentId: enrolment.id, mapped: {} };
  // the same rule as the candidate's card: the claims the mapper would defend, not the ranking behind them
  const shown = shownResult(mapped);
  return {
    ...input,
    enrolmentId: enrolment.id,
    mapped: {
      criteria: shown.criteria.slice(0, KEEP.criteria),
      knowledge: shown.knowledge.slice(0, KEEP.knowledge),
      ranges: shown.ranges.slice(0, KEEP.ranges),
    },
  };
}
