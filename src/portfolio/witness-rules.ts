// Witness rules from the standards: status category 1–5, a stated relationship, and no relatives or personal relationships.
import { AppError } from "../core/errors.ts";

/** The five witness status categories of the witness status list (004). */
export const WITNESS_STATUS_CATEGORIES = {
  1: "Occupational expert and A1, A2 / V1, V2 assessor",
  2: "A1, A2 / V1, V2 assessor without occupational experience",
  3: "Occupational expert familiar with the standards",
  4: "Occupational expert not familiar with the standards",
  5: "Non-expert not familiar with the standards",
} as const;

// Words that name a family tie or a significant personal relationship (001, section 7: not acceptable as witnesses).
const PERSONAL =
  /\b(mum|mom|mother|dad|father|parent|step-?(mother|father|son|daughter|brother|sister|parent)|son|daughter|child|brother|sister|sibling|twin|wife|husband|spouse|fianc[eé]e?|boyfriend|girlfriend|civil partner|life partner|domestic partner|grand(mother|father|ma|pa|parent|son|daughter|child)|gran|nan|aunt|auntie|uncle|niece|nephew|cousin|[a-z]+-in-law|relative|family|related)\b/i;

/** True when the stated relationship names a relative or a personal relationship. */
export function isPersonalRelationship(relationship: string): boolean {
  return PERSONAL.test(relationship);
}

export interface TestimonyDeclaration {
  statusCategory: number;
  relationship: string;
  declaredNoPersonalRelationship: boolean;
  text: string;
}

/** Form problems the witness can fix and send again ("bad_input"). */
export function checkTestimonyForm(input: TestimonyDeclaration, maxText: number): void {
  if (!Number.isInteger(input.statusCategory) || input.statusCategory < 1 || input.statusCategory > 5)
    throw new AppError(
      "bad_input",
      `Choose your witness status from 1 to 5: ${Object.entries(WITNESS_STATUS_CATEGORIES)
        .map(([n, label]) => `${n} ${label}`)
        .join("; ")}.`,
    );
  if (!input.relationship.trim())
    throw new AppError(
      "bad_input",
      'Say how you know the candidate at work, for example "team leader" or "colleague".',
    );
  if (!input.text.trim())
    throw new AppError(
      "bad_input",
      "The testimony is empty. Say in your own words what you saw the candidate do.",
    );
  if (input.text.length > maxText)
    throw new AppError("too_large", `The testimony is longer than ${maxText} characters. Please shorten it.`);
}

/** Why this witness must be refused, or undefined when they may testify. */
export function personalRelationshipRefusal(input: TestimonyDeclaration): string | undefined {
  if (!input.declaredNoPersonalRelationship) return "not_declared";
  if (isPersonalRelationship(input.relationship)) return "personal_relationship";
  return undefined;
}
