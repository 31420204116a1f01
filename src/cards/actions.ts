// Card action verbs, their payload ({verb, evidenceId, version}) and the input ids both channels use.

/** Every verb a card can send. The handler re-reads the evidence, re-authorises and checks the version. */
export const VERBS = [
  "evidence.submit",
  "evidence.edit",
  "evidence.discard",
  "evidence.redact",
  "evidence.open",
  "evidence.approve_all",
  "evidence.decide",
  "evidence.refer",
  "witness.testify",
  "witness.decline",
  "sample.open",
  "sample.countersign",
  // the assessor signs their observation or discussion record; the candidate confirms it
  "record.sign",
  "record.confirm",
  // issue 17's plans and feedback: their `evidenceId` carries the id of what the card is about instead (the
  // candidate for a new plan, the plan, the feedback), with version 0; the use cases authorise as for evidence
  "plan.make",
  "plan.sign",
  "feedback.reply",
  "feedback.sign",
  // the expert witness signs a statement the candidate's assessor attached for them (`evidenceId`: the statement)
  "statement.sign",
  // the assessor's queue again, in place of a decision card opened from it (`evidenceId`: that evidence, unused)
  "queue.show",
  // Teams asks for it when a card with a `refresh` is shown: the answer is the card as it is now, for the viewer.
  "evidence.refresh",
] as const;

export type Verb = (typeof VERBS)[number];

/** The verb of a card's refresh: the card as it is now, for whoever is looking; it changes nothing. */
export const REFRESH_VERB: Verb = "evidence.refresh";

/** What an action carries: ids and a version, never trusted data. */
export interface ActionPayload {
  verb: Verb;
  evidenceId: string;
  version: number;
}

/**
 * Input ids. Adaptive Cards merge input values into the action data under these keys; Slack blocks use
 * them as `block_id`, and `slackInputs` turns Slack's state back into the same record.
 * Toggles give "true"/"false", decisions "accept"/"reject", the sample outcome "agreed"/"disagreed".
 */
export const INPUT = {
  claim: (targetId: string) => `claim:${targetId}`,
  decision: (claimId: string) => `decision:${claimId}`,
  /** The assessor's reason for one claim (needed when it is rejected), by the claim's catalogue id. */
  claimComment: (targetId: string) => `comment:${targetId}`,
  text: "text",
  comment: "comment",
  statusCategory: "statusCategory",
  relationship: "relationship",
  /** What the witness says when their relationship is "other". */
  relationshipOther: "relationshipOther",
  declaration: "declaration",
  testimony: "testimony",
  sampleOutcome: "outcome",
  // the assessment action plan's form
  unit: "unit",
  skillsKnowledge: "skillsKnowledge",
  /** The methods ticked, their values joined by commas. */
  methods: "methods",
  venue: "venue",
  date: "date",
  time: "time",
  requirements: "requirements",
  feedbackArrangements: "feedbackArrangements",
  /** The candidate's reply to feedback. */
  reply: "reply",
} as const;

/** Slack `action_id` prefix of input elements: their change events carry no verb and can be ignored. */
export const SLACK_INPUT_ACTION_PREFIX = "input:";

export const payload = (verb: Verb, key: { evidenceId: string; version: number }): ActionPayload => ({
  verb,
  evidenceId: key.evidenceId,
  version: key.version,
});

const isVerb = (value: unknown): value is Verb =>
  typeof value === "string" && (VERBS as readonly string[]).includes(value);

/**
 * Splits what came back from a card (Adaptive Card action data with inputs merged in, or a Slack button's
 * value merged with `slackInputs`) into the payload and the string inputs. Null when the payload is malformed.
 */
export function parseCardAction(
  raw: unknown,
): { payload: ActionPayload; inputs: Record<string, string> } | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const { verb, evidenceId, version, ...rest } = raw as Record<string, unknown>;
  if (!isVerb(verb)) return null;
  if (typeof evidenceId !== "string" || evidenceId.length === 0 || evidenceId.length > 100) return null;
  const v = typeof version === "string" && /^\d{1,9}$/.test(version) ? Number(version) : version;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) return null;
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === "string") inputs[key] = value;
    else if (typeof value === "boolean" || typeof value === "number") inputs[key] = String(value);
  }
  return { payload: { verb, evidenceId, version: v }, inputs };
}
