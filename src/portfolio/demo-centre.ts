// The demo centre: candidates at Levels 1–3, an assessor, a team leader, a verifier, an admin and evidence in every state.
import type { Role } from "../core/types.ts";
import { addPerson } from "./add-person.ts";
import type { PortfolioContext } from "./context.ts";
import { createCentre } from "./create-centre.ts";
import { createDraft } from "./create-draft.ts";
import { enrolCandidate } from "./enrol-candidate.ts";
import { giveTestimony } from "./give-testimony.ts";
import { linkIdentity } from "./link-identity.ts";
import { recordDecision } from "./record-decision.ts";
import { requestWitness } from "./request-witness.ts";
import { sampleEvidence } from "./sample-evidence.ts";
import { submitEvidence } from "./submit-evidence.ts";

export const DEMO_CENTRE = "Shiftnote Demo Centre";
const DEMO = { system: "demo" } as const;

export interface DemoPerson {
  key: string;
  id: string;
  name: string;
  email: string;
  roles: Role[];
  jobTitle?: string;
  /** The user id linked on the web playground channel. */
  webId: string;
  level?: number;
  units?: string[];
}

const PEOPLE: Array<Omit<DemoPerson, "id" | "webId"> & { assessed?: boolean }> = [
  {
    key: "dana",
    name: "Dana Okafor",
    email: "dana.okafor@demo.shiftnote.test",
    roles: ["admin"],
    jobTitle: "Centre manager",
  },
  {
    key: "priya",
    name: "Priya Shah",
    email: "priya.shah@demo.shiftnote.test",
    roles: ["assessor"],
    jobTitle: "Assessor",
  },
  {
    key: "grace",
    name: "Grace Mensah",
    email: "grace.mensah@demo.shiftnote.test",
    roles: ["internal_verifier"],
    jobTitle: "Internal verifier",
  },
  {
    key: "tom",
    name: "Tom Reid",
    email: "tom.reid@demo.shiftnote.test",
    roles: ["witness"],
    jobTitle: "Team leader",
  },
  {
    key: "leo",
    name: "Leo Carter",
    email: "leo.carter@demo.shiftnote.test",
    roles: ["candidate"],
    level: 1,
    units: ["101", "3", "4", "105", "106", "2a"],
  },
  {
    key: "amira",
    name: "Amira Hussain",
    email: "amira.hussain@demo.shiftnote.test",
    roles: ["candidate"],
    level: 2,
    units: ["201", "202", "205", "206", "207", "213", "216"],
  },
  {
    key: "sam",
    name: "Sam Walsh",
    email: "sam.walsh@demo.shiftnote.test",
    roles: ["candidate"],
    level: 3,
    units: ["301", "302", "205", "206", "211", "303", "308", "311"],
  },
];

type Claim = { id: string; support: string };
const c = (id: string, support: string): Claim => ({ id, support });

/** Hand-written accounts with hand-picked claims; `to` is the state the demo leaves them in. */
const EVIDENCE: Array<{
  key: string;
  candidate: string;
  to: "draft" | "submitted" | "referred" | "assessed" | "sampled";
  title: string;
  text: string;
  claims: Claim[];
  witness?: "asked" | "given";
  rejected?: string[];
}> = [
  {
    key: "amira-quiet",
    candidate: "amira",
    to: "draft",
    title: "Quiet Tuesday, new mum with a pushchair",
    text: "Tuesday morning was slow, so I had time to spot a new mum having trouble with a pushchair near the lifts. I offered to give her a hand, took her bags out to the car park for her and told her about our click and collect so she could skip the queue next time.",
    claims: [
      c("205.ER4.c", "Tuesday morning was slow"),
      c("205.1.5", "I had time to spot a new mum having trouble with a pushchair"),
      c("205.1.4", "took her bags out to the car park for her"),
      c("205.ER6.a", "I offered to give her a hand"),
    ],
    witness: "asked",
  },
  {
    key: "amira-christmas",
    candidate: "amira",
    to: "submitted",
    title: "Saturday before Christmas, missing order",
    text: "On the last Saturday before Christmas the queue was out of the door. A lady came to the till upset because her online order had not arrived. I used her name from the order, said I understood how stressful it was and checked the system while Tom opened another till. The parcel was at the depot, so I booked it on the first van and rang her that afternoon to confirm.",
    claims: [
      c("205.2.4", "I used her name from the order"),
      c("205.1.3", "said I understood how stressful it was"),
      c("213.1.1", "A lady came to the till upset because her online order had not arrived"),
      c("213.3.4", "rang her that afternoon to confirm"),
      c("205.ER4.b", "the queue was out of the door"),
      c("205.ER5.b", "upset because her online order had not arrived"),
    ],
    witness: "given",
  },
  {
    key: "amira-refund",
    candidate: "amira",
    to: "referred",
    title: "Faulty kettle refund",
    text: "A man returned a kettle that leaked. I gave him a refund and said sorry.",
    claims: [c("213.2.4", "I gave him a refund"), c("213.3.2", "I gave him a refund")],
  },
  {
    key: "amira-tills",
    candidate: "amira",
    to: "assessed",
    title: "Tills down at lunchtime",
    text: "At lunchtime the card machines went down across the store. I kept the queue informed every few minutes, took names and numbers for people who could not wait, and wrote IOU slips for regulars using our manual procedure. Once the tills worked again I rang everyone on the list.",
    claims: [
      c("206.ER4.d", "the card machines went down across the store"),
      c("201.1.6", "I kept the queue informed every few minutes"),
      c("206.3.1", "took names and numbers for people who could not wait"),
      c("206.ER5.a", "using our manual procedure"),
      c("206.ER7.a", "wrote IOU slips"),
    ],
    rejected: ["206.ER7.a"],
  },
  {
    key: "amira-regular",
    candidate: "amira",
    to: "sampled",
    title: "Mr Jones's usual order",
    text: "Mr Jones comes in every Friday. I greeted him by name, had his usual paper put by, and he told me it made his week that someone remembered.",
    claims: [
      c("205.2.4", "I greeted him by name"),
      c("205.2.1", "I greeted him by name"),
      c("201.1.2", "I greeted him by name"),
      c("205.ER5.a", "he told me it made his week"),
    ],
  },
  {
    key: "leo-questions",
    candidate: "leo",
    to: "submitted",
    title: "Which trains stop at Hebden Bridge",
    text: "A visitor asked which of our trains stop at Hebden Bridge and whether she could use her railcard. I pointed her to the timetable board, explained the off-peak times and where to buy the ticket.",
    claims: [
      c("101.2.2", "I pointed her to the timetable board"),
      c("101.2.1", "explained the off-peak times"),
    ],
  },
  {
    key: "sam-complaint",
    candidate: "sam",
    to: "assessed",
    title: "Handling an angry caller about a delayed repair",
    text: "A caller was angry that his boiler repair had been delayed twice. I let him explain without interrupting, then offered a same-day engineer slot that I had to get my manager to approve, and followed up the next morning.",
    claims: [
      c("205.1.4", "offered a same-day engineer slot"),
      c("205.ER5.b", "A caller was angry"),
      c("205.ER6.a", "offered a same-day engineer slot"),
      c("301.1.11", "I let him explain without interrupting"),
    ],
  },
];

/** Loads the demo centre; safe to run again: what exists is kept, what is missing is added. */
export async function loadDemoCentre(ctx: PortfolioContext): Promise<DemoPerson[]> {
  const centre =
    (await ctx.store.people.centreByName(DEMO_CENTRE)) ??
    (await createCentre(ctx, { actor: DEMO, name: DEMO_CENTRE }));
  const people = new Map<string, DemoPerson>();
  for (const p of PEOPLE) {
    const existing = await ctx.store.people.byEmail(p.email);
    const person =
      existing ??
      (await addPerson(ctx, {
        actor: DEMO,
        centreId: centre.id,
        email: p.email,
        name: p.name,
        roles: p.roles,
        ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}),
      }));
    const webId = `demo-${p.key}`;
    await linkIdentity(ctx, { actor: DEMO, personId: person.id, channel: "web", externalId: webId });
    people.set(p.key, {
      ...p,
      id: person.id,
      name: person.name,
      email: person.email,
      roles: person.roles,
      webId,
    });
  }
  const id = (key: string) => people.get(key)?.id ?? "";
  for (const p of PEOPLE) {
    if (!p.level || !p.units) continue;
    const qualification = ctx.catalogue.qualificationForLevel(p.level);
    if (
      !qualification ||
      (await ctx.store.enrolments.byCandidateAndQualification(id(p.key), qualification.id))
    )
      continue;
    await enrolCandidate(ctx, {
      actor: DEMO,
      candidateId: id(p.key),
      level: p.level,
      unitIds: p.units,
      assessorId: id("priya"),
      internalVerifierId: id("grace"),
    });
  }
  for (const e of EVIDENCE) await fileDemoEvidence(ctx, e, id);
  return [...people.values()];
}

/** Walks one piece of demo evidence to its state; every step has an event id, so a second run changes nothing. */
async function fileDemoEvidence(
  ctx: PortfolioContext,
  e: (typeof EVIDENCE)[number],
  id: (key: string) => string,
) {
  const event = (step: string) => `demo:${e.key}:${step}`;
  const candidateId = id(e.candidate);
  let s = await createDraft(ctx, {
    candidateId,
    text: e.text,
    title: e.title,
    mapped: { criteria: e.claims.map((x) => ({ id: x.id, support: { text: x.support } })) },
    eventId: event("draft"),
  });
  if (e.witness) {
    const { requestId } = await requestWitness(ctx, {
      actorId: candidateId,
      evidenceId: s.id,
      witnessId: id("tom"),
      eventId: event("witness"),
    });
    if (e.witness === "given")
      s = await giveTestimony(ctx, {
        actorId: id("tom"),
        requestId,
        statusCategory: 4,
        relationship: "Her team leader, same shift",
        declaredNoPersonalRelationship: true,
        text: "I was on the next till. Amira stayed calm, used the customer's name and sorted the delivery while the queue was at its longest. She rang the customer back that afternoon as promised.",
        eventId: event("testimony"),
      });
  }
  if (e.to === "draft") return;
  s = await submitEvidence(ctx, {
    actorId: candidateId,
    evidenceId: s.id,
    version: s.version,
    eventId: event("submit"),
  });
  if (e.to === "submitted") return;
  if (e.to === "referred") {
    await recordDecision(ctx, {
      actorId: id("priya"),
      evidenceId: s.id,
      version: s.version,
      outcome: "referred",
      comment: "Tell me which options you considered before the refund, and why you chose it.",
      eventId: event("decide"),
    });
    return;
  }
  s = await recordDecision(ctx, {
    actorId: id("priya"),
    evidenceId: s.id,
    version: s.version,
    outcome: "assessed",
    claims: e.claims.map((x) => ({
      targetId: x.id,
      decision: e.rejected?.includes(x.id) ? "rejected" : "accepted",
      ...(e.rejected?.includes(x.id)
        ? { comment: "IOU slips are not a benefit the customer can measure." }
        : {}),
    })),
    comment: "Clear account; well done.",
    eventId: event("decide"),
  });
  if (e.to === "assessed") return;
  await sampleEvidence(ctx, {
    actorId: id("grace"),
    evidenceId: s.id,
    version: s.version,
    outcome: "agreed",
    comment: "Sampled: decisions consistent with the standards.",
    eventId: event("sample"),
  });
}

/**
 * Microsoft's Agents Playground speaks as its default user (Alex Wilber, `alexw@example.com`, Entra object id
 * `00000000-0000-0000-0000-0000000000020` in the config shipped in @microsoft/m365agentsplayground). When Teams
 * runs anonymously for it, that user is linked to the demo candidate Amira, so the first message is answered.
 */
export const AGENTS_PLAYGROUND_USER = {
  aadObjectId: "00000000-0000-0000-0000-0000000000020",
  name: "Alex Wilber",
  email: "alexw@example.com",
} as const;

/** Links the Agents Playground's default user to Amira Hussain on Teams; safe to run on every start. */
export async function linkAgentsPlaygroundUser(ctx: PortfolioContext): Promise<string | undefined> {
  const amira = PEOPLE.find((p) => p.key === "amira");
  const person = amira ? await ctx.store.people.byEmail(amira.email) : null;
  if (!person || person.erased) return undefined;
  const holder = await ctx.store.people.byChatIdentity("teams", AGENTS_PLAYGROUND_USER.aadObjectId);
  if (holder && holder.id !== person.id) return undefined;
  await linkIdentity(ctx, {
    actor: DEMO,
    personId: person.id,
    channel: "teams",
    externalId: AGENTS_PLAYGROUND_USER.aadObjectId,
  });
  return person.name;
}
