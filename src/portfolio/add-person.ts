// Use case: an admin adds a person to their centre with one or more roles (candidate, assessor, witness, verifier, admin).
import { AppError } from "../core/errors.ts";
import { type PersonRecord, ROLES, type Role } from "../core/types.ts";
import { isUniqueViolation } from "../store/db.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";

export interface AddPersonInput {
  actor: Actor;
  centreId: string;
  email: string;
  name: string;
  jobTitle?: string;
  roles: Role[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function addPerson(ctx: PortfolioContext, input: AddPersonInput): Promise<PersonRecord> {
  // load and authorise
  const centre = await ctx.store.people.centreById(input.centreId);
  if (!centre)
    throw new AppError(
      "not_found",
      "We can't find that centre. Check its name with `shiftnote admin centres`.",
    );
  const auditActor = await authoriseAdmin(ctx, input.actor, centre.id);
  // check the input
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email))
    throw new AppError("bad_input", `"${input.email}" is not an email address. Check it and try again.`);
  if (!input.name.trim()) throw new AppError("bad_input", "Give the person's name as well as their email.");
  const bad = input.roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || input.roles.length === 0)
    throw new AppError(
      "bad_input",
      `Roles must be one or more of ${ROLES.join(", ")}${bad.length ? ` (got ${bad.join(", ")})` : ""}.`,
    );
  if (await ctx.store.people.byEmail(email))
    throw new AppError("conflict", `Someone with the email ${email} is already in Shiftnote.`);

  // one transaction: the person and the audit event (roles only: no personal data in the trail)
  try {
    return await ctx.store.transaction(async (tx) => {
      const person = await tx.people.createPerson({
        centreId: centre.id,
        email,
        name: input.name.trim(),
        jobTitle: input.jobTitle?.trim() || null,
        roles: input.roles,
      });
      await tx.audit.append({
        actor: auditActor,
        action: "person.added",
        entityType: "person",
        entityId: person.id,
        centreId: centre.id,
        data: { roles: person.roles },
      });
      return person;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `Someone with the email ${email} is already in Shiftnote.`);
    throw error;
  }
}
