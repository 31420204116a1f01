// Use case: a centre admin or assessor records an expert witness: position, site, units, experience, knowledge of the standards, CPD.
import { AppError } from "../core/errors.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";
import { type ExpertWitnessView, expertWitnessView } from "./expert-witness-view.ts";
import { loadActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isCentreAdmin } from "./permissions.ts";
import { recordNotFound, requiredText } from "./record-access.ts";

export interface RecordExpertWitnessInput {
  actor: Actor;
  /** The witness: a person of the centre who will sign in to sign their record and statements. */
  personId: string;
  position: string;
  /** Name of assessment site. */
  site: string;
  /** The units they provide evidence for. */
  unitIds: string[];
  /** Years of supervisory, managerial or training experience in those units: 004 asks for at least 2. */
  experienceYears: number;
  experience: string;
  standardsKnowledge: string;
  cpd: string;
  /** Desirable: an assessor unit held or worked towards, or a post responsible for the quality of others' work. */
  assessmentQualification?: string;
}

/** The expert witness record; the witness signs it and the centre confirms it before they attach statements. */
export async function recordExpertWitness(
  ctx: PortfolioContext,
  input: RecordExpertWitnessInput,
): Promise<ExpertWitnessView> {
  // load and authorise: the witness's centre's admins and assessors, or the command line
  const witness = await ctx.store.people.byId(input.personId);
  if (!witness || witness.erased) throw personNotFound("that witness");
  let auditActor: { personId: string } | { label: string } = { label: "" };
  if ("system" in input.actor) auditActor = { label: input.actor.system };
  else {
    const actor = await loadActor(ctx, input.actor.personId);
    const mayRecord =
      actor.centreId === witness.centreId &&
      (isCentreAdmin(actor, witness.centreId) || actor.roles.includes("assessor"));
    if (!mayRecord) throw personNotFound("that witness");
    auditActor = { personId: actor.id };
  }
  // check the status and the requirements of 004
  if (await ctx.store.expertWitnesses.byPerson(witness.centreId, witness.id))
    throw new AppError(
      "conflict",
      `${witness.name} is already recorded as an expert witness of this centre.`,
    );
  const unitIds = [...new Set(input.unitIds.map((u) => u.trim()))];
  if (unitIds.length === 0)
    throw new AppError("bad_input", "Name the units the expert witness provides evidence for.");
  const unknown = unitIds.filter((u) => !ctx.catalogue.unit(u));
  if (unknown.length) throw new AppError("bad_input", `Unit ${unknown.join(", ")} is not in the standards.`);
  if (!Number.isInteger(input.experienceYears) || input.experienceYears < 2)
    throw new AppError(
      "bad_input",
      "An expert witness needs at least 2 years' supervisory, managerial or training experience in the units they give evidence for (City & Guilds).",
    );
  const record = {
    centreId: witness.centreId,
    personId: witness.id,
    position: requiredText(input.position, "The position", 200),
    site: requiredText(input.site, "The name of the assessment site", 200),
    unitIds,
    experienceYears: input.experienceYears,
    experience: requiredText(input.experience, "The experience", 2000),
    standardsKnowledge: requiredText(input.standardsKnowledge, "The knowledge of the standards", 2000),
    cpd: requiredText(input.cpd, "The continuous professional development", 2000),
    assessmentQualification: (input.assessmentQualification ?? "").trim().slice(0, 2000),
    createdById: "personId" in auditActor ? auditActor.personId : witness.id,
  };

  // one transaction: the record, the audit event and the witness asked to sign it
  const recorded = (expertWitnessId: string): PortfolioEvent => ({
    type: "expert_witness.recorded",
    expertWitnessId,
    personId: witness.id,
    centreId: witness.centreId,
  });
  const created = await ctx.store.transaction(async (tx) => {
    const row = await tx.expertWitnesses.create(record);
    await tx.audit.append({
      actor: auditActor,
      action: "expert_witness.recorded",
      entityType: "expert_witness",
      entityId: row.id,
      centreId: witness.centreId,
      data: { personId: witness.id, unitIds, experienceYears: input.experienceYears },
    });
    await tx.outbox.record(told(recorded(row.id), "personId" in auditActor ? auditActor.personId : null));
    return row;
  });

  await notifySafely(ctx.notify, recorded(created.id));
  return expertWitnessView(ctx, created);
}

/** The record, if `actorId` may see it: the witness, and the admins, assessors and verifiers of their centre. */
export async function loadVisibleExpertWitness(ctx: PortfolioContext, actor: Actor, expertWitnessId: string) {
  const record = await ctx.store.expertWitnesses.byId(expertWitnessId);
  if (!record) throw recordNotFound("expert witness");
  if ("system" in actor) return record;
  const person = await loadActor(ctx, actor.personId);
  const staff = ["admin", "assessor", "internal_verifier"].some((r) => person.roles.includes(r as never));
  if (person.id !== record.personId && !(staff && person.centreId === record.centreId))
    throw recordNotFound("expert witness");
  return record;
}
