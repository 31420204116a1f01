// The cards module's public face: views in, Adaptive Card JSON or Slack Block Kit out, and how actions come back.

export type { ActionPlanCardView, ActionPlanFormView } from "./action-plan.ts";
export type { ActionPayload, Verb } from "./actions.ts";
export { INPUT, parseCardAction, REFRESH_VERB, SLACK_INPUT_ACTION_PREFIX, VERBS } from "./actions.ts";
export type { AdaptiveCard } from "./adaptive.ts";
export { approvalBlocks, approvalCard } from "./approval.ts";
export { type AssessorRecordView, assessorRecordBlocks, assessorRecordCard } from "./assessor-record.ts";
export { coverageBlocks, coverageCard } from "./coverage.ts";
export type { ExpertStatementCardView } from "./expert-statement.ts";
export type { FeedbackCardView } from "./feedback.ts";
export { type HomePart, slackHomeView } from "./home.ts";
export { hostConfig, hostCss } from "./host-config.ts";
export { messageBlocks, messageCard } from "./message.ts";
export { queueBlocks, queueCard } from "./queue.ts";
export {
  adaptiveCard,
  cardAbout,
  cardSummary,
  slackBlocks,
  slackFallbackText,
  slackMessage,
  staleBlocks,
  staleCard,
} from "./render.ts";
export { sampleBlocks, sampleCard, sampleListBlocks, sampleListCard } from "./sample.ts";
export { SLACK_LIMITS } from "./slack.ts";
export type { SlackStateValue, SlackStateValues } from "./slack-inputs.ts";
export { slackInputs } from "./slack-inputs.ts";
export { suggestionBlocks, suggestionCard, suggestionEditModal } from "./suggestion.ts";
export type * from "./views.ts";
export { witnessRequestBlocks, witnessRequestCard } from "./witness.ts";
