// How each evidence method is named on the forms (the unit recording form's list of references, the observation record).
import type { EvidenceMethod } from "../../store/types.ts";

export const EVIDENCE_METHOD_WORDS: Record<EvidenceMethod, string> = {
  observation: "Direct observation by the assessor",
  witness_testimony: "Witness testimony",
  professional_discussion: "Professional discussion",
  oral_questioning: "Oral questioning",
  work_product: "Work product",
  personal_statement: "Candidate's own account",
};
