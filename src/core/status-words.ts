// What each evidence status is called where people read it: the pages, the bot's lists and the Home tab.
import type { EvidenceStatus } from "./types.ts";

export const EVIDENCE_STATUS_WORDS: Record<EvidenceStatus, string> = {
  draft: "Draft",
  submitted: "Waiting for assessment",
  assessed: "Assessed",
  referred: "Referred back",
  sampled: "Assessed and sampled",
  discarded: "Discarded",
};
