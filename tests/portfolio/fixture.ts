// A small centre for use-case tests: a candidate on Level 2, their assessor, witnesses, verifiers and an admin.
import { randomBytes } from "node:crypto";
import type { Role } from "../../src/core/types.ts";
import { addPerson } from "../../src/portfolio/add-person.ts";
import { type PortfolioContext, portfolioContext } from "../../src/portfolio/context.ts";
import { createCentre } from "../../src/portfolio/create-centre.ts";
import { createDraft } from "../../src/portfolio/create-draft.ts";
import { enrolCandidate } from "../../src/portfolio/enrol-candidate.ts";
import type { PortfolioEvent } from "../../src/portfolio/notify.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import type { Store } from "../../src/store/store.ts";

export const CLI = { system: "cli" } as const;

/** A context recording every notification. */
export function testContext(store: Store): PortfolioContext & { events: PortfolioEvent[] } {
  const events: PortfolioEvent[] = [];
  const ctx = portfolioContext(store, loadCatalogue(), { notify: { notify: (e) => void events.push(e) } });
  return Object.assign(ctx, { events });
}

export const ACCOUNT =
  "It was the Saturday before Christmas and the queue was out of the door. A lady came to the till upset because her order had not arrived. I used her name, said I understood and checked the system while my colleague opened another till.";

/** Everyone a test needs, in a fresh centre of their own (so tests sharing a database do not meet). */
export async function seedCentre(ctx: PortfolioContext) {
  const tag = randomBytes(4).toString("hex");
  const centre = await createCentre(ctx, { actor: CLI, name: `Centre ${tag}` });
  const other = await createCentre(ctx, { actor: CLI, name: `Other centre ${tag}` });
  const person = (name: string, roles: Role[], centreId = centre.id) =>
    addPerson(ctx, {
      actor: CLI,
      centreId,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag}@example.test`,
      name,
      roles,
    });
  const candidate = await person("Amira Candidate", ["candidate"]);
  const otherCandidate = await person("Ben Candidate", ["candidate"]);
  const assessor = await person("Carol Assessor", ["assessor"]);
  const otherAssessor = await person("Dev Assessor", ["assessor"]);
  const witness = await person("Erin Teamleader", ["witness"]);
  const bystander = await person("Femi Colleague", ["witness"]);
  const verifier = await person("Gwen Verifier", ["internal_verifier"]);
  const foreignVerifier = await person("Hal Verifier", ["internal_verifier"], other.id);
  const admin = await person("Ida Admin", ["admin"]);
  const foreignAdmin = await person("Jo Admin", ["admin"], other.id);
  const units = ["205", "206", "207", "201", "202", "213", "216"];
  const { enrolment } = await enrolCandidate(ctx, {
    actor: CLI,
    candidateId: candidate.id,
    level: 2,
    unitIds: units,
    assessorId: assessor.id,
    internalVerifierId: verifier.id,
  });
  const { enrolment: otherEnrolment } = await enrolCandidate(ctx, {
    actor: CLI,
    candidateId: otherCandidate.id,
    level: 2,
    unitIds: units,
    assessorId: otherAssessor.id,
  });
  return {
    centre,
    other,
    candidate,
    otherCandidate,
    assessor,
    otherAssessor,
    witness,
    bystander,
    verifier,
    foreignVerifier,
    admin,
    foreignAdmin,
    enrolment,
    otherEnrolment,
  };
}

export type Seed = Awaited<ReturnType<typeof seedCentre>>;

/** A draft with two criteria and two ranges of unit 205, as the mapper might suggest them. */
export function draft(
  ctx: PortfolioContext,
  seed: Seed,
  extra: Partial<Parameters<typeof createDraft>[1]> = {},
) {
  return createDraft(ctx, {
    candidateId: seed.candidate.id,
    text: ACCOUNT,
    mapped: {
      criteria: [
        { id: "205.2.4", support: { text: "I used her name" } },
        { id: "205.1.3", support: { text: "said I understood" } },
      ],
      ranges: [
        { id: "205.ER4.b", support: { text: "the queue was out of the door" } },
        { id: "205.ER5.b", support: { text: "upset because her order had not arrived" } },
      ],
    },
    ...extra,
  });
}
