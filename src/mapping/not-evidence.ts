// Tells evidence (an account of work with customers) from chat: shift swaps, pay, portfolio questions, thanks, small talk, junk.
import type { MapperIndex } from "./mapper-index.ts";
import type { Analysis, Token } from "./nlp.ts";
import type { Stream } from "./phrases.ts";

export interface EvidenceGate {
  isEvidence: boolean;
  /** Why not, in words for people; empty when it is evidence. */
  reason: string;
}

/** The commonest English function words: a text with almost none of them is not English. */
const ENGLISH = new Set(
  "the a an and or but so to of in on at for with from by as is was were be been are am it i me my we our you your he she him her his they them their this that there then what when who which not no if".split(
    " ",
  ),
);

/** Who an account of customer service is about. */
const PEOPLE = new Set(
  "customer client caller guest patient tenant resident passenger visitor shopper diner member buyer user gentleman gent lady man woman couple family mum mother dad father pensioner student child kid lad girl boy chap bloke someone somebody person people applicant claimant learner parent homeowner householder occupant traveller holidaymaker patron consumer subscriber account enquirer".split(
    " ",
  ),
);
/** Third-person pronouns: accounts tell what a customer said and did. */
const THIRD_PERSON = new Set(["he", "she", "him", "her", "they", "them", "his", "their"]);

const MIN_WORDS = 5;

/** Evidence or not, from the shape of the text (no scoring against the standards needed). */
export function assessEvidence(index: MapperIndex, analysis: Analysis, stream: Stream): EvidenceGate {
  const words = analysis.tokens.filter((t) => t.word);
  if (words.length < MIN_WORDS)
    return {
      isEvidence: false,
      reason:
        "This is too short to be an account of your work: say what happened, with whom and what you did.",
    };
  const english = words.filter((t) => ENGLISH.has(t.value.toLowerCase())).length / words.length;
  if (words.length >= 6 && english < 0.08)
    return {
      isEvidence: false,
      reason: "This does not look like English, so it cannot be mapped to the standards.",
    };

  let people = 0;
  let thirdPerson = 0;
  let pastVerbs = 0;
  for (const t of words) {
    if (PEOPLE.has(t.lemma)) people++;
    if (THIRD_PERSON.has(t.value.toLowerCase())) thirdPerson++;
    if (isPastVerb(t)) pastVerbs++;
  }
  const topics = index.notEvidenceTopics.find(analysis, stream).length;
  const chat = index.notEvidenceChat.find(analysis, stream).length;
  const questions = (analysis.text.match(/\?/g) ?? []).length;

  let score = 0;
  if (people >= 1) score += 2;
  if (people >= 2) score += 1;
  if (thirdPerson >= 2) score += 1;
  if (pastVerbs >= 3) score += 1;
  if (pastVerbs >= 6) score += 1;
  if (words.length >= 40) score += 1;
  if (words.length >= 80) score += 1;
  // Chat cues weigh less in a long text: an account may well mention the rota or ask "can I…" once.
  const damping = words.length >= 80 ? 0.35 : 1;
  score -= damping * 1.5 * Math.min(topics, 3);
  score -= damping * Math.min(chat, 2);
  score -= damping * Math.min(questions, 2);
  if (score >= 3) return { isEvidence: true, reason: "" };
  return {
    isEvidence: false,
    reason:
      topics || questions
        ? "This reads as a question or a message about work arrangements, not an account of serving a customer."
        : "This does not describe a piece of work with a customer, so there is nothing to map.",
  };
}

function isPastVerb(t: Token): boolean {
  if (t.pos !== "VERB" && t.pos !== "AUX") return false;
  const v = t.value.toLowerCase();
  return v !== t.lemma && !v.endsWith("ing") && !v.endsWith("s");
}
