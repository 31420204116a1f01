// Use case: an internal verifier's view of assessed evidence in their centre, by unit and assessor, with sample rates.
import { AppError } from "../core/errors.ts";
import type { EvidenceHeader } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";
import { loadActor } from "./load.ts";

export interface SampleRate {
  unitId: string;
  assessorId: string | null;
  assessorName: string;
  /** Pieces of assessed evidence (sampled or not) that count towards the unit. */
  assessed: number;
  sampled: number;
  /** sampled ÷ assessed, 0–1. */
  rate: number;
}

export interface SampleCandidate {
  evidenceId: string;
  ref: string;
  title: string;
  candidateId: string;
  candidateName: string;
  assessorName: string;
  units: string[];
  status: "assessed" | "sampled";
  updatedAt: string;
}

export interface SamplingOverview {
  rates: SampleRate[];
  /** Assessed evidence matching the filters, not yet sampled, oldest first (at most `limit`). */
  toSample: SampleCandidate[];
  /** How many match before the limit. */
  toSampleTotal: number;
  assessors: Array<{ id: string; name: string }>;
  units: string[];
  overall: { assessed: number; sampled: number; rate: number };
}

const byId = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

export async function samplingOverview(
  ctx: PortfolioContext,
  input: { actorId: string; unitId?: string; assessorId?: string; limit?: number },
): Promise<SamplingOverview> {
  // load and authorise: internal verifiers sample in their own centre only
  const actor = await loadActor(ctx, input.actorId);
  if (!actor.roles.includes("internal_verifier"))
    throw new AppError(
      "not_found",
      "There is no sampling for you to do: only internal verifiers sample evidence.",
    );
  const people = await ctx.store.people.inCentre(actor.centreId);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const candidates = people.filter((p) => p.roles.includes("candidate") && !p.erased);
  const enrolments = (
    await Promise.all(candidates.map((c) => ctx.store.enrolments.ofCandidate(c.id)))
  ).flat();
  const headers = await ctx.store.evidence.headersOf(
    enrolments.map((e) => e.id),
    ["assessed", "sampled"],
  );
  // the units each piece counts towards: its claims the assessor did not reject
  const units = new Map<string, Set<string>>();
  for (const e of enrolments)
    for (const claim of await ctx.store.evidence.coverageClaims(e.id)) {
      if (claim.decision === "rejected") continue;
      const key = `${e.candidateId}:${claim.evidenceRef}`;
      const set = units.get(key) ?? new Set<string>();
      units.set(key, set);
      set.add(claim.unitId);
    }
  const unitsOf = (h: EvidenceHeader) => [...(units.get(`${h.candidateId}:${h.ref}`) ?? [])].sort(byId);

  const table = new Map<string, SampleRate>();
  for (const h of headers)
    for (const unitId of unitsOf(h)) {
      const key = `${unitId}\u0000${h.assessorId ?? ""}`;
      const row = table.get(key) ?? {
        unitId,
        assessorId: h.assessorId,
        assessorName: h.assessorId ? (names.get(h.assessorId) ?? "Unknown assessor") : "No assessor",
        assessed: 0,
        sampled: 0,
        rate: 0,
      };
      table.set(key, row);
      row.assessed++;
      if (h.status === "sampled") row.sampled++;
    }
  const rates = [...table.values()]
    .map((r) => ({ ...r, rate: r.assessed ? r.sampled / r.assessed : 0 }))
    .sort((a, b) => byId(a.unitId, b.unitId) || a.assessorName.localeCompare(b.assessorName));

  const matching = headers.filter(
    (h) =>
      h.status === "assessed" &&
      (!input.unitId || unitsOf(h).includes(input.unitId)) &&
      (!input.assessorId || h.assessorId === input.assessorId),
  );
  const limit = input.limit ?? 50;
  const toSample: SampleCandidate[] = [];
  for (const h of matching.slice(0, limit)) {
    const record = await ctx.store.evidence.byId(h.id);
    toSample.push({
      evidenceId: h.id,
      ref: h.ref,
      title: record?.title ?? "",
      candidateId: h.candidateId,
      candidateName: names.get(h.candidateId) ?? "Unknown candidate",
      assessorName: h.assessorId ? (names.get(h.assessorId) ?? "Unknown assessor") : "No assessor",
      units: unitsOf(h),
      status: "assessed",
      updatedAt: record?.updatedAt ?? "",
    });
  }
  const sampled = headers.filter((h) => h.status === "sampled").length;
  return {
    rates,
    toSample,
    toSampleTotal: matching.length,
    assessors: [
      ...new Map(
        rates.filter((r) => r.assessorId).map((r) => [r.assessorId as string, r.assessorName]),
      ).entries(),
    ].map(([id, name]) => ({ id, name })),
    units: [...new Set(rates.map((r) => r.unitId))].sort(byId),
    overall: { assessed: headers.length, sampled, rate: headers.length ? sampled / headers.length : 0 },
  };
}
