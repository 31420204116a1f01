// Who did the service acts in a text: the writer, someone else, or someone serving the writer (the candidate, in a witness testimony); the not-evidence gate's clause features and role terms.

import { type Analysis, analyse, type Token } from "./nlp.ts";
import { PUBLIC_PEOPLE, STAFF } from "./people.ts";
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
export function serviceActs(index: ScorerIndex): ReadonlySet<string> {
  if (index.serviceActs) return index.serviceActs;
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

/** The writer as a subject; the tagger keeps "I'm" as one word. */
const WRITER = new Set(["i", "we", "i'm", "i’m", "im"]);
const WRITER_OBJECT = new Set(["me", "us", "myself", "ourselves"]);
const THIRD = new Set(["he", "she", "they"]);
const PERSON_OBJECT = new Set(["her", "him", "them", "herself", "himself", "themselves"]);
const NOBODY = new Set(["nobody", "noone", "no-one"]);
const MALE = new Set("man gentleman dad guy bloke lad chap husband son boy grandad brother".split(" "));
const FEMALE = new Set("woman lady mum girl wife daughter nan gran sister".split(" "));
const GROUPS = new Set(["people", "family", "couple", "staff", "team", "public"]);
/** Capitalised words the tagger takes for names that name nobody. */
const NOT_PEOPLE = new Set(
  "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december christmas easter".split(
    " ",
  ),
);
/** What a customer owns or goes to: "my bank", "my order", "my broadband", "I went to the bank". */
const CUSTOMER_THINGS = new Set(
  "bank broadband internet provider supplier energy insurer insurance landlord doctor gp dentist surgery optician vet mechanic garage dealer parcel meal reservation appointment refund flight prescription haircut tariff network car bill money order booking contract mortgage boiler glasses hair".split(
    " ",
  ),
);
const VENUES = new Set(
  "bank restaurant cafe café shop supermarket store hairdresser hairdressers barber barbers salon garage dealer dealership pharmacy chemist optician opticians vet vets clinic hotel cinema pub bar takeaway dentist doctor doctors surgery hospital gym council airport station".split(
    " ",
  ),
);
/** The writer's own family: "my daughter", "my nan" (a story where the writer's family is served is the writer's as a customer). */
const FAMILY = new Set(
  "mum dad mother father daughter son kid child wife husband partner nan gran grandad grandma granddad sister brother baby".split(
    " ",
  ),
);
/** Going somewhere or getting in touch: "took my car to the garage", "rang the bank". */
const GOING = new Set("go pop visit nip head take bring drive ring phone call email stay book".split(" "));
/** What only a customer does: "I paid", "I queued", "I was on hold". */
const CUSTOMER_DOES = new Set(["pay", "queue", "buy", "purchase"]);
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
/** A witness watching the candidate at work ("I observed Lily", "I listened in to Zain's calls"). */
const OBSERVING = new Set(["observe", "watch", "witness", "see", "listen", "sit"]);
/** The writer's words for themselves as a witness ("I'm", "I am", not "we"). */
const ME = new Set(["i", "i'm", "i’m", "im"]);
/** Roles that oversee a candidate: "I'm the front office manager", "As duty manager". */
const OVERSEERS = new Set("manager supervisor leader owner mentor coach trainer deputy".split(" "));
/** A witness's relation to the candidate, said by the writer ("I manage", "I supervise", "I mentor"). */
const OVERSEEING = new Set(["supervise", "manage", "lead", "own", "mentor", "coach", "shadow", "accompany"]);

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

/** A person named in the text, with the gender their word or the first pronoun for them gave. */
interface Mention {
  who: Who;
  /** "n": a group ("different people", "the family"), which "he" and "she" never refer to. */
  gender: "m" | "f" | "n" | undefined;
}

/** The latest person a pronoun can refer to (the customer when none is named); fixes their gender by it. */
function resolve(mentioned: Mention[], gender: "m" | "f"): Who {
  for (let k = mentioned.length - 1; k >= 0; k--) {
    const m = mentioned[k] as Mention;
    if (m.gender === undefined) m.gender = gender;
    if (m.gender === gender) return m.who;
  }
  return "customer";
}

const lower = (t: Token | undefined) => t?.value.toLowerCase() ?? "";

function nounWho(t: Token): Who {
  if (PUBLIC_PEOPLE.has(t.lemma)) return "customer";
  if (STAFF.has(t.lemma)) return "other";
  if (t.pos === "PROPN" && !NOT_PEOPLE.has(t.lemma.toLowerCase())) return "other";
  return "thing";
}

/**
 * Whether a text is a witness testimony by what it says it is, not by its pronouns: "witness statement",
 * "testimony for Kofi", "I am the front office manager", "As duty manager I", "I supervise Jordan". In a
 * testimony the named person's acts are the candidate's, whose evidence it is (a colleague's deed told by
 * a peer names no such role).
 */
function isTestimony(words: readonly Token[], stopBefore: readonly boolean[]): boolean {
  const me = (k: number) => ME.has(lower(words[k]));
  // "I supervise", "I've supervised", "I manage the bakery", "I shadowed Amara"; not "I managed to".
  const byMe = (k: number) => me(k - 1) || (me(k - 2) && words[k - 1]?.pos === "AUX");
  const starts = (k: number) => k === 0 || stopBefore[k];
  for (let i = 0; i < words.length; i++) {
    const t = words[i] as Token;
    const v = lower(t);
    const next = words[i + 1];
    if (t.lemma === "testimony") return true;
    if (t.lemma === "witness" && (starts(i) || lower(next) === "statement")) return true;
    if (t.lemma === "statement" && starts(i)) return true;
    if (t.lemma === "candidate" && next?.pos === "PROPN") return true;
    // "For Nadia's evidence", "in the evidence thread": evidence that is someone else's.
    if (
      t.lemma === "evidence" &&
      lower(words[i - 1]) !== "my" &&
      (words[i - 1]?.pos === "PART" || words[i - 1]?.pos === "PROPN" || lower(words[i - 1]) === "the")
    )
      return true;
    // "From Gino, head waiter, about Shannon", "Note from Pam, café owner": a note signed with a role.
    if (starts(i) && ["from", "note", "by"].includes(v)) {
      let named = false;
      for (let k = i + 1; k < Math.min(words.length, i + 7); k++) {
        const w = words[k] as Token;
        if (w.pos === "PROPN") named = true;
        else if (named && (STAFF.has(w.lemma) || OVERSEERS.has(w.lemma))) return true;
      }
    }
    if (byMe(i) && (OVERSEEING.has(t.lemma) || v.startsWith("supervis")) && lower(next) !== "to") return true;
    // "I observed Lily", "I saw Shannon notice", "I listened in to Zain's calls", "I sat in on Tyler's".
    if (byMe(i) && OBSERVING.has(t.lemma)) {
      let k = i + 1;
      while (k < i + 3 && ["in", "on", "to"].includes(lower(words[k]))) k++;
      if (words[k]?.pos === "PROPN" && !stopBefore[k]) return true;
    }
    // "I am the customer services team leader", "I'm Keiran's route supervisor", "As duty manager I …".
    const opens = v === "i'm" || v === "i’m" || (v === "am" && me(i - 1));
    const as = v === "as" && starts(i);
    if ((opens || as) && next?.pos !== "VERB")
      for (let k = i + 1; k < Math.min(words.length, i + 5) && !stopBefore[k]; k++) {
        const w = words[k] as Token;
        if (lower(w) === "my" || w.pos === "VERB") break;
        if (OVERSEERS.has(w.lemma)) return true;
      }
  }
  return false;
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
  family: number;
  writerShare: number;
  writerActShare: number;
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
  "family",
  "writerShare",
  "writerActShare",
];

/** Words per window: a voice transcript has no sentences, so cues and acts are counted in windows of words. */
const WINDOW = 12;
/** An I/we subject carries over this many words at most (across "and then explained"); in a punctuated text, to the end of the sentence (within `SENTENCE_REACH`). */
const SUBJECT_REACH = 14;
const SENTENCE_REACH = 30;

/**
 * Reads the text clause by clause without relying on punctuation: the subject of each service-act verb
 * (the last nominative word before it, carried across "and"; the object before "to" for "asked him to
 * check"), whether the act is framed as future, habit or wish, who receives it, and cues of the writer as
 * the customer, of hearsay and of a witness who watched the candidate.
 */
export function served(analysis: Analysis, acts: ReadonlySet<string>): Served {
  return readRoles(analysis, acts).served;
}

/** The served shares and the text's role terms, `who:verb` for every verb ("writer:pay", "customer:tell") and `my:noun` ("my:car"). */
export function readRoles(
  analysis: Analysis,
  acts: ReadonlySet<string>,
  /** The writer watched the candidate (an assessor's record): read as a testimony whatever it says it is. */
  observed = false,
): { served: Served; roles: string[]; acts: number[] } {
  const roles: string[] = [];
  // Where the writer's own service acts stand (the candidate's, in a testimony): the sentences a claim can quote.
  const actsAt: number[] = [];
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
  const testimony = observed || isTestimony(words, stopBefore);
  let subject: Subject | undefined;
  let lastPerson: Who | undefined;
  // "he" and "she" go back to the last person they can name ("an old lady fell … he rang for help": the
  // colleague); a person named without a gender takes the first pronoun used for them ("Marcus took a call
  // from a customer. She was furious … he apologised": the customer is she, so he is Marcus).
  const mentioned: Mention[] = [];
  let total = 0;
  let writer = 0;
  let other = 0;
  let toWriter = 0;
  let servedMe = 0;
  let framed = 0;
  let writerServes = 0;
  let writerVerbs = 0;
  let lastStop = -Infinity;
  const familyWindows = new Set<number>();
  for (let i = 0; i < n; i++) {
    const t = words[i] as Token;
    const v = lower(t);
    const next = lower(words[i + 1]);
    const window = Math.floor(i / WINDOW);
    if (stopBefore[i]) subject = undefined;
    if (stopBefore[i]) lastStop = i;
    const reach = i - lastStop < 2 * SENTENCE_REACH ? SENTENCE_REACH : SUBJECT_REACH;
    if (subject && i - subject.at > reach) subject = undefined;
    // Subjects: nominative pronouns always; a noun or name only when a verb follows it.
    if (WRITER.has(v)) subject = { who: "writer", at: i };
    else if (THIRD.has(v)) {
      const who = v === "they" ? lastPerson : resolve(mentioned, v === "he" ? "m" : "f");
      subject = { who: who === "other" ? "other" : "customer", at: i };
    } else if (NOBODY.has(v) || (v === "no" && next === "one")) subject = { who: "nobody", at: i };
    else if (v === "you") subject = { who: "generic", at: i };
    else if (v === "who" && lastPerson) subject = { who: lastPerson, at: i };
    else if (t.pos === "NOUN" || t.pos === "PROPN") {
      const who = nounWho(t);
      if (who !== "thing") {
        lastPerson = who;
        const plural = GROUPS.has(t.lemma) || (t.pos === "NOUN" && v !== t.lemma && v.endsWith("s"));
        const gender = plural ? "n" : MALE.has(t.lemma) ? "m" : FEMALE.has(t.lemma) ? "f" : undefined;
        mentioned.push({ who, gender });
      }
      const after = words[i + 1];
      if (after && !markBefore[i + 1] && (after.pos === "VERB" || after.pos === "AUX"))
        subject = { who, at: i };
    }
    // The writer as the customer: "my bank", "my order", "went to the bank", "I was served".
    const previous = lower(words[i - 1]);
    // "my" before the word, or before an adjective before it ("my own car").
    const mine = previous === "my" || (words[i - 1]?.pos === "ADJ" && lower(words[i - 2]) === "my");
    if (mine && CUSTOMER_THINGS.has(t.lemma)) cueWindows.add(window);
    if (mine && t.pos === "NOUN") roles.push(`my:${t.lemma}`);
    if (t.pos === "VERB" && /^[a-z]+$/.test(t.lemma))
      roles.push(
        `${testimony && subject?.who === "other" ? "writer" : (subject?.who ?? "writer")}${t.negated ? "-not" : ""}:${t.lemma}`,
      );
    if (mine && FAMILY.has(t.lemma)) familyWindows.add(window);
    // "went to the bank", "took my car to a main dealer": going to a venue, no one else taken along.
    if (VENUES.has(t.lemma) && t.pos === "NOUN" && subject?.who === "writer") {
      let going = false;
      for (let j = i - 1; j >= Math.max(0, i - 6) && !stopBefore[j + 1]; j--) {
        const w = words[j] as Token;
        if (PERSON_OBJECT.has(lower(w)) || PUBLIC_PEOPLE.has(w.lemma)) break;
        if (GOING.has(w.lemma) && w.pos === "VERB") going = true;
      }
      if (going && (mine || previous === "the" || previous === "a" || words[i - 1]?.pos === "ADJ"))
        cueWindows.add(window);
    }
    // "I was on hold", "I paid", "charged me".
    if (subject?.who === "writer" && v === "hold" && previous === "on") cueWindows.add(window);
    if (subject?.who === "writer" && CUSTOMER_DOES.has(t.lemma) && t.pos === "VERB" && !t.negated)
      cueWindows.add(window);
    if (t.lemma === "charge" && WRITER_OBJECT.has(next)) cueWindows.add(window);
    if (subject?.who === "writer" && t.pos === "VERB" && !["be", "have", "do"].includes(t.lemma))
      writerVerbs++;
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
    if (testimony && who === "other") who = "writer";
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
      // "she'd told me" is had told, not would.
      const had = w === "'d" && words[j + 1] !== undefined && lower(words[j + 1]) !== words[j + 1]?.lemma;
      if (FRAMING.has(w) && !had) isFramed = true;
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
        if (PERSON_OBJECT.has(w) || PUBLIC_PEOPLE.has(o.lemma) || o.pos === "PROPN") {
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
      actsAt.push(t.start);
      if (receiver === "person") writerServes++;
    } else if (who === "other") other++;
  }
  const share = (k: number) => k / Math.max(1, total);
  const result: Served = {
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
    family: Math.min(1, (3 * familyWindows.size) / windows),
    writerShare: (writer + 0.5) / (writer + other + servedMe + 1),
    writerActShare: writerVerbs ? Math.min(1, writer / writerVerbs) : 0,
  };
  return { served: result, roles, acts: actsAt };
}

/** The served features as the gate's numbers, in `SERVED_FEATURES` order, and the text's role terms. */
export function servedFeatures(
  index: ScorerIndex,
  analysis: Analysis,
  observed = false,
): { x: number[]; roles: string[]; acts: number[] } {
  const { served: s, roles, acts } = readRoles(analysis, serviceActs(index), observed);
  return { x: SERVED_FEATURES.map((k) => s[k]), roles, acts };
}

/** Per segment of a text, 1 where one of the writer's acts (offsets from `servedFeatures`) stands in it. */
export function actSegments(
  segments: ReadonlyArray<{ start: number; end: number }>,
  acts: readonly number[],
): Uint8Array {
  const marked = new Uint8Array(segments.length);
  for (const at of acts)
    for (let s = 0; s < segments.length; s++) {
      const g = segments[s] as { start: number; end: number };
      if (at >= g.start && at < g.end) {
        marked[s] = 1;
        break;
      }
    }
  return marked;
}
