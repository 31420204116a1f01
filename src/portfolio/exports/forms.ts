// The contents of the forms of 004 (sign-off, witness status list, assessment report), built from a candidate's records.

import { formatDay } from "../../core/dates.ts";
import type { EvidenceRecord } from "../../core/types.ts";
import type { Catalogue } from "../../standards/catalogue.ts";
import { type CandidateRecords, unitsOf } from "../candidate-records.ts";
import type { UnitCoverage } from "../coverage.ts";
import { WITNESS_STATUS_CATEGORIES } from "../witness-rules.ts";

export { WITNESS_STATUS_CATEGORIES };

const latest = (dates: readonly string[]) => [...dates].sort().at(-1) ?? null;
const day = (iso: string | null) => (iso ? formatDay(iso) : null);

/** Evidence that counts towards a unit: filed, with an active claim on it that was not rejected. */
export const evidenceForUnit = (records: CandidateRecords, unitId: string): EvidenceRecord[] =>
  records.evidence.filter((e) => e.status !== "draft" && unitsOf(e).includes(unitId));

export function unitCoverageOf(records: CandidateRecords, unitId: string): UnitCoverage | undefined {
  for (const c of records.coverage) {
    const unit = c.units.find((u) => u.unitId === unitId);
    if (unit) return unit;
  }
  return undefined;
}

const nameOf = (records: CandidateRecords, id: string | null | undefined) =>
  id ? (records.people.get(id)?.name ?? "") : "";

/** Who the form is about, as the awarding body knows them: the centre and the candidate's registration. */
export interface FormIdentity {
  centreName: string;
  /** The awarding body's centre number; null until the admin sets it. */
  centreNumber: string | null;
  /** The candidate's registration number (on the enrolment); null until the admin sets it. */
  registrationNumber: string | null;
}

/** The facts the heading of every form prints about the centre and the registration; blank ones show "—". */
export const identityFacts = (identity: FormIdentity): Array<[string, string]> => [
  ["Centre", identity.centreName],
  ["Centre number", identity.centreNumber ?? ""],
  ["Candidate registration number", identity.registrationNumber ?? ""],
];

export interface SignOff {
  assessorName: string;
  /** The day the last decision completed the unit; null while it is incomplete. */
  dateCompleted: string | null;
  sampled: boolean;
  verifierName: string;
  dateVerified: string | null;
}

/** The foot of the unit recording form: assessor, date completed, "Sampled by internal verifier YES/NO". */
export function buildSignOff(records: CandidateRecords, unitId: string): SignOff {
  const enrolment = records.enrolments.find((e) => e.unitIds.includes(unitId));
  const evidence = evidenceForUnit(records, unitId);
  const complete = unitCoverageOf(records, unitId)?.complete ?? false;
  const samples = evidence.flatMap((e) => e.samples).sort((a, b) => a.at.localeCompare(b.at));
  const lastSample = samples.at(-1);
  const decisions = evidence.flatMap((e) => e.decisions.filter((d) => d.outcome === "assessed"));
  const lastDecision = decisions.sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  return {
    assessorName: nameOf(records, lastDecision?.assessorId ?? enrolment?.assessorId),
    dateCompleted: complete ? day(latest(decisions.map((d) => d.at))) : null,
    sampled: samples.length > 0,
    verifierName: nameOf(records, lastSample?.verifierId ?? enrolment?.internalVerifierId),
    dateVerified: day(lastSample?.at ?? null),
  };
}

export interface WitnessEntry {
  witnessId: string;
  name: string;
  /** The contact address the centre holds: the witness's email. */
  contact: string;
  jobTitle: string | null;
  statusCategory: number;
  relationship: string;
  units: string[];
  evidenceRefs: string[];
  /** When they last signed testimony (their signature on the list). */
  signedOn: string;
  /** An expert witness the centre confirmed, giving an expert witness statement. */
  expert?: boolean;
}

/** An expert witness statement as the witness status list needs it. */
export interface ExpertTestimony {
  witnessId: string;
  name: string;
  contact: string;
  position: string;
  /** Category 1 with an assessment qualification, else 3 (occupational expert familiar with the standards). */
  statusCategory: number;
  relationship: string;
  unitId: string;
  evidenceRef: string;
  signedAt: string;
}

export interface WitnessList {
  candidateName: string;
  assessorName: string;
  entries: WitnessEntry[];
  categories: typeof WITNESS_STATUS_CATEGORIES;
}

/** Form N/SVQ5: every witness who gave testimony on the candidate's filed evidence. */
export function buildWitnessList(
  records: CandidateRecords,
  experts: readonly ExpertTestimony[] = [],
): WitnessList {
  const entries = new Map<string, WitnessEntry>();
  const lastSigned = new Map<string, string>();
  for (const x of experts) {
    const key = `expert:${x.witnessId}`;
    const entry = entries.get(key) ?? {
      witnessId: x.witnessId,
      name: x.name,
      contact: x.contact,
      jobTitle: x.position,
      statusCategory: x.statusCategory,
      relationship: x.relationship,
      units: [],
      evidenceRefs: [],
      signedOn: "",
      expert: true,
    };
    if (x.signedAt >= (lastSigned.get(key) ?? "")) {
      lastSigned.set(key, x.signedAt);
      entry.signedOn = formatDay(x.signedAt);
      entry.relationship = x.relationship;
    }
    entry.units = [...new Set([...entry.units, x.unitId])].sort((a, b) =>
      a.localeCompare(b, "en", { numeric: true }),
    );
    entry.evidenceRefs.push(x.evidenceRef);
    entries.set(key, entry);
  }
  for (const e of records.evidence) {
    if (e.status === "draft") continue;
    for (const w of e.witnessRequests) {
      if (w.status !== "given" || !w.testimony) continue;
      const person = records.people.get(w.witnessId);
      const entry = entries.get(w.witnessId) ?? {
        witnessId: w.witnessId,
        name: person?.name ?? "Unknown witness",
        contact: person?.email ?? "",
        jobTitle: person?.jobTitle ?? null,
        statusCategory: w.testimony.statusCategory,
        relationship: w.testimony.relationship,
        units: [],
        evidenceRefs: [],
        signedOn: "",
      };
      const signed = w.testimony.signedAt;
      if (signed >= (lastSigned.get(w.witnessId) ?? "")) {
        lastSigned.set(w.witnessId, signed);
        entry.signedOn = formatDay(signed);
        entry.statusCategory = w.testimony.statusCategory;
        entry.relationship = w.testimony.relationship;
      }
      entry.units = [...new Set([...entry.units, ...unitsOf(e)])].sort((a, b) =>
        a.localeCompare(b, "en", { numeric: true }),
      );
      entry.evidenceRefs.push(e.ref);
      entries.set(w.witnessId, entry);
    }
  }
  const enrolment = records.enrolments[0];
  return {
    candidateName: records.candidate.name,
    assessorName: nameOf(records, enrolment?.assessorId),
    entries: [...entries.values()].sort((a, b) => a.name.localeCompare(b.name)),
    categories: WITNESS_STATUS_CATEGORIES,
  };
}

export interface ReportQuestion {
  question: string;
  /** null: the assessor's judgement, left for them to circle. */
  answer: "Yes" | "No" | null;
  note: string;
}

export interface AssessmentReport {
  candidateName: string;
  assessorName: string;
  qualification: string;
  unit: { id: string; title: string };
  questions: ReportQuestion[];
  comments: Array<{ ref: string; on: string; outcome: string; comment: string }>;
  evidence: Array<{ ref: string; title: string; status: string; method: string; authenticated: boolean }>;
  outcome: string;
  date: string | null;
}

const METHODS: Record<string, string> = {
  observation: "Direct observation",
  witness_testimony: "Witness testimony",
  professional_discussion: "Professional discussion",
  oral_questioning: "Oral questioning",
  work_product: "Work product",
  personal_statement: "Personal statement",
};

const isAuthenticated = (e: EvidenceRecord) =>
  e.method === "observation" || e.witnessRequests.some((w) => w.status === "given");

const listIds = (ids: string[]) =>
  ids.length > 8 ? `${ids.slice(0, 8).join(", ")} and ${ids.length - 8} more` : ids.join(", ");

/** The assessment report of 004 for one unit: the yes/no questions answered from coverage where the records can. */
export function buildAssessmentReport(
  records: CandidateRecords,
  unitId: string,
  catalogue: Catalogue,
): AssessmentReport {
  const unit = unitCoverageOf(records, unitId);
  const enrolment = records.enrolments.find((e) => e.unitIds.includes(unitId));
  const evidence = evidenceForUnit(records, unitId);
  const notAssessed = (items: UnitCoverage["criteria"]) =>
    items.filter((i) => i.state !== "assessed").map((i) => i.id);
  const missing = (items: UnitCoverage["criteria"]) =>
    items.filter((i) => i.state === "missing").map((i) => i.id);
  const skillsOpen = unit ? [...notAssessed(unit.criteria), ...notAssessed(unit.ranges)] : [];
  const knowledgeOpen = unit ? notAssessed(unit.knowledge) : [];
  const missingAll = unit
    ? [...missing(unit.criteria), ...missing(unit.knowledge), ...missing(unit.ranges)]
    : [];
  const assessed = evidence.filter((e) => e.status === "assessed" || e.status === "sampled");
  const unauthenticated = assessed.filter((e) => !isAuthenticated(e)).map((e) => e.ref);
  const known = unit?.standardsKnown ?? false;
  const yesNo = (b: boolean) => (b ? "Yes" : "No");
  const questions: ReportQuestion[] = [
    {
      question: "Are more skills and techniques evidence required?",
      answer: known ? yesNo(skillsOpen.length > 0) : null,
      note: skillsOpen.length ? `Not yet assessed: ${listIds(skillsOpen)}` : "",
    },
    {
      question: "Is more knowledge evidence required?",
      answer: known ? yesNo(knowledgeOpen.length > 0) : null,
      note: knowledgeOpen.length ? `Not yet assessed: ${listIds(knowledgeOpen)}` : "",
    },
    {
      question: "Is more portfolio evidence required?",
      answer: known ? yesNo(missingAll.length > 0) : null,
      note: missingAll.length ? `No evidence yet for: ${listIds(missingAll)}` : "",
    },
    {
      question: "Have all the skills and techniques/competencies been met?",
      answer: known ? yesNo(skillsOpen.length === 0) : null,
      note: "",
    },
    {
      question: "Have the knowledge and understanding requirements been met?",
      answer: known ? yesNo(knowledgeOpen.length === 0) : null,
      note: "",
    },
    {
      question: "Is the portfolio evidence valid, sufficient, current and authentic?",
      answer: null,
      note: "The assessor's judgement: circle one.",
    },
    {
      question: "Has the evidence been properly authenticated?",
      answer: assessed.length ? yesNo(unauthenticated.length === 0) : null,
      note: unauthenticated.length
        ? `No witness testimony or observation for ${listIds(unauthenticated)}`
        : assessed.length
          ? "Every assessed piece has witness testimony or was observed."
          : "Nothing assessed yet.",
    },
  ];
  const comments: AssessmentReport["comments"] = evidence.flatMap((e) =>
    e.decisions
      .filter((d) => d.comment.trim())
      .map((d) => ({ ref: e.ref, on: formatDay(d.at), outcome: d.outcome as string, comment: d.comment })),
  );
  for (const e of evidence)
    for (const c of e.claims)
      if (c.unitId === unitId && c.decision === "rejected" && c.comment)
        comments.push({ ref: e.ref, on: "", outcome: `rejected ${c.targetId}`, comment: c.comment });
  const complete = unit?.complete ?? false;
  const signOff = buildSignOff(records, unitId);
  const qualification = enrolment
    ? (catalogue.qualifications.find((q) => q.id === enrolment.qualificationId)?.title ??
      enrolment.qualificationId)
    : "";
  return {
    candidateName: records.candidate.name,
    assessorName: signOff.assessorName,
    qualification,
    unit: { id: unitId, title: unit?.title ?? catalogue.unit(unitId)?.title ?? "" },
    questions,
    comments,
    evidence: evidence.map((e) => ({
      ref: e.ref,
      title: e.title,
      status: e.status,
      method: METHODS[e.method] ?? e.method,
      authenticated: isAuthenticated(e),
    })),
    outcome: !known
      ? "Not yet competent: the standards of this unit are not in the catalogue, so the assessor judges it by hand."
      : complete
        ? "Competent: every criterion, knowledge item and range is assessed."
        : `Not yet competent: ${skillsOpen.length + knowledgeOpen.length} item${skillsOpen.length + knowledgeOpen.length === 1 ? "" : "s"} still to assess.`,
    date: signOff.dateCompleted,
  };
}
