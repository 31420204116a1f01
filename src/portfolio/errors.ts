// The portfolio's messages for people: one place for "not found", "changed since you opened it" and status refusals.
import { AppError } from "../core/errors.ts";
import type { EvidenceStatus } from "../core/types.ts";

/** Said to anyone with no access as well as when the record does not exist, so access is never revealed. */
export const evidenceNotFound = () =>
  new AppError(
    "not_found",
    "We can't find that piece of evidence. Check the reference, or ask your assessor to check it for you.",
  );

export const personNotFound = (what = "that person") =>
  new AppError(
    "not_found",
    `We can't find ${what}. Check the email address, or ask your centre admin to add them.`,
  );

/** A decision or edit made on a version someone else has since changed. */
export const staleEvidence = (ref: string) =>
  new AppError(
    "stale",
    `${ref} has changed since you opened it, so nothing was saved. Open it again to see the latest version, then try again.`,
  );

const STATUS_WORDS: Record<EvidenceStatus, string> = {
  draft: "is still a draft",
  submitted: "has been submitted and is waiting for the assessor",
  assessed: "has already been assessed",
  referred: "has been referred back to the candidate",
  sampled: "has already been sampled by the internal verifier",
  discarded: "was discarded by the candidate",
};

/** Refuses an action the evidence's status does not allow, saying why and what can be done. */
export const wrongStatus = (ref: string, status: EvidenceStatus, next: string) =>
  new AppError("forbidden_state", `${ref} ${STATUS_WORDS[status]}, so ${next}`);
