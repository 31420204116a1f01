// Who did the service acts in a text: the writer, someone else, or someone serving the writer; the not-evidence gate's clause features.

import { type Analysis, analyse, type Token } from "./nlp.ts";
import type { ScorerIndex } from "./scorer-index.ts";

/**
 * The service-act verbs: every verb of the criteria and knowledge items' texts (their first word is the
 * act asked for, "explain", "check", "offer", even where the tagger reads it as a noun), less the verbs
 * that name no act on someone, plus the everyday acts of service the standards word more formally
 * ("refund" for "resolve", "apologise", "sort", "ring" and "phone" for "contact").
 */
const NOT_ACTS = new Set(
  "be have do need make know people ask sign sound look depend contribute endanger offend behave appear dissatisfy benefit incur oppose age understand feel expect happen affect base relate involve mean become want cause cost require fit long vary suit regard accord include indicate benchmarked everything company complicate damage betray disrupt enjoy believe interrupt ignore limit influence go work see say take get let put play form face weigh end begin commence finish lead move set draw rely value".split(
    " ",
  ),
);
const EVERYDAY_ACTS =
  "refund apologise apologize sort ring phone call email reply serve fix replace exchange book reassure thank find fetch bring walk print order chase escalate arrange assist answer advise".split(
    " ",
  );

const actsCache = new WeakMap<ScorerIndex, Set<string>>();

/** The service-act lemmas of the index's catalogue, found once per index. */
export function serviceActs(index: ScorerIndex): Set<string> {
  let acts = actsCache.get(index);
  if (acts) return acts;
  acts = new Set(EVERYDAY_ACTS);
  // One document of every text, a sentence each (one pass of the tagger, not hundreds).
  const texts = index.targets.filter((t) => t.kind !== "situation");
  const joined = texts.map((t) => `${t.text.replace(/[.!?;\n]+/g, " ").trim()}.`).join("\n");
  const { tokens } = analyse(joined);
  let first = true;
  let k = 0;
  for (const t of tokens) {
    if (!t.word) {
      if (t.value === ".") {
        first = true;
        k++;
      }
      continue;
    }
    // A criterion is worded as an instruction: its first word is the act, whatever its tag.
    const act = t.pos === "VERB" || (first && t.pos === "NOUN" && texts[k]?.kind === "criterion");
    if (act && /^[a-z]+$/.test(t.lemma) && !NOT_ACTS.has(t.lemma)) acts.add(t.lemma);
    first = false;
  }
  actsCache.set(index, acts);
  return acts;
}

type Who = "writer" | "other" | "customer" | "generic" | "nobody" | "thing";

const WRITER = new Set(["i", "we"]);
const WRITER_OBJECT = new Set(["me", "us", "myself", "ourselves"]);
const THIRD = new Set(["he", "she", "they"]);
const PERSON_OBJECT = new Set(["her", "him", "them", "herself", "himself", "themselves"]);
const NOBODY = new Set(["nobody", "noone", "no-one"]);
const CUSTOMERS = new Set(
  "customer client caller guest patient tenant resident passenger visitor shopper diner member buyer user gentleman lady man woman couple family mum dad pensioner student child kid person people parent cust girl guy bloke lad chap husband wife son daughter boy".split(
    " ",
  ),
);
const MALE = new Set("man gentleman dad guy bloke lad chap husband son boy grandad brother".split(" "));
const FEMALE = new Set("woman lady mum girl wife daughter nan gran sister".split(" "));
/** People who serve: when one of them serves "me", the writer is the customer; when one acts, it is not the writer's act. */
const STAFF = new Set(
  "colleague manager boss supervisor leader staff waiter waitress cashier receptionist assistant server barista bartender adviser advisor agent operator driver engineer pharmacist technician clerk attendant porter chef cleaner teammate coworker co-worker employee rep representative worker".split(
    " ",
  ),
);
/** What a customer owns or goes to: "my bank", "my order", "my broadband", "I went to the bank". */
const CUSTOMER_THINGS = new Set(
  "bank broadband internet provider energy insurer insurance landlord doctor gp dentist surgery optician vet mechanic parcel meal reservation appointment refund flight prescription haircut tariff network".split(
    " ",
  ),
);
const VENUES = new Set(
  "bank restaurant cafe café shop supermarket store hairdresser hairdressers barber garage pharmacy chemist hotel cinema pub bar takeaway dentist doctor doctors surgery hospital gym council airport station".split(
    " ",
  ),
);
/** Framing that makes an act not a past event: what will, would, always or usually happen, or what someone wants. */
const FRAMING = new Set(
  "will 'll would 'd shall gonna going always usually normally generally often sometimes should must supposed meant want wanted wish hope hoping try trying if whenever".split(
    " ",
  ),
);
const HARD_STOPS = new Set([".", "!", "?", ";", "\n"]);
const PASSIVE = new Set(["was", "were", "got", "been", "being", "get", "gets"]);
const SAYING = new Set(["apparently", "reportedly", "according", "rumour", "rumours", "news", "gossip"]);
const WATCHING = new Set(["observe", "watch", "witness"]);
/** Acts of talking, which a customer does to the writer as often as the other way round ("she told me"). */
const TALKING = new Set(
  "tell say ask explain describe speak talk answer reply call ring phone email thank question query discuss listen communicate hear read write".split(
    " ",
  ),
);

interface Subject {
  who: Who;
  at: number;
}

const lower = (t: Token | undefined) => t?.value.toLowerCase() ?? "";

function nounWho(t: Token): Who {
  if (CUSTOMERS.has(t.lemma)) return "customer";
  if (STAFF.has(t.lemma)) return "other";
  if (t.pos === "PROPN") return "other";
  return "thing";
}

/** The gate's share features; see `SERVED_FEATURES` for their order. */
export interface Served {
  writerActs: number;
  otherActs: number;
  toWriter: number;
  servedMe: number;
  framed: number;
  writerServes: number;
  writerRate: number;
  customerCues: number;
  hearsay: number;
  witnessing: number;
}

/** Names of the features `servedFeatures` returns, in order (for the model README). */
export const SERVED_FEATURES: ReadonlyArray<keyof Served> = [
  "writerActs",
  "otherActs",
  "toWriter",
  "servedMe",
  "framed",
  "writerServes",
  "writerRate",
  "customerCues",
  "hearsay",
  "witnessing",
];

/** Words per window: a voice transcript has no sentences, so cues and acts are counted in windows of words. */
const WINDOW = 12;
/** An I/we subject carries over this many words at most (across "and then explained"). */
const SUBJECT_REACH = 14;

/**
 * Reads the text clause by clause without relying on punctuation: the subject of each service-act verb
 * (the last nominative word before it, carried across "and"; the object before "to" for "asked him to
 * check"), whether the act is framed as future, habit or wish, who receives it, and cues of the writer as
 * the customer, of hearsay and of a witness who watched the candidate.
 */
export function served(analysis: Analysis, acts: ReadonlySet<string>): Served {
  const tokens = analysis.tokens;
  // Word tokens, with a hard stop marked where a sentence ends.
  const words: Token[] = [];
  const stopBefore: boolean[] = [];
  /** Whether punctuation stands between a word and the one before it ("her hobbies, showed him"). */
  const markBefore: boolean[] = [];
  let pendingStop = false;
  let pendingMark = false;
  for (const t of tokens) {
    if (t.word) {
      words.push(t);
      stopBefore.push(pendingStop);
      markBefore.push(pendingMark);
      pendingStop = false;
      pendingMark = false;
    } else {
      if (HARD_STOPS.has(t.value) || t.value.includes("\n")) pendingStop = true;
      if (t.value.trim()) pendingMark = true;
    }
  }
  const n = words.length;
  const windows = Math.max(1, Math.ceil(n / WINDOW));
  const cueWindows = new Set<number>();
  const hearsayWindows = new Set<number>();
  const witnessWindows = new Set<number>();
  let subject: Subject | undefined;
  let lastPerson: Who | undefined;
  // "he" and "she" go back to the last person they can name ("an old lady fell … he rang for help": the colleague).
  const lastBy: Record<string, Who | undefined> = {};
  let total = 0;
  let writer = 0;
  let other = 0;
  let toWriter = 0;
  let servedMe = 0;
  let framed = 0;
  let writerServes = 0;
  for (let i = 0; i < n; i++) {
    const t = words[i] as Token;
    const v = lower(t);
    const next = lower(words[i + 1]);
    const window = Math.floor(i / WINDOW);
    if (stopBefore[i]) subject = undefined;
    if (subject && i - subject.at > SUBJECT_REACH) subject = undefined;
    // Subjects: nominative pronouns always; a noun or name only when a verb follows it.
    if (WRITER.has(v)) subject = { who: "writer", at: i };
    else if (THIRD.has(v)) {
      const who = v === "they" ? lastPerson : lastBy[v];
      subject = { who: who === "other" ? "other" : "customer", at: i };
    } else if (NOBODY.has(v) || (v === "no" && next === "one")) subject = { who: "nobody", at: i };
    else if (v === "you") subject = { who: "generic", at: i };
    else if (v === "who" && lastPerson) subject = { who: lastPerson, at: i };
    else if (t.pos === "NOUN" || t.pos === "PROPN") {
      const who = nounWho(t);
      if (who !== "thing") {
        lastPerson = who;
        const gender = MALE.has(t.lemma) ? "he" : FEMALE.has(t.lemma) ? "she" : "";
        if (gender !== "she") lastBy.he = who;
        if (gender !== "he") lastBy.she = who;
      }
      const after = words[i + 1];
      if (after && !markBefore[i + 1] && (after.pos === "VERB" || after.pos === "AUX"))
        subject = { who, at: i };
    }
    // The writer as the customer: "my bank", "my order", "went to the bank", "I was served".
    const previous = lower(words[i - 1]);
    if (previous === "my" && CUSTOMER_THINGS.has(t.lemma)) cueWindows.add(window);
    if (
      VENUES.has(t.lemma) &&
      (previous === "the" || previous === "a" || previous === "my") &&
      ["go", "pop", "visit", "nip", "ring", "phone", "call", "email"].includes(words[i - 2]?.lemma ?? "")
    )
      cueWindows.add(window);
    // "I heard that", "heard about": told second hand.
    if (t.lemma === "hear" && (next === "that" || next === "about")) hearsayWindows.add(window);
    // Hearsay ("apparently", "I heard", "on the news") and a witness who watched ("I observed Priya").
    if (SAYING.has(t.lemma) || SAYING.has(v)) hearsayWindows.add(window);
    if (subject?.who === "writer" && WATCHING.has(t.lemma) && t.pos === "VERB") {
      const seen = words[i + 1];
      if (seen && (seen.pos === "PROPN" || PERSON_OBJECT.has(lower(seen)))) witnessWindows.add(window);
    }
    if (subject?.who === "writer" && t.lemma === "confirm" && next === "that") witnessWindows.add(window);
    if (!acts.has(t.lemma)) continue;
    // A service-act verb: a verb, or a word the tagger took for a noun right after its subject ("i check").
    const isVerb = t.pos === "VERB" || (subject !== undefined && subject.at === i - 1 && t.pos === "NOUN");
    if (!isVerb) continue;
    // No subject in reach: a dropped subject ("took it back to the depot, texted the customer") is the writer's.
    let who: Who = subject?.who ?? "writer";
    // "asked him to check", "told me to ring": the object before "to" does the act.
    if (previous === "to") {
      const before = words[i - 2];
      const b = lower(before);
      if (WRITER_OBJECT.has(b)) who = "writer";
      else if (PERSON_OBJECT.has(b)) who = "other";
      else if (before && (before.pos === "NOUN" || before.pos === "PROPN") && nounWho(before) !== "thing")
        who = nounWho(before);
    }
    // Framing words between the subject and the verb.
    let isFramed = false;
    let passive = false;
    const from = subject ? subject.at + 1 : Math.max(0, i - 4);
    for (let j = Math.max(from, i - 5); j < i; j++) {
      const w = lower(words[j]);
      if (FRAMING.has(w)) isFramed = true;
      if (j >= i - 2 && PASSIVE.has(w)) passive = true;
    }
    // Who receives it: "me"/"us" (the writer served), or a person.
    let receiver: "writer" | "person" | undefined;
    if (passive) receiver = who === "writer" ? "writer" : who === "customer" ? "person" : undefined;
    else
      for (let k = i + 1; k < Math.min(n, i + 5); k++) {
        if (stopBefore[k]) break;
        const o = words[k] as Token;
        const w = lower(o);
        if (WRITER_OBJECT.has(w) || (w === "my" && who !== "writer")) {
          receiver = "writer";
          break;
        }
        if (PERSON_OBJECT.has(w) || CUSTOMERS.has(o.lemma) || o.pos === "PROPN") {
          receiver = "person";
          break;
        }
        if (o.pos === "VERB") break;
      }
    total++;
    if (isFramed) framed++;
    if (receiver === "writer") toWriter++;
    // Someone serving the writer ("gave me a refund", "checked my ID", "I was served"): the writer was the customer.
    if (receiver === "writer" && who !== "writer" && !TALKING.has(t.lemma)) servedMe++;
    if (passive && who === "writer" && !TALKING.has(t.lemma)) servedMe++;
    if (passive && who === "writer") continue;
    if (who === "writer" && !t.negated && !isFramed) {
      writer++;
      if (receiver === "person") writerServes++;
    } else if (who === "other") other++;
  }
  const share = (k: number) => k / Math.max(1, total);
  return {
    writerActs: share(writer),
    otherActs: share(other),
    toWriter: share(toWriter),
    servedMe: share(servedMe),
    framed: share(framed),
    writerServes: writer ? writerServes / writer : 0,
    writerRate: Math.min(1, writer / windows),
    customerCues: Math.min(1, (3 * cueWindows.size) / windows),
    hearsay: Math.min(1, (3 * hearsayWindows.size) / windows),
    witnessing: Math.min(1, (3 * witnessWindows.size) / windows),
  };
}

/** The served features as the gate's numbers, in `SERVED_FEATURES` order. */
export function servedFeatures(index: ScorerIndex, analysis: Analysis): number[] {
  const s = served(analysis, serviceActs(index));
  return SERVED_FEATURES.map((k) => s[k]);
}
