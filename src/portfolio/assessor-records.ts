// What observation and discussion records share: the assessor's input, the mapper's suggestions kept to the plan, the checks.
import { AppError } from "../core/errors.ts";
import { SUPPLEMENTARY_KINDS, type SupplementaryRecord } from "../core/record-types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import type { NewClaim } from "../store/evidence-repository.ts";
import type { EvidenceSource } from "../store/types.ts";
import { type MappedSuggestions, resolveClaims, suggestionsToClaims } from "./claims.ts";
import type { EvidenceSummary } from "./context.ts";
import { MAX_ACCOUNT_CHARS as MAX_TEXT } from "./create-draft.ts";
import { parseDateTime } from "./london-time.ts";

/** What the assessor gives for an observation or a discussion. */
export interface AssessorRecordInput {
  actorId: string;
  candidateId: string;
  /** Which enrolment; may be left out when the assessor has the candidate on one only. */
  enrolmentId?: string;
  /** What was seen (observation) or the notes or transcript of the discussion. */
  text: string;
  title?: string;
  /** When it happened, e.g. "2026-12-01 14:30" (UK time); now when left out. */
  heldAt?: string;
  /** What the mapper suggested for `text`; taken as data, so the mapper is not needed here. */
  mapped?: MappedSuggestions;
  /** Supplementary evidence attached or referenced by location. */
  supplementary?: SupplementaryRecord[];
  source?: Extract<EvidenceSource, "typed" | "voice">;
  audioPath?: string;
  transcriptionEngine?: string;
  eventId?: string;
}

/** The record filed, and the suggestions it holds for the assessor to correct before signing. */
export interface AssessorRecordDraft {
  evidence: EvidenceSummary;
  /** The suggested claims, each with its sentence, in the order to show them. */
  suggestions: NewClaim[];
}

const KIND_ORDER = { criterion: 0, knowledge: 1, range: 2 } as const;
const KNOWLEDGE_FIRST = { knowledge: 0, criterion: 1, range: 2 } as const;

/**
 * The mapper's suggestions as claims proposed by the mapper, only for units on the candidate's plan (a suggestion
 * for another unit is not evidence the assessor can assess here). `knowledgeFirst` orders knowledge items first.
 */
export function suggestedClaims(
  catalogue: Catalogue,
  mapped: MappedSuggestions | undefined,
  planUnitIds: readonly string[],
  knowledgeFirst = false,
): NewClaim[] {
  const order = knowledgeFirst ? KNOWLEDGE_FIRST : KIND_ORDER;
  return resolveClaims(catalogue, mapped ? suggestionsToClaims(mapped) : [], "mapper")
    .filter((c) => planUnitIds.includes(c.unitId))
    .sort(
      (a, b) =>
        order[a.kind] - order[b.kind] ||
        a.unitId.localeCompare(b.unitId) ||
        a.targetId.localeCompare(b.targetId, "en", { numeric: true }),
    );
}

/** Checks the text, time and supplementary evidence; returns them cleaned. */
export function checkRecordInput(
  input: AssessorRecordInput,
  now: Date,
  empty: string,
): { text: string; heldAt: Date; supplementary: SupplementaryRecord[]; title: string } {
  const text = input.text.trim();
  if (!text) throw new AppError("bad_input", empty);
  if (text.length > MAX_TEXT)
    throw new AppError(
      "too_large",
      `The record is longer than ${MAX_TEXT} characters. Split it into two records.`,
    );
  const heldAt = input.heldAt ? parseDateTime(input.heldAt, "When it happened") : now;
  if (heldAt.getTime() > now.getTime() + 60 * 60 * 1000)
    throw new AppError("bad_input", "That time is in the future. Say when you saw it happen.");
  const supplementary = (input.supplementary ?? []).map((s) => {
    if (!SUPPLEMENTARY_KINDS.includes(s.kind))
      throw new AppError(
        "bad_input",
        `Supplementary evidence is one of: work products, photographs, e-evidence (video, audio) or confirmation by a third party; "${s.kind}" is not.`,
      );
    const location = s.location.trim().slice(0, 500);
    if (!location)
      throw new AppError(
        "bad_input",
        "Say where the supplementary evidence is kept, or attach it to the record.",
      );
    return { kind: s.kind, location };
  });
  const words = text.split(/\s+/).slice(0, 10).join(" ");
  const title = (input.title?.trim() || (words.length < text.length ? `${words}…` : words)).slice(0, 120);
  return { text, heldAt, supplementary, title };
}
