// Use case: the command line creates a centre (people are then added to it).
import { AppError } from "../core/errors.ts";
import type { CentreRecord } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";

export async function createCentre(
  ctx: PortfolioContext,
  input: { actor: { system: "cli" | "demo" | "bot" }; name: string },
): Promise<CentreRecord> {
  const name = input.name.trim();
  if (!name) throw new AppError("bad_input", 'Give the centre a name, for example "Northgate Stores".');
  if (await ctx.store.people.centreByName(name))
    throw new AppError(
      "conflict",
      `A centre called "${name}" already exists. Choose another name, or add people to it.`,
    );
  return ctx.store.transaction(async (tx) => {
    const centre = await tx.people.createCentre(name);
    await tx.audit.append({
      actor: { label: input.actor.system },
      action: "centre.created",
      entityType: "centre",
      entityId: centre.id,
      centreId: centre.id,
    });
    return centre;
  });
}
