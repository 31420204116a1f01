// Builds the cards' small view objects from portfolio records: the one place that knows both shapes.
import type {
  ApprovalView,
  CoverageView,
  QueueView,
  SampleListView,
  SampleView,
  SuggestedUnitView,
  SuggestionView,
  TestimonyView,
  WitnessRequestView,
} from "../cards/index.ts";
import type { EvidenceRecord, PersonRecord } from "../core/types.ts";
import type { PersonalDataSpan } from "../mapping/types.ts";
import {
  AUTHENTICITY_DECLARATION,
  type Coverage,
  type EvidenceView,
  type FiledDraft,
  WITNESS_DECLARATION,
  WITNESS_RELATIONSHIPS,
  WITNESS_STATUS_CATEGORIES,
} from "../portfolio/index.ts";
import type { Catalogue } from "../standards/catalogue.ts";

const unitTitle = (catalogue: Catalogue, id: string) => catalogue.unit(id)?.title ?? `Unit ${id}`;

/** The witness status categories, worded as the pages, the forms and the use case's messages word them. */
export function statusCategories() {
  return Object.entries(WITNESS_STATUS_CATEGORIES).map(([category, label]) => ({
    value: category,
    label: `${category}. ${label}`,
  }));
}

function statusCategoryLabel(_catalogue: Catalogue, category: number): string {
  const label = WITNESS_STATUS_CATEGORIES[category as keyof typeof WITNESS_STATUS_CATEGORIES];
  return label ? `${category}. ${label}` : String(category);
}

/** The relationship choice a witness's job title matches ("Team leader" → team_leader), if any. */
function relationshipDefault(jobTitle: string | null | undefined) {
  const title = jobTitle?.trim().toLowerCase();
  if (!title) return undefined;
  return WITNESS_RELATIONSHIPS.find((r) => r.value !== "other" && r.label.toLowerCase() === title)?.value;
}

function testimonies(catalogue: Catalogue, evidence: EvidenceView): TestimonyView[] {
  return evidence.witnessRequests.flatMap((r) =>
    r.testimony
      ? [
          {
            witnessName: evidence.names[r.witnessId] ?? "A witness",
            statusCategory: statusCategoryLabel(catalogue, r.testimony.statusCategory),
            relationship: r.testimony.relationship,
            text: r.testimony.text,
            givenAt: r.testimony.signedAt,
          },
        ]
      : [],
  );
}

const claimText = (catalogue: Catalogue, kind: string, id: string) => {
  if (kind === "criterion") return catalogue.criterion(id)?.criterion.text ?? id;
  if (kind === "knowledge") return catalogue.knowledgeItem(id)?.item.text ?? id;
  const range = catalogue.range(id);
  return range ? range.range.text : id;
};

const unitIdsOf = (record: EvidenceRecord) => [
  ...new Set(record.claims.filter((c) => c.active).map((c) => c.unitId)),
];

/** Which mapper answered, and why the offline one stood when the LLM was asked. */
export interface MapperUsed {
  name: string;
  fallbackReason?: string | undefined;
}

/** The card's line saying which mapper made the suggestions. */
export function mapperWords(used: MapperUsed): string {
  if (used.name === "llm") return "Suggested by the language model (LLM mapper), checked against your units.";
  if (used.fallbackReason && !used.fallbackReason.startsWith("no OpenAI key"))
    return `Suggested by the offline mapper: ${used.fallbackReason}.`;
  return "Suggested by the offline mapper.";
}

const kindsOf = (spans: readonly PersonalDataSpan[]) => [...new Set(spans.map((s) => s.kind))];

/** The candidate's suggestion card: the draft's active claims ticked, grouped by unit. */
export function suggestionView(
  catalogue: Catalogue,
  evidence: (FiledDraft & { status?: EvidenceRecord["status"] }) | EvidenceView,
  extra: { privacy?: readonly PersonalDataSpan[]; voiceEngine?: string; mapper?: MapperUsed } = {},
): SuggestionView {
  const units = new Map<string, SuggestedUnitView>();
  const unit = (id: string) => {
    let u = units.get(id);
    if (!u) {
      u = { unitId: id, title: unitTitle(catalogue, id), criteria: [], ranges: [], knowledge: [] };
      units.set(id, u);
    }
    return u;
  };
  for (const claim of evidence.activeClaims) {
    const base = {
      id: claim.targetId,
      text: claimText(catalogue, claim.kind, claim.targetId),
      support: claim.support,
      selected: true,
    };
    if (claim.kind === "criterion") unit(claim.unitId).criteria.push(base);
    else if (claim.kind === "range") unit(claim.unitId).ranges.push(base);
    else
      unit(claim.unitId).knowledge.push({
        ...base,
        guideSections: (catalogue.knowledgeItem(claim.targetId)?.item.guideSections ?? []).map((s) => ({
          id: s,
          title: catalogue.guideSections.get(s)?.title ?? "",
        })),
      });
  }
  const view: SuggestionView = {
    evidenceId: evidence.id,
    version: evidence.version,
    ref: evidence.ref,
    text: evidence.text,
    units: [...units.values()],
  };
  if (extra.privacy?.length) view.privacy = { kinds: kindsOf(extra.privacy) };
  if (extra.mapper) view.mapper = mapperWords(extra.mapper);
  const referral = referredBack(evidence);
  if (referral) view.referral = referral;
  // a draft's first Submit makes the authenticity declaration; a referred one's resubmission makes none
  if (evidence.status !== "referred") view.declaration = AUTHENTICITY_DECLARATION;
  const engine = extra.voiceEngine ?? evidence.transcriptionEngine;
  if (evidence.source === "voice" && engine) view.voice = { engine };
  return view;
}

/** What the assessor said when they referred the evidence back, for the card the candidate changes it on. */
function referredBack(evidence: FiledDraft | EvidenceView): SuggestionView["referral"] {
  if (!("status" in evidence) || evidence.status !== "referred") return undefined;
  const last = evidence.decisions.at(-1);
  const comment = last?.comment?.trim();
  return {
    byName: (last && evidence.names[last.assessorId]) || "Your assessor",
    ...(comment ? { comment } : {}),
    notAccepted: evidence.activeClaims
      .filter((c) => c.decision === "rejected")
      .map((c) => (c.comment?.trim() ? `${c.targetId}: ${c.comment.trim()}` : c.targetId)),
  };
}

const claimLines = (catalogue: Catalogue, evidence: EvidenceView) =>
  evidence.activeClaims.map((c) => ({
    ref: c.targetId,
    kind: c.kind,
    unitId: c.unitId,
    text: claimText(catalogue, c.kind, c.targetId),
    support: c.support,
  }));

const unitsOf = (catalogue: Catalogue, evidence: EvidenceView) =>
  [...new Set(evidence.activeClaims.map((c) => c.unitId))].map((id) => ({
    unitId: id,
    title: unitTitle(catalogue, id),
  }));

/** When the evidence was last submitted (the store keeps it); its last change only for records from before. */
const submittedAt = (evidence: EvidenceRecord) => evidence.submittedAt ?? evidence.updatedAt;

/** The assessor's card; once decided it shows the outcome and who decided. */
export function approvalView(catalogue: Catalogue, evidence: EvidenceView): ApprovalView {
  const view: ApprovalView = {
    evidenceId: evidence.id,
    version: evidence.version,
    ref: evidence.ref,
    candidateName: evidence.names[evidence.candidateId] ?? "The candidate",
    submittedAt: submittedAt(evidence),
    units: unitsOf(catalogue, evidence),
    text: evidence.text,
    source: evidence.source,
    testimonies: testimonies(catalogue, evidence),
    claims: evidence.activeClaims.map((c) => ({
      claimId: c.id,
      ref: c.targetId,
      kind: c.kind,
      unitId: c.unitId,
      text: claimText(catalogue, c.kind, c.targetId),
      support: c.support,
      decision: c.decision,
      ...(c.comment ? { comment: c.comment } : {}),
    })),
  };
  if (evidence.expertWitness)
    view.expert = {
      line: `Expert witness statement by ${evidence.expertWitness.name}, ${evidence.expertWitness.position}`,
      signed: evidence.expertWitness.signed,
    };
  const last = evidence.decisions.at(-1);
  if (last && evidence.status !== "submitted" && evidence.status !== "draft")
    view.decided = {
      outcome: last.outcome,
      byName: evidence.names[last.assessorId] ?? "the assessor",
      at: last.at,
      ...(last.comment ? { comment: last.comment } : {}),
    };
  return view;
}

/** The witness's card: the account, the claims, and the form (or the answer once given). */
export function witnessRequestView(
  catalogue: Catalogue,
  evidence: EvidenceView,
  witness: PersonRecord,
): WitnessRequestView {
  const request = evidence.witnessRequests.find((r) => r.witnessId === witness.id);
  const view: WitnessRequestView = {
    evidenceId: evidence.id,
    version: evidence.version,
    ref: evidence.ref,
    candidateName: evidence.names[evidence.candidateId] ?? "The candidate",
    text: evidence.text,
    units: unitsOf(catalogue, evidence),
    claims: claimLines(catalogue, evidence),
    statusCategories: statusCategories(),
    relationships: WITNESS_RELATIONSHIPS.map((r) => ({ value: r.value, label: r.label })),
    declaration: WITNESS_DECLARATION,
  };
  const relationship = relationshipDefault(witness.jobTitle);
  if (relationship) view.defaults = { relationship };
  if (request?.status === "given" && request.testimony)
    view.answered = {
      declined: false,
      testimony: {
        witnessName: witness.name,
        statusCategory: statusCategoryLabel(catalogue, request.testimony.statusCategory),
        relationship: request.testimony.relationship,
        text: request.testimony.text,
        givenAt: request.testimony.signedAt,
      },
    };
  else if (request?.status === "refused")
    view.answered = { declined: true, byName: witness.name, at: evidence.updatedAt };
  return view;
}

/** The candidate's progress card from their coverage. */
export function coverageView(
  catalogue: Catalogue,
  candidate: PersonRecord,
  coverage: Coverage,
  waiting: number,
): CoverageView {
  const qualification = catalogue.qualifications.find((q) => q.id === coverage.qualificationId);
  return {
    candidateName: candidate.name,
    ...(qualification ? { qualification: qualification.title } : {}),
    waiting,
    units: coverage.units.map((u) => ({
      unitId: u.unitId,
      title: u.title,
      criteria: {
        total: u.tally.criteria.total,
        assessed: u.tally.criteria.assessed,
        claimed: u.tally.criteria.claimed,
      },
      ranges: {
        total: u.tally.ranges.total,
        assessed: u.tally.ranges.assessed,
        claimed: u.tally.ranges.claimed,
      },
      knowledge: {
        total: u.tally.knowledge.total,
        assessed: u.tally.knowledge.assessed,
        claimed: u.tally.knowledge.claimed,
      },
      next: [
        ...u.ranges
          .filter((r) => r.state === "missing")
          .map((r) => ({ id: r.id, words: catalogue.situations.get(r.situation)?.label ?? r.text })),
        ...u.criteria.filter((c) => c.state === "missing").map((c) => ({ id: c.id, words: c.text })),
      ].slice(0, 4),
      guideSections: [
        ...new Set(u.knowledge.filter((k) => k.state === "missing").flatMap((k) => k.guideSections)),
      ]
        .slice(0, 4)
        .map((id) => ({ id, title: catalogue.guideSections.get(id)?.title ?? "" })),
    })),
  };
}

/** The assessor's queue, oldest first. */
export function queueView(records: readonly EvidenceRecord[], names: Record<string, string>): QueueView {
  const items = [...records]
    .sort((a, b) => submittedAt(a).localeCompare(submittedAt(b)))
    .map((h) => ({
      evidenceId: h.id,
      version: h.version,
      ref: h.ref,
      candidateName: names[h.candidateId] ?? "A candidate",
      submittedAt: submittedAt(h),
      unitIds: unitIdsOf(h),
      hasTestimony: h.witnessRequests.some((r) => r.status === "given"),
    }));
  return { items: items.slice(0, 20), total: items.length };
}

/** The internal verifier's list: assessed evidence grouped by unit and assessor. */
export function sampleListView(
  catalogue: Catalogue,
  records: readonly EvidenceRecord[],
  names: Record<string, string>,
): SampleListView {
  const groups = new Map<string, SampleListView["groups"][number]>();
  for (const h of records) {
    const unitId = unitIdsOf(h)[0] ?? "—";
    const key = `${unitId}|${h.assessorId ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        unitId,
        unitTitle: unitTitle(catalogue, unitId),
        assessorName: (h.assessorId && names[h.assessorId]) || "No assessor",
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push({
      evidenceId: h.id,
      version: h.version,
      ref: h.ref,
      candidateName: names[h.candidateId] ?? "A candidate",
      assessedAt: h.decisions.at(-1)?.at ?? h.updatedAt,
      accepted: h.claims.filter((c) => c.active && c.decision === "accepted").length,
      rejected: h.claims.filter((c) => c.active && c.decision === "rejected").length,
      sampled: h.status === "sampled",
    });
  }
  return { groups: [...groups.values()] };
}

/** The countersigning card for one assessed piece of evidence. */
export function sampleView(catalogue: Catalogue, evidence: EvidenceView): SampleView {
  const approval = approvalView(catalogue, evidence);
  const last = evidence.decisions.at(-1);
  const sample = evidence.samples.at(-1);
  const view: SampleView = {
    evidenceId: evidence.id,
    version: evidence.version,
    ref: evidence.ref,
    candidateName: approval.candidateName,
    assessorName: (last && evidence.names[last.assessorId]) || "the assessor",
    assessedAt: last?.at ?? evidence.updatedAt,
    units: approval.units,
    text: evidence.text,
    testimonies: approval.testimonies,
    claims: approval.claims,
    ...(last?.comment ? { assessorComment: last.comment } : {}),
  };
  if (sample)
    view.countersigned = {
      agreed: sample.outcome === "agreed",
      byName: evidence.names[sample.verifierId] ?? "the internal verifier",
      at: sample.at,
      ...(sample.comment ? { comment: sample.comment } : {}),
    };
  return view;
}
