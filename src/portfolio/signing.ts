// Signatures as the forms print them: "Confirmed by … on …", with the signer's name, role and channel.
import type { SignatureRecord } from "../core/record-types.ts";
import type { Channel } from "../store/types.ts";
import type { PortfolioContext } from "./context.ts";
import { ukDateTime } from "./london-time.ts";

/** What every signing use case may say about where the person signed. */
export interface SignedVia {
  /** The channel the signed-in person used (Teams, Slack or the web pages); left out by older callers. */
  channel?: Channel;
}

export interface SignatureView extends SignatureRecord {
  name: string;
  /** "Confirmed by Carol Assessor on 02/12/2026 at 10:30" (UK time). */
  line: string;
}

/** "Confirmed by Carol Assessor on 02/12/2026 at 10:30". */
export const confirmedLine = (name: string, signedAt: string) =>
  `Confirmed by ${name} on ${ukDateTime(signedAt)}`;

/** The signatures with the signers' names, oldest first. */
export async function signatureViews(
  ctx: PortfolioContext,
  signatures: readonly SignatureRecord[],
): Promise<SignatureView[]> {
  const people = await ctx.store.people.byIds([...new Set(signatures.map((s) => s.personId))]);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "Unknown person";
  return signatures.map((s) => ({
    ...s,
    name: name(s.personId),
    line: confirmedLine(name(s.personId), s.signedAt),
  }));
}

/** The signature of one kind by one person, if given. */
export const signedBy = <T extends Pick<SignatureRecord, "kind" | "personId">>(
  signatures: readonly T[],
  kind: SignatureRecord["kind"],
  personId: string | null | undefined,
): T | undefined => signatures.find((s) => s.kind === kind && s.personId === personId);

/** The authenticity declaration a candidate makes once per piece of evidence, at submit (City & Guilds). */
export const AUTHENTICITY_DECLARATION =
  "I confirm that this evidence is my own work and a true account of what I did.";
