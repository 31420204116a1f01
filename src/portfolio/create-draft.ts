// Use case: a candidate's account, with the mapper's suggestions, becomes a draft piece of evidence.
import { AppError } from "../core/errors.ts";
import type { EvidenceMethod, EvidenceSetting, EvidenceSource } from "../core/types.ts";
import { isUniqueViolation } from "../store/db.ts";
import type { NewClaim } from "../store/evidence-repository.ts";
import { type MappedSuggestions, resolveClaims, suggestionsToClaims } from "./claims.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { loadActor, summary } from "./load.ts";
import { notifySafely } from "./notify.ts";

/** The longest account one piece of evidence holds: longer ones do not fit a Teams card with its edit box (28 KB). */
export const MAX_ACCOUNT_CHARS = 8000;

/** Refuses an account too long for one piece of evidence, asking for two instead. */
export function checkAccountLength(text: string): void {
  if (text.length > MAX_ACCOUNT_CHARS)
    throw new AppError(
      "too_large",
      `That's ${text.length.toLocaleString("en-GB")} characters, more than the ${MAX_ACCOUNT_CHARS.toLocaleString("en-GB")} one piece of evidence can hold. Split it into two accounts, one customer each, and send them separately. Nothing was filed.`,
    );
}

export interface CreateDraftInput {
  candidateId: string;
  /** Which enrolment; may be left out when the candidate has only one. */
  enrolmentId?: string;
  text: string;
  title?: string;
  source?: EvidenceSource;
  method?: EvidenceMethod;
  setting?: EvidenceSetting;
  /** ISO date (YYYY-MM-DD) of the shift. */
  occurredOn?: string;
  /** What the mapper suggested; taken as data, so the mapper is not needed here. */
  mapped?: MappedSuggestions;
  /** A voice note's stored recording (relative to the files area) and the engine that transcribed it. */
  audioPath?: string;
  transcriptionEngine?: string;
  /** Channel event id: the same id twice makes one draft. */
  eventId?: string;
}

/** The new draft; `created` holds what was written, absent when a retried event was answered from the first. */
export interface DraftResult extends EvidenceSummary {
  created?: {
    text: string;
    source: EvidenceSource;
    transcriptionEngine: string | null;
    /** In the order the stored record lists them: by unit, then id. */
    claims: NewClaim[];
  };
}

/** The enrolment evidence is filed on: the one named, else the candidate's first (the chat and the CLI alike). */
export function chooseEnrolment<E extends { id: string }>(
  enrolments: readonly E[],
  enrolmentId?: string,
): E | undefined {
  return enrolmentId ? enrolments.find((e) => e.id === enrolmentId) : enrolments[0];
}

export async function createDraft(ctx: PortfolioContext, input: CreateDraftInput): Promise<DraftResult> {
  const replayed = await ctx.store.replay(input.eventId, "evidence.draft", input.candidateId);
  if (replayed) return summary(ctx, replayed);

  // load
  const candidate = await loadActor(ctx, input.candidateId);
  const enrolments = await ctx.store.enrolments.ofCandidate(candidate.id);
  // authorise: only a candidate with an enrolment files evidence, on their own enrolment
  const enrolment = chooseEnrolment(enrolments, input.enrolmentId);
  if (!enrolment)
    throw new AppError(
      "not_found",
      "You are not enrolled on a qualification yet, so there is nowhere to file evidence. Ask your centre admin to enrol you.",
    );
  // check the input
  const text = input.text.trim();
  if (!text)
    throw new AppError(
      "bad_input",
      "The account is empty. Say what happened on your shift and send it again.",
    );
  checkAccountLength(text);
  if (input.occurredOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.occurredOn))
    throw new AppError("bad_input", "The date of the shift must look like 2025-11-24.");
  const claims = resolveClaims(
    ctx.catalogue,
    input.mapped ? suggestionsToClaims(input.mapped) : [],
    "mapper",
  );
  const title = (input.title?.trim() || firstWords(text)).slice(0, 120);

  // one statement, so one transaction: the draft, its first version, its claims, the audit event, the event id
  const record = {
    enrolmentId: enrolment.id,
    candidateId: candidate.id,
    title,
    source: input.source ?? "typed",
    method: input.method ?? (input.source === "witness" ? "witness_testimony" : "personal_statement"),
    setting: input.setting ?? "workplace",
    occurredOn: input.occurredOn ?? null,
    text,
    authorId: candidate.id,
    claims,
    audioPath: input.audioPath ?? null,
    transcriptionEngine: input.transcriptionEngine ?? null,
  } as const;
  let created: { id: string; ref: string };
  try {
    created = await ctx.store.evidence.createDraft({
      ...record,
      audit: {
        actor: { personId: candidate.id },
        action: "evidence.drafted",
        entityType: "evidence",
        centreId: enrolment.centreId,
      },
      ...(input.eventId
        ? { event: { id: input.eventId, action: "evidence.draft", actorId: candidate.id } }
        : {}),
    });
  } catch (error) {
    // Two deliveries of one event raced: the loser wrote nothing; answer with the winner's draft.
    const winner = isUniqueViolation(error)
      ? await ctx.store.replay(input.eventId, "evidence.draft", input.candidateId)
      : undefined;
    if (winner) return summary(ctx, winner);
    throw error;
  }

  await notifySafely(ctx.notify, {
    type: "evidence.drafted",
    evidenceId: created.id,
    candidateId: candidate.id,
  });
  return {
    id: created.id,
    ref: created.ref,
    status: "draft",
    version: 1,
    created: {
      text,
      source: record.source,
      transcriptionEngine: record.transcriptionEngine,
      claims: [...claims].sort(
        (x, y) => x.unitId.localeCompare(y.unitId) || x.targetId.localeCompare(y.targetId),
      ),
    },
  };
}

function firstWords(text: string): string {
  const words = text.split(/\s+/).slice(0, 10).join(" ");
  return words.length < text.length ? `${words}…` : words;
}
