// Use case: one unit of a candidate's portfolio as the unit recording form's matrix (criteria × knowledge × ranges).
import { AppError } from "../core/errors.ts";
import type { CoverageClaim, EvidenceMethod } from "../core/types.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import type { CoverageState, Tally } from "./coverage.ts";
import { shortRangeId } from "./gaps.ts";
import { getProgress } from "./get-progress.ts";

/** Evidence references covering a cell, and how far they got. */
export interface MatrixCell {
  state: CoverageState;
  refs: string[];
  /** The refs among `refs` accepted on assessed evidence (the others are claimed, awaiting assessment). */
  done: string[];
}

/** A knowledge letter (U/K a–o) or an evidence-requirement range (ER4 b) column of the form. */
export interface MatrixColumn {
  id: string;
  kind: "knowledge" | "range";
  /** "a" for 205.K.a; "ER4b" for 205.ER4.b. */
  label: string;
  /** The requirement a range belongs to, e.g. "ER4"; undefined for knowledge. */
  requirement?: string;
  text: string;
  /** The column's own coverage, whatever criterion it came with. */
  own: MatrixCell;
}

export interface MatrixRow {
  id: string;
  elementId: string;
  elementTitle: string;
  text: string;
  /** The criterion's own coverage: its location refs. */
  own: MatrixCell;
  /** Evidence that covers the criterion together with each column, in column order. */
  cells: MatrixCell[];
}

export interface PersonName {
  id: string;
  name: string;
}

export interface RecordingForm {
  candidate: PersonName & { email: string };
  enrolmentId: string;
  qualificationId: string;
  level: number;
  unit: { id: string; title: string; icsUnit: number | null; standardsKnown: boolean };
  assessor: PersonName | null;
  verifier: PersonName | null;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  tally: { criteria: Tally; knowledge: Tally; ranges: Tally };
  complete: boolean;
  /** The gap lines of this unit, in plain words. */
  gaps: string[];
  /** Refs of evidence referred back: waiting for the candidate to change and resubmit it, not for the assessor. */
  referred: string[];
  /** Each location ref on the form with how it was gathered (observation, discussion, the candidate's account…). */
  evidence: Array<{ ref: string; method: EvidenceMethod }>;
}

export interface RecordingFormInput {
  actor: Actor;
  candidateId: string;
  unitId: string;
}

const byRef = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** target → evidence ref → whether the claim is accepted on assessed evidence. */
function indexByTarget(claims: readonly CoverageClaim[]) {
  const index = new Map<string, Map<string, boolean>>();
  for (const c of claims) {
    if (c.decision === "rejected" || c.evidenceStatus === "draft" || c.evidenceStatus === "discarded")
      continue;
    const done =
      c.decision === "accepted" && (c.evidenceStatus === "assessed" || c.evidenceStatus === "sampled");
    const refs = index.get(c.targetId) ?? new Map<string, boolean>();
    index.set(c.targetId, refs);
    refs.set(c.evidenceRef, (refs.get(c.evidenceRef) ?? false) || done);
  }
  return index;
}

/** Evidence claiming both a criterion and a column: assessed when both are accepted on assessed evidence. */
function crossCell(row?: Map<string, boolean>, column?: Map<string, boolean>): MatrixCell {
  if (!row || !column) return { state: "missing", refs: [], done: [] };
  const [small, large] = row.size <= column.size ? [row, column] : [column, row];
  const refs: string[] = [];
  const done: string[] = [];
  for (const [ref, ok] of small) {
    const other = large.get(ref);
    if (other === undefined) continue;
    refs.push(ref);
    if (ok && other) done.push(ref);
  }
  return cell(refs, done);
}

/** A target's own cell: every ref claiming it. */
const ownCell = (refs?: Map<string, boolean>): MatrixCell =>
  refs
    ? cell(
        [...refs.keys()],
        [...refs.entries()].filter(([, ok]) => ok).map(([ref]) => ref),
      )
    : { state: "missing", refs: [], done: [] };

function cell(refs: string[], done: string[]): MatrixCell {
  if (!refs.length) return { state: "missing", refs: [], done: [] };
  return { state: done.length ? "assessed" : "claimed", refs: refs.sort(byRef), done: done.sort(byRef) };
}

/** The refs the form shows (claims not rejected, on filed evidence) with their methods, in ref order. */
function methodsByRef(claims: readonly CoverageClaim[]): RecordingForm["evidence"] {
  const out = new Map<string, EvidenceMethod>();
  for (const c of claims)
    if (c.decision !== "rejected" && c.evidenceStatus !== "draft" && c.evidenceStatus !== "discarded")
      out.set(c.evidenceRef, c.evidenceMethod ?? "personal_statement");
  return [...out.entries()].sort(([a], [b]) => byRef(a, b)).map(([ref, method]) => ({ ref, method }));
}

/** The context with the enrolment's claims read once per call: progress and the matrix both need them. */
function withClaimsReadOnce(ctx: PortfolioContext): PortfolioContext {
  const read = new Map<string, Promise<CoverageClaim[]>>();
  const repository = ctx.store.evidence;
  const evidence = Object.create(repository, {
    coverageClaims: {
      value: (enrolmentId: string) => {
        const claims = read.get(enrolmentId) ?? repository.coverageClaims(enrolmentId);
        read.set(enrolmentId, claims);
        return claims;
      },
    },
  }) as typeof repository;
  return { ...ctx, store: { ...ctx.store, evidence } };
}

export async function getRecordingForm(
  context: PortfolioContext,
  input: RecordingFormInput,
): Promise<RecordingForm> {
  const ctx = withClaimsReadOnce(context);
  // load and authorise: the same people as progress (getProgress answers "not found" to anyone else)
  const coverage = await getProgress(ctx, { actor: input.actor, candidateId: input.candidateId });
  const enrolmentCoverage = coverage.find((c) => c.units.some((u) => u.unitId === input.unitId));
  const unitCoverage = enrolmentCoverage?.units.find((u) => u.unitId === input.unitId);
  if (!enrolmentCoverage || !unitCoverage)
    throw new AppError(
      "not_found",
      `Unit ${input.unitId} is not on this candidate's plan. Open their portfolio to see the units they are taking.`,
    );
  const [enrolment, claims] = await Promise.all([
    ctx.store.enrolments.byId(enrolmentCoverage.enrolmentId),
    ctx.store.evidence.coverageClaims(enrolmentCoverage.enrolmentId),
  ]);
  const people = await ctx.store.people.byIds(
    [input.candidateId, enrolment?.assessorId, enrolment?.internalVerifierId].filter(
      (id): id is string => typeof id === "string",
    ),
  );
  const person = (id: string | null | undefined) => {
    const p = id ? people.find((x) => x.id === id) : undefined;
    return p ? { id: p.id, name: p.name } : null;
  };
  const candidate = people.find((p) => p.id === input.candidateId);
  const unit = ctx.catalogue.unit(input.unitId);

  // compute: the columns and rows of the paper form, each cell from the claims
  const index = indexByTarget(claims.filter((c) => c.unitId === input.unitId));
  const own = (item: { id: string }): MatrixCell => ownCell(index.get(item.id));
  const columns: MatrixColumn[] = [
    ...unitCoverage.knowledge.map((k) => ({
      id: k.id,
      kind: "knowledge" as const,
      label: k.id.replace(/^.*\.K\./, ""),
      text: k.text,
      own: own(k),
    })),
    ...unitCoverage.ranges.map((r) => ({
      id: r.id,
      kind: "range" as const,
      label: shortRangeId(r.id),
      requirement: r.requirementId.replace(/^.*\./, ""),
      text: r.text,
      own: own(r),
    })),
  ];
  const elementOf = new Map(
    (unit?.elements ?? []).flatMap((e) =>
      e.criteria.map((c) => [c.id, { id: e.id, title: e.title }] as const),
    ),
  );
  const rows: MatrixRow[] = unitCoverage.criteria.map((c) => ({
    id: c.id,
    elementId: elementOf.get(c.id)?.id ?? "",
    elementTitle: elementOf.get(c.id)?.title ?? "",
    text: c.text,
    own: own(c),
    cells: columns.map((col) => crossCell(index.get(c.id), index.get(col.id))),
  }));
  return {
    candidate: {
      id: input.candidateId,
      name: candidate?.name ?? "Unknown candidate",
      email: candidate?.email ?? "",
    },
    enrolmentId: enrolmentCoverage.enrolmentId,
    qualificationId: enrolmentCoverage.qualificationId,
    level: enrolmentCoverage.level,
    unit: {
      id: unitCoverage.unitId,
      title: unitCoverage.title,
      icsUnit: unit?.icsUnit ?? null,
      standardsKnown: unitCoverage.standardsKnown,
    },
    assessor: person(enrolment?.assessorId),
    verifier: person(enrolment?.internalVerifierId),
    columns,
    rows,
    tally: unitCoverage.tally,
    complete: unitCoverage.complete,
    gaps: enrolmentCoverage.gaps.filter((g) => g.startsWith(`${input.unitId}:`)),
    referred: [
      ...new Set(claims.filter((c) => c.evidenceStatus === "referred").map((c) => c.evidenceRef)),
    ].sort(byRef),
    evidence: methodsByRef(claims.filter((c) => c.unitId === input.unitId)),
  };
}
