// Use case: an assessor's queue of submitted evidence, oldest first, filtered by candidate and unit.
import type { EvidenceRecord } from "../core/types.ts";
import { unitsOf } from "./candidate-records.ts";
import type { PortfolioContext } from "./context.ts";
import { listWork } from "./list-work.ts";

export interface QueueItem {
  evidenceId: string;
  ref: string;
  title: string;
  candidateId: string;
  candidateName: string;
  units: string[];
  claims: number;
  /** Testimony given / asked. */
  witnesses: { given: number; asked: number };
  version: number;
  /** When it last changed (its submission, for submitted evidence). */
  waitingSince: string;
  /** Resubmitted after a referral. */
  resubmitted: boolean;
}

export interface AssessorQueue {
  items: QueueItem[];
  /** Everything waiting, before the filters: the filters' choices. */
  total: number;
  candidates: Array<{ id: string; name: string }>;
  units: string[];
}

export async function assessorQueue(
  ctx: PortfolioContext,
  input: { actorId: string; candidateId?: string; unitId?: string },
): Promise<AssessorQueue> {
  // load and authorise: listWork gives only evidence of the candidates this assessor is assigned to
  const work = await listWork(ctx, { actorId: input.actorId });
  const records: EvidenceRecord[] = [];
  for (const header of work.toAssess) {
    const record = await ctx.store.evidence.byId(header.id);
    if (record && record.status === "submitted") records.push(record);
  }
  const people = new Map(
    (await ctx.store.people.byIds([...new Set(records.map((r) => r.candidateId))])).map((p) => [
      p.id,
      p.name,
    ]),
  );
  const all = records.map(
    (r): QueueItem => ({
      evidenceId: r.id,
      ref: r.ref,
      title: r.title,
      candidateId: r.candidateId,
      candidateName: people.get(r.candidateId) ?? "Unknown candidate",
      units: unitsOf(r),
      claims: r.claims.filter((c) => c.active).length,
      witnesses: {
        given: r.witnessRequests.filter((w) => w.status === "given").length,
        asked: r.witnessRequests.length,
      },
      version: r.version,
      waitingSince: r.updatedAt,
      resubmitted: r.decisions.some((d) => d.outcome === "referred"),
    }),
  );
  all.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
  const candidates = [...new Map(all.map((i) => [i.candidateId, i.candidateName])).entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const units = [...new Set(all.flatMap((i) => i.units))].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  const items = all.filter(
    (i) =>
      (!input.candidateId || i.candidateId === input.candidateId) &&
      (!input.unitId || i.units.includes(input.unitId)),
  );
  return { items, total: all.length, candidates, units };
}
