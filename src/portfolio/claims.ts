// Turns claimed ids (from the mapper, the candidate or the assessor) into checked claims against the catalogue.
import { AppError } from "../core/errors.ts";
import type { ClaimKind, ClaimProposer } from "../core/types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import type { NewClaim } from "../store/evidence-repository.ts";

/** One claimed criterion, knowledge item or range, with the sentence that supports it. */
export interface ClaimInput {
  id: string;
  support?: string;
}

/** The mapper's suggestions, as far as a draft needs them (a MappingResult fits this shape). */
export interface MappedSuggestions {
  criteria?: ReadonlyArray<{ id: string; support?: { text: string } | null }>;
  knowledge?: ReadonlyArray<{ id: string; support?: { text: string } | null }>;
  ranges?: ReadonlyArray<{ id: string; support?: { text: string } | null }>;
}

/** What an id names in the catalogue, or undefined. */
export function claimTarget(
  catalogue: Catalogue,
  id: string,
): { kind: ClaimKind; unitId: string } | undefined {
  const criterion = catalogue.criterion(id);
  if (criterion) return { kind: "criterion", unitId: criterion.unit.id };
  const item = catalogue.knowledgeItem(id);
  if (item) return { kind: "knowledge", unitId: item.unit.id };
  const range = catalogue.range(id);
  if (range) return { kind: "range", unitId: range.unit.id };
  return undefined;
}

/** Checks each id against the catalogue; an unknown one is refused by name. Repeats are merged. */
export function resolveClaims(
  catalogue: Catalogue,
  inputs: readonly ClaimInput[],
  proposedBy: ClaimProposer,
): NewClaim[] {
  const unknown: string[] = [];
  const out = new Map<string, NewClaim>();
  for (const input of inputs) {
    const id = input.id.trim();
    const target = claimTarget(catalogue, id);
    if (!target) {
      unknown.push(id);
      continue;
    }
    if (!out.has(id))
      out.set(id, { ...target, targetId: id, proposedBy, support: (input.support ?? "").slice(0, 2000) });
  }
  if (unknown.length)
    throw new AppError(
      "bad_input",
      `${unknown.join(", ")} ${unknown.length === 1 ? "is not a criterion, knowledge item or range" : "are not criteria, knowledge items or ranges"} in the standards. Check the id (such as 205.1.2, 205.K.a or 205.ER4.b) and try again.`,
    );
  return [...out.values()];
}

/** The mapper's suggestions as claim inputs, each with its supporting sentence. */
export function suggestionsToClaims(mapped: MappedSuggestions): ClaimInput[] {
  return [...(mapped.criteria ?? []), ...(mapped.knowledge ?? []), ...(mapped.ranges ?? [])].map((s) => ({
    id: s.id,
    support: s.support?.text ?? "",
  }));
}
