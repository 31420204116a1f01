// What a person does in chat, as portfolio operations: who is speaking, filing an account, asking a witness, card actions.
import type { Channel, EvidenceRecord, PersonRecord } from "../core/types.ts";
import { checkPrivacy, placeholderFor } from "../mapping/privacy.ts";
import { type MapOptions, type MappingResult, type PersonalDataSpan, shownResult } from "../mapping/types.ts";
import { suggestionsToClaims } from "./claims.ts";
import type { PortfolioContext } from "./context.ts";
import { checkAccountLength, chooseEnrolment, createDraft } from "./create-draft.ts";
import { editEvidence } from "./edit-evidence.ts";
import { linkIdentity } from "./link-identity.ts";
import { listWork } from "./list-work.ts";
import { requestWitness } from "./request-witness.ts";
import { resubmitEvidence } from "./resubmit-evidence.ts";
import { submitEvidence } from "./submit-evidence.ts";
import { type EvidenceView, viewEvidence } from "./view-evidence.ts";

/** The mapper the portfolio is given: text and the candidate's level and units in, ranked suggestions out. */
export type Mapper = (text: string, options: MapOptions) => MappingResult | Promise<MappingResult>;

/** A chat user as the channel knows them. */
export interface ChatUser {
  channel: Channel;
  userId: string;
  email?: string | undefined;
}

/**
 * Finds the person behind a chat user. On the first message from a platform that gives an email, the user
 * is linked to the person with that email (an audited change); someone the centre has not added is not
 * stored at all.
 */
export async function identify(ctx: PortfolioContext, user: ChatUser): Promise<PersonRecord | null> {
  const linked = await ctx.store.people.byChatIdentity(user.channel, user.userId);
  if (linked && !linked.erased) return linked;
  const email = user.email?.trim().toLowerCase();
  if (!email) return null;
  const person = await ctx.store.people.byEmail(email);
  if (!person || person.erased) return null;
  // The web playground speaks as a person by email; there is nothing to link.
  if (user.channel === "web") return person;
  await linkIdentity(ctx, {
    actor: { system: "bot" },
    personId: person.id,
    channel: user.channel,
    externalId: user.userId,
  });
  return person;
}

/** A draft as a card shows it: what was just written, or the stored draft when a retried message is answered. */
export type FiledDraft = Pick<
  EvidenceView,
  "id" | "version" | "ref" | "text" | "source" | "transcriptionEngine"
> & {
  activeClaims: ReadonlyArray<
    Pick<EvidenceView["activeClaims"][number], "kind" | "targetId" | "unitId" | "support">
  >;
};

export type FiledAccount =
  | { kind: "not_candidate"; witness: boolean }
  | { kind: "not_enrolled" }
  | { kind: "not_evidence"; reason: string | undefined }
  | {
      kind: "drafted";
      draft: FiledDraft;
      privacy: PersonalDataSpan[];
      mapper: { name: string; fallbackReason?: string | undefined };
    };

/** A candidate's account: checked, mapped on their enrolment's level and units, and filed as a draft. */
export async function fileAccount(
  ctx: PortfolioContext,
  mapper: Mapper,
  input: {
    person: PersonRecord;
    text: string;
    eventId: string;
    voice?: { engine: string; audioPath?: string } | undefined;
  },
): Promise<FiledAccount> {
  const { person, text, voice } = input;
  checkAccountLength(text);
  if (!person.roles.includes("candidate"))
    return { kind: "not_candidate", witness: person.roles.includes("witness") };
  const enrolment = chooseEnrolment(await ctx.store.enrolments.ofCandidate(person.id));
  if (!enrolment) return { kind: "not_enrolled" };
  const mapped = await mapper(text, { level: enrolment.level, units: enrolment.unitIds });
  if (!mapped.isEvidence) return { kind: "not_evidence", reason: mapped.reason };
  const draft = await createDraft(ctx, {
    candidateId: person.id,
    enrolmentId: enrolment.id,
    text,
    source: voice ? "voice" : "typed",
    // The mapper ranks many criteria (its recall is measured at 10); the draft files only those it shows.
    mapped: shownResult(mapped),
    ...(voice?.engine ? { transcriptionEngine: voice.engine } : {}),
    ...(voice?.audioPath ? { audioPath: voice.audioPath } : {}),
    eventId: input.eventId,
  });
  // The card is made from what was just written; only a retried message reads the stored draft.
  const filed: FiledDraft = draft.created
    ? { ...draft, ...draft.created, activeClaims: draft.created.claims }
    : await viewEvidence(ctx, { actorId: person.id, evidenceId: draft.id });
  const used = { name: mapped.mapper, fallbackReason: mapped.fallbackReason };
  return { kind: "drafted", draft: filed, privacy: mapped.privacy.found, mapper: used };
}

/** Evidence records with the names of their candidates and assessors, for the queue and sampling lists. */
export async function withNames(
  ctx: PortfolioContext,
  ids: readonly string[],
): Promise<{ records: EvidenceRecord[]; names: Record<string, string> }> {
  const found = await Promise.all(ids.map((id) => ctx.store.evidence.byId(id)));
  const list = found.filter((r): r is EvidenceRecord => r !== null);
  const people = await ctx.store.people.byIds([
    ...new Set(list.flatMap((r) => [r.candidateId, ...(r.assessorId ? [r.assessorId] : [])])),
  ]);
  return { records: list, names: Object.fromEntries(people.map((p) => [p.id, p.name])) };
}

/** Finds the person meant by a name, an email or a chat mention, among the person's centre. */
export async function findColleague(
  ctx: PortfolioContext,
  person: PersonRecord,
  who: string,
  mention?: ChatUser,
): Promise<PersonRecord | undefined> {
  if (mention) {
    const byChat = await ctx.store.people.byChatIdentity(mention.channel, mention.userId);
    if (byChat && byChat.centreId === person.centreId) return byChat;
    const byEmail = mention.email ? await ctx.store.people.byEmail(mention.email.toLowerCase()) : null;
    if (byEmail && !byEmail.erased && byEmail.centreId === person.centreId) return byEmail;
  }
  const people = (await ctx.store.people.inCentre(person.centreId)).filter((p) => !p.erased);
  const wanted = who.toLowerCase();
  return (
    people.find((p) => p.email.toLowerCase() === wanted) ??
    people.find((p) => p.name.toLowerCase() === wanted) ??
    people.find((p) => p.name.toLowerCase().split(/\s+/)[0] === wanted)
  );
}

export type WitnessAsked =
  | { kind: "unknown_witness" }
  | { kind: "nothing_to_witness" }
  | { kind: "asked"; witness: PersonRecord; ref: string };

/** Asks a colleague to witness the candidate's latest draft or submitted evidence. */
export async function askWitness(
  ctx: PortfolioContext,
  input: { person: PersonRecord; who: string; mention?: ChatUser | undefined; eventId: string },
): Promise<WitnessAsked> {
  const witness = await findColleague(ctx, input.person, input.who, input.mention);
  if (!witness) return { kind: "unknown_witness" };
  const work = await listWork(ctx, { actorId: input.person.id });
  const latest = work.own.filter((e) => e.status === "draft" || e.status === "submitted").at(-1);
  if (!latest) return { kind: "nothing_to_witness" };
  await requestWitness(ctx, {
    actorId: input.person.id,
    evidenceId: latest.id,
    witnessId: witness.id,
    eventId: input.eventId,
  });
  return { kind: "asked", witness, ref: latest.ref };
}

/** Files a draft or a referred piece of evidence, removing the suggestions the candidate unticked first. */
export async function submitChecked(
  ctx: PortfolioContext,
  input: { actorId: string; evidence: EvidenceView; version: number; unticked: string[]; eventId: string },
) {
  const { evidence, eventId } = input;
  const base = { actorId: input.actorId, evidenceId: evidence.id };
  let v = input.version;
  // Two steps, two event ids: a retry of the same tap repeats neither.
  if (input.unticked.length)
    v = (
      await editEvidence(ctx, {
        ...base,
        eventId: `${eventId}:edit`,
        version: v,
        removeClaims: input.unticked,
      })
    ).version;
  return evidence.status === "referred"
    ? resubmitEvidence(ctx, { ...base, eventId: `${eventId}:submit`, version: v })
    : submitEvidence(ctx, { ...base, eventId: `${eventId}:submit`, version: v });
}

/** A new text for a draft: mapped again, keeping the claims the mapper still suggests and adding new ones. */
export async function editText(
  ctx: PortfolioContext,
  mapper: Mapper,
  input: { actorId: string; evidence: EvidenceView; version: number; text: string; eventId: string },
): Promise<{ privacy: PersonalDataSpan[] }> {
  const { evidence } = input;
  const enrolment = await ctx.store.enrolments.byId(evidence.enrolmentId);
  const mapped = await mapper(input.text, { level: enrolment?.level ?? 2, units: enrolment?.unitIds ?? [] });
  const suggested = suggestionsToClaims(shownResult(mapped));
  const keep = new Set(suggested.map((s) => s.id));
  await editEvidence(ctx, {
    actorId: input.actorId,
    evidenceId: evidence.id,
    eventId: input.eventId,
    version: input.version,
    text: input.text,
    removeClaims: evidence.activeClaims.filter((c) => !keep.has(c.targetId)).map((c) => c.targetId),
    addClaims: suggested.filter((s) => !evidence.activeClaims.some((c) => c.targetId === s.id)),
  });
  return { privacy: mapped.privacy.found };
}

/** A copy of the words with the account's details replaced, and whatever else the check finds in it. */
const redactCopy =
  (found: readonly PersonalDataSpan[]) =>
  (text: string): string => {
    let out = text;
    for (const span of [...found].sort((a, b) => b.text.length - a.text.length))
      if (span.text.trim()) out = out.split(span.text).join(placeholderFor(span));
    return checkPrivacy(out).redacted;
  };

/** Replaces the customer's details found in the account with placeholders, as a new version; false when none are left. */
export async function redact(
  ctx: PortfolioContext,
  input: { actorId: string; evidence: EvidenceView; version: number; eventId: string },
): Promise<boolean> {
  const { redacted, found } = checkPrivacy(input.evidence.text);
  if (!found.length) return false;
  await editEvidence(ctx, {
    actorId: input.actorId,
    evidenceId: input.evidence.id,
    eventId: input.eventId,
    version: input.version,
    text: redacted,
  });
  // Every other stored copy of the words goes too: the title, the earlier versions and each claim's quote
  // (what the witness, the assessor, the pages and the exports show).
  await ctx.store.transaction((tx) => tx.evidence.rewriteCopies(input.evidence.id, redactCopy(found)));
  return true;
}
