// Use case: a candidate's whole portfolio as one JSON document: person, enrolments, coverage, every evidence version, trail.
import type { AuditRecord, ChatIdentityRecord, EnrolmentRecord, EvidenceRecord } from "../core/types.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { type Coverage, computeCoverage } from "./coverage.ts";
import { personNotFound } from "./errors.ts";
import { loadActor } from "./load.ts";
import { isCentreAdmin } from "./permissions.ts";

export interface PortfolioExport {
  format: "shiftnote.portfolio/1";
  exportedAt: string;
  person: {
    id: string;
    name: string;
    email: string;
    jobTitle: string | null;
    erased: boolean;
    identities: ChatIdentityRecord[];
  };
  enrolments: Array<EnrolmentRecord & { coverage: Coverage }>;
  evidence: Array<
    EvidenceRecord & {
      versions: Array<{ number: number; text: string; authorId: string | null; at: string }>;
    }
  >;
  /** Everything recorded about the person and their evidence, oldest first. */
  audit: AuditRecord[];
}

/** The candidate themselves, an admin of their centre, or the command line may export. */
export async function exportPortfolio(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string },
): Promise<PortfolioExport> {
  // load and authorise
  const person = await ctx.store.people.byId(input.candidateId);
  if (!person) throw personNotFound("that candidate");
  if ("personId" in input.actor) {
    const actor = await loadActor(ctx, input.actor.personId);
    if (actor.id !== person.id && !isCentreAdmin(actor, person.centreId))
      throw personNotFound("that candidate");
  }
  // gather (read only: nothing changes, so no transaction or audit event)
  const [identities, enrolments, evidence] = await Promise.all([
    ctx.store.people.identitiesOf(person.id),
    ctx.store.enrolments.ofCandidate(person.id),
    ctx.store.evidence.ofCandidate(person.id),
  ]);
  const versions = await ctx.store.evidence.versions(evidence.map((e) => e.id));
  const withCoverage = [];
  for (const enrolment of enrolments)
    withCoverage.push({
      ...enrolment,
      coverage: computeCoverage(
        ctx.catalogue,
        enrolment,
        await ctx.store.evidence.coverageClaims(enrolment.id),
      ),
    });
  const audit = [...(await ctx.store.audit.involving(person.id))];
  for (const e of evidence) audit.push(...(await ctx.store.audit.forEntity("evidence", e.id)));
  for (const e of enrolments) audit.push(...(await ctx.store.audit.forEntity("enrolment", e.id)));
  audit.sort((a, b) => a.at.localeCompare(b.at));
  const seen = new Set<string>();
  return {
    format: "shiftnote.portfolio/1",
    exportedAt: ctx.now().toISOString(),
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      jobTitle: person.jobTitle,
      erased: person.erased,
      identities,
    },
    enrolments: withCoverage,
    evidence: evidence.map((e) => ({
      ...e,
      versions: versions.filter((v) => v.evidenceId === e.id).map(({ evidenceId: _, ...v }) => v),
    })),
    audit: audit.filter((a) => {
      const key = JSON.stringify(a);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}
