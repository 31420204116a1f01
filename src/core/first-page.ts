// A person's first page: a candidate's portfolio, an assessor's queue, a verifier's sampling (the bot's links, the Teams tab).
import type { PersonRecord } from "./types.ts";

export function firstPage(person: Pick<PersonRecord, "id" | "roles">): string {
  if (person.roles.includes("candidate")) return `/pages/candidates/${encodeURIComponent(person.id)}`;
  if (person.roles.includes("assessor")) return "/pages/queue";
  if (person.roles.includes("internal_verifier")) return "/pages/verify";
  return "/pages";
}
