// The mapper's input options and result: what every mapper (offline, LLM, baseline) returns.

/** A sentence of the text that supports a suggestion, with character offsets into the original text. */
export interface SupportingSentence {
  text: string;
  start: number;
  /** Exclusive end offset: `original.slice(start, end) === text`. */
  end: number;
}

export interface UnitSuggestion {
  unitId: string;
  title: string;
  score: number;
  support: SupportingSentence | null;
}

export interface CriterionSuggestion {
  /** Performance criterion id such as `205.1.2`. */
  id: string;
  unitId: string;
  text: string;
  score: number;
  support: SupportingSentence;
  /**
   * Whether the card shows (and so files) this claim: the few the mapper would defend. The rest of the
   * list is the ranking behind them (for the evaluation's recall@10) and is not filed. Absent means shown.
   */
  shown?: boolean;
}

export interface KnowledgeSuggestion {
  /** Knowledge item id such as `205.K.a`. */
  id: string;
  unitId: string;
  text: string;
  score: number;
  support: SupportingSentence;
  /** Best Practice Guide sections that teach it. */
  guideSections: string[];
  /** Whether the card shows it; the learned mapper returns only knowledge it would show. Absent means shown. */
  shown?: boolean;
}

export interface RangeSuggestion {
  /** Evidence-requirement range id such as `205.ER4.b`. */
  id: string;
  unitId: string;
  text: string;
  situation: string;
  score: number;
  support: SupportingSentence;
}

export interface DetectedSituation {
  /** Situation id from the catalogue, e.g. `busy_period`. */
  id: string;
  label: string;
  score: number;
  support: SupportingSentence;
}

/** A piece of personal data about someone other than the candidate. */
export interface PersonalDataSpan {
  kind: "name" | "phone" | "email" | "address" | "postcode" | "card_number" | "account_number";
  text: string;
  start: number;
  end: number;
}

export interface PrivacyReport {
  found: PersonalDataSpan[];
  /** The text with each span replaced by a placeholder such as `[customer's name]`. */
  redacted: string;
}

export type MapperName = "offline" | "llm" | "baseline";

export interface MapOptions {
  /** The qualification level the candidate is registered on (1, 2 or 3). */
  level: number;
  /** The units on the candidate's plan; suggestions are restricted to them when given. */
  units?: string[];
  /** "knowledge" for a discussion or oral questioning: knowledge items are what the assessor looks for. */
  focus?: "knowledge";
  /**
   * Who wrote the text when the product knows it is not the candidate: "observer" for an assessor's record
   * (an observation, a discussion), where the acts of the person it names are the candidate's, as in a text
   * that says it is a witness testimony. Left out, the mapper reads who served from the words alone.
   */
  writer?: "observer";
}

export interface MappingResult {
  /** False for chat that is not evidence ("can I swap Friday's shift?"); then every list is empty. */
  isEvidence: boolean;
  /** Why the text was not taken as evidence, in words for people. */
  reason?: string;
  mapper: MapperName;
  /** When the LLM mapper was asked but the offline result stands, why. */
  fallbackReason?: string;
  units: UnitSuggestion[];
  criteria: CriterionSuggestion[];
  knowledge: KnowledgeSuggestion[];
  ranges: RangeSuggestion[];
  situations: DetectedSituation[];
  privacy: PrivacyReport;
  elapsedMs: number;
  /** The units the text was mapped against (the plan's known units, or the level's when no plan was given). */
  unitsConsidered?: string[];
  /** Which scorer answered, e.g. "learned model 2026-12-01 (seed 12)"; for the card and `shiftnote map`. */
  scorer?: string;
  /** The focus the text was mapped with ("knowledge": a discussion, whose knowledge items come first). */
  focus?: "knowledge";
}

/** What an account needs, said to someone whose text is not evidence: the one wording the bot and `shiftnote map` use. */
export const ACCOUNT_ASK =
  "Tell me what you did for the customer: who they were, what they needed, what you said and did, and how it ended.";

/** Whether a reason for "not evidence" already says what an account needs, so the ask is not said twice. */
export const asksForAccount = (reason: string | undefined): boolean => !!reason?.includes(ACCOUNT_ASK);

/**
 * The one rule for what is shown, and so filed: criteria and knowledge whose `shown` is not false, knowledge
 * first for a discussion. The card, `shiftnote map` and `npm run eval` all count these.
 */
export function shownClaims(result: MappingResult): Array<CriterionSuggestion | KnowledgeSuggestion> {
  if (!result.isEvidence) return [];
  const criteria = result.criteria.filter((c) => c.shown !== false);
  const knowledge = result.knowledge.filter((k) => k.shown !== false);
  return result.focus === "knowledge" ? [...knowledge, ...criteria] : [...criteria, ...knowledge];
}

/** The result as the card files it: only the shown criteria and knowledge (the ranking behind them is not filed), and the ranges. */
export function shownResult(result: MappingResult): MappingResult {
  if (!result.isEvidence) return { ...result, criteria: [], knowledge: [], ranges: [] };
  return {
    ...result,
    criteria: result.criteria.filter((c) => c.shown !== false),
    knowledge: result.knowledge.filter((k) => k.shown !== false),
  };
}
