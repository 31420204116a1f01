// Witness rules from the standards: status category 1–5, a stated relationship, and no relatives, partners or people they live with.
import { AppError } from "../core/errors.ts";

/** The five witness status categories of the witness status list (004). */
export const WITNESS_STATUS_CATEGORIES = {
  1: "Occupational expert and A1, A2 / V1, V2 assessor",
  2: "A1, A2 / V1, V2 assessor without occupational experience",
  3: "Occupational expert familiar with the standards",
  4: "Occupational expert not familiar with the standards",
  5: "Non-expert not familiar with the standards",
} as const;

/**
 * How a witness knows the candidate, as a card offers it; "other" asks them to say what. None of these is a
 * personal relationship; what is typed for "other" is checked like any free text.
 */
export const WITNESS_RELATIONSHIPS = [
  { value: "line_manager", label: "Line manager" },
  { value: "team_leader", label: "Team leader" },
  { value: "supervisor", label: "Supervisor" },
  { value: "colleague", label: "Colleague" },
  { value: "customer", label: "Customer" },
  { value: "other", label: "Other (say what)" },
] as const;

export type WitnessRelationshipChoice = (typeof WITNESS_RELATIONSHIPS)[number]["value"];

/** The relationship as stored: the chosen label, or the witness's own words for "other". */
export function relationshipText(choice: WitnessRelationshipChoice, detail = ""): string {
  if (choice === "other") return detail.trim();
  return WITNESS_RELATIONSHIPS.find((r) => r.value === choice)?.label ?? detail.trim();
}

/** What the witness declares, ticking one box, before their testimony can be accepted (001, section 7). */
export const WITNESS_DECLARATION =
  "I am not related to the candidate, I am not their partner or a close friend, and I do not live with them.";

/** The kinds of personal tie a witness may not have with the candidate, each in words for the refusal. */
export type PersonalTie = "household" | "partner" | "friend" | "family";

const TIE_WORDS: Record<PersonalTie, string> = {
  household: "someone who lives with the candidate",
  partner: "the candidate's partner, or a former partner",
  friend: "a close friend of the candidate",
  family: "a member of the candidate's family",
};

/**
 * Letters from other scripts that look like Latin ones (after lower-casing), from Unicode's confusables list:
 * "sіster" with a Cyrillic і reads as sister to a person, so it must to the rule too.
 */
const CONFUSABLES = new Map(
  [
    "аa вb еe ёe гr һh іi їi јj кk мm нh оo пn рp сc тt уy хx ѕs ԁd ԛq ԝw ӏl үy ьb", // Cyrillic
    "αa βb γy εe ηn ιi κk νv οo ρp τt υu χx ωw ςc", // Greek
    "ıi ȷj ɑa ɡg ɩi ʀr ʏy ᴀa ᴄc ᴅd ᴇe ᴋk ᴍm ᴏo ᴘp ᴛt ᴜu ᴠv ᴡw ᴢz", // Latin look-alikes NFKC leaves alone
    "օo սu հh ոn ցg", // Armenian
  ].flatMap((group) => group.split(" ").map((pair) => [pair.slice(0, 1), pair.slice(1)] as const)),
);

/**
 * The relationship as plain lower-case Latin words: NFKC (full-width and styled letters become plain ones),
 * accents and invisible characters dropped, look-alike letters of other scripts mapped, apostrophes removed
 * ("we're" → "were", "brother's" → "brothers") and everything else that is not a letter or digit a space.
 */
export function normaliseRelationship(text: string): string {
  const folded = text
    .normalize("NFKC")
    .replace(/[\p{Cf}\u115F\u1160\u3164]/gu, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  let out = "";
  for (const ch of folded) out += CONFUSABLES.get(ch) ?? ch;
  return out
    .replace(/['\u2018\u2019\u02BC\u0060\u00B4]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Said to deny a tie ("not related", "we don't live together"): taken out before the ties are looked for. */
const DENIALS =
  /\b(?:not|no|never|nor|neither|isnt|arent|dont|doesnt|do not|does not|am not|are not|is not)\s+(?:a\s+|an\s+|my\s+|any\s+|her\s+|his\s+|their\s+)?(?:relations?|relationship|relatives?|related|family|kin|(?:live|lives|living)\s+(?:together|with\s+(?:him|her|them|me|the candidate)))\b/g;

/** Work phrases that contain a tie's word: a "customer service partner", "customer relations", "ex colleague". */
const WORK_PHRASES =
  /\b(?:(?:business|service|sales|retail|store|shop|team|trading|hr|learning|account|accounts|delivery|training|development|customer|supply|support|care|people|practice|brand)\s+partners?|(?:customer|public|employee|industrial|guest|staff|client|community|colleague)\s+relations)\b/g;

const FAMILY_WORDS =
  "mum|mam|mom|mummy|mammy|mommy|mother|dad|daddy|father|parent|son|daughter|brother|bro|sister|sis|sibling|twin|grandad|granddad|grandpa|grampa|gramps|grandma|granny|gran|nan|nana|nanna|nannie|nanny|grandmother|grandfather|grandparent|grandson|granddaughter|grandchild|grandkid|aunt|aunty|auntie|uncle|niece|nephew|cousin|cuz|nain|taid|bairn|relative|kin|kinsman|kinswoman";

/** Each tie and the words that name it, over normalised text. */
const TIES: Array<[PersonalTie, RegExp]> = [
  [
    "household",
    /\b(?:house ?mates?|flat ?mates?|room ?mates?|lodgers?|landlady|landlord|(?:live|lives|living) (?:together|with)|share (?:a|the|our) (?:house|flat|home)|same (?:house|address|flat|household|home)|household)\b/,
  ],
  [
    "partner",
    /\b(?:husband|hubby|wife|wifey|spouse|fiancee?|boyfriend|girlfriend|bf|gf|partner|other half|better half|significant other|missus|missis|lover|sweetheart|bae|dating|courting|going out (?:with|together)|seeing each other|in a relationship|married to|engaged to|(?:were|we are|are|is|got|getting) engaged|common law)s?\b|(?:^|\b(?:my|her|his|an|the|their)\s)ex(?:$|\s(?:wife|husband|partner|boyfriend|girlfriend|fiancee?|bf|gf|spouse)\b)|\bex(?:wife|husband|partner|boyfriend|girlfriend)\b/,
  ],
  [
    "friend",
    /\b(?:best (?:friend|mate|pal)|bestie|bff|close (?:friend|mate)|childhood friend|family friend|oldest friend|old friend|lifelong friend)s?\b/,
  ],
  [
    "family",
    new RegExp(
      `\\b(?:(?:step|half|foster|god|great)\\s?)*(?:${FAMILY_WORDS})s?\\b|\\b(?:\\w+\\s)?in\\s?laws?\\b|\\b(?:my|her|his|their|our|candidates)\\s(?:kids?|child|children)\\b|\\b(?:family|related|relations?|next of kin)\\b`,
    ),
  ],
];

/** The personal tie the stated relationship names, with the words that named it, or undefined for none. */
export function personalTie(relationship: string): { tie: PersonalTie; words: string } | undefined {
  const text = ` ${normaliseRelationship(relationship).replace(DENIALS, " ").replace(WORK_PHRASES, " ")} `
    .replace(/\s+/g, " ")
    .trim();
  for (const [tie, pattern] of TIES) {
    const found = pattern.exec(text);
    if (found) return { tie, words: found[0].trim() };
  }
  return undefined;
}

/** True when the stated relationship names a relative, a partner, a close friend or someone they live with. */
export function isPersonalRelationship(relationship: string): boolean {
  return personalTie(relationship) !== undefined;
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

/** Why the witness is refused, kindly and in words they can act on; for a witness `personalRelationshipRefusal` refuses. */
export function witnessRefusalMessage(input: TestimonyDeclaration): string {
  const thanks = "Thank you for offering to be a witness.";
  const after =
    "Nothing was added; the candidate can ask a team leader or colleague who saw the work instead.";
  if (!input.declaredNoPersonalRelationship)
    return `${thanks} You didn't declare that you are not a relative of the candidate and don't live with them, and without that declaration testimony can't be accepted (City & Guilds rules). ${after}`;
  const found = personalTie(input.relationship);
  const said = found ? ` You said "${found.words}", which sounds like ${TIE_WORDS[found.tie]}.` : "";
  return `${thanks}${said} Testimony from a relative, a partner, a close friend or someone the candidate lives with can't be accepted (City & Guilds rules), because it has to come from someone independent who saw the work. ${after}`;
}
