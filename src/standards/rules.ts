// Qualification structure rules: does a unit plan satisfy a qualification as the seeds state it, and if not, why.
import type { Catalogue } from "./catalogue.ts";
import type { Qualification } from "./schema.ts";

export interface RuleOutcome {
  /** "met", "not_met", or "unknown" where the seeds do not state enough to decide. */
  status: "met" | "not_met" | "unknown";
  rule: string;
  detail: string;
}

export interface PlanCheck {
  qualification: Qualification;
  units: string[];
  /** True when every rule the standards state is met and none could not be decided. */
  ok: boolean;
  outcomes: RuleOutcome[];
  /** What the standards leave open about this qualification's structure, in words. */
  unknowns: string[];
}

const known = <T>(value: T | { unknown: true; note: string }): value is T =>
  !(typeof value === "object" && value !== null && "unknown" in value);

const list = (ids: Iterable<string>) => [...ids].join(", ");

/**
 * Checks a unit plan against a level's qualification. Unknown unit ids are reported as broken rules,
 * rules the seeds do not state are reported as unknown rather than guessed.
 */
export function checkUnitPlan(catalogue: Catalogue, level: number, unitIds: string[]): PlanCheck {
  const qualification = catalogue.qualificationForLevel(level);
  if (!qualification) throw new RangeError(`There is no qualification at level ${level} in the catalogue.`);
  const units = [...new Set(unitIds)];
  const outcomes: RuleOutcome[] = [];
  const mandatory = known(qualification.mandatoryUnits) ? qualification.mandatoryUnits : undefined;
  const optional = known(qualification.optionalUnits) ? qualification.optionalUnits : undefined;

  if (units.length !== unitIds.length)
    outcomes.push({
      status: "not_met",
      rule: "no repeats",
      detail: "A unit appears more than once in the plan.",
    });

  const allowed = new Set([...(mandatory ?? []), ...(optional ?? [])]);
  const strangers = units.filter((id) => !allowed.has(id));
  if (mandatory && optional)
    outcomes.push(
      strangers.length
        ? {
            status: "not_met",
            rule: "units belong to the qualification",
            detail: `${list(strangers)} ${strangers.length === 1 ? "is" : "are"} not part of ${qualification.title}.`,
          }
        : { status: "met", rule: "units belong to the qualification", detail: "Every unit belongs to it." },
    );

  const optionalChosen = optional ? units.filter((id) => optional.includes(id)) : [];

  for (const rule of qualification.rules) {
    switch (rule.kind) {
      case "totalUnits":
        outcomes.push({
          status: units.length === rule.count ? "met" : "not_met",
          rule: `${rule.count} units in all`,
          detail: `The plan has ${units.length}.`,
        });
        break;
      case "mandatory": {
        const missing = rule.units.filter((id) => !units.includes(id));
        outcomes.push({
          status: missing.length ? "not_met" : "met",
          rule: `mandatory units ${list(rule.units)}`,
          detail: missing.length ? `Missing ${list(missing)}.` : "All present.",
        });
        break;
      }
      case "chooseFrom": {
        const chosen = units.filter((id) => rule.units.includes(id));
        const ok = chosen.length >= rule.min && chosen.length <= rule.max;
        outcomes.push({
          status: ok ? "met" : "not_met",
          rule: rule.description,
          detail: `${chosen.length} chosen${chosen.length ? ` (${list(chosen)})` : ""}; needs ${rule.min === rule.max ? rule.min : `${rule.min} to ${rule.max}`}.`,
        });
        break;
      }
      case "atLeastOnePerTheme": {
        const pool = rule.among === "optional" ? optionalChosen : units;
        const themeOf = (id: string) => catalogue.unit(id)?.theme ?? null;
        const missing = rule.themes.filter((theme) => !pool.some((id) => themeOf(id) === theme));
        const unplaced = pool.filter((id) => themeOf(id) === null);
        const titles = (ids: string[]) =>
          ids.map((t) => catalogue.themes.find((x) => x.id === t)?.title ?? t);
        outcomes.push({
          status: missing.length ? (unplaced.length ? "unknown" : "not_met") : "met",
          rule: `at least one ${rule.among === "optional" ? "optional " : ""}unit from each theme`,
          detail: missing.length
            ? `No unit from ${list(titles(missing))}${unplaced.length ? `; the theme of ${list(unplaced)} is not stated in the standards` : ""}.`
            : "Every theme is covered.",
        });
        break;
      }
      case "maxFromLevel": {
        const imports = units.filter((id) => catalogue.unit(id)?.level === rule.level);
        outcomes.push({
          status: imports.length <= rule.max ? "met" : "not_met",
          rule: rule.description,
          detail: `${imports.length} Level ${rule.level} unit${imports.length === 1 ? "" : "s"}${imports.length ? ` (${list(imports)})` : ""}.`,
        });
        break;
      }
    }
  }

  const unknowns = [...qualification.unknowns];
  if (!mandatory) unknowns.push("Which units are mandatory is not stated in the standards.");
  const ok = outcomes.every((o) => o.status === "met");
  return { qualification, units, ok, outcomes, unknowns };
}
