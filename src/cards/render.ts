// One entry point per channel: a tagged card view to Adaptive Card JSON or to a Slack message, and the stale notice.

import type { KnownBlock } from "@slack/types";
import { actionPlanBlocks, actionPlanCard, actionPlanFormBlocks, actionPlanFormCard } from "./action-plan.ts";
import type * as ac from "./adaptive.ts";
import { approvalBlocks, approvalCard } from "./approval.ts";
import { assessorRecordBlocks, assessorRecordCard } from "./assessor-record.ts";
import { coverageBlocks, coverageCard } from "./coverage.ts";
import { expertStatementBlocks, expertStatementCard } from "./expert-statement.ts";
import { feedbackBlocks, feedbackCard } from "./feedback.ts";
import { messageBlocks, messageCard } from "./message.ts";
import { queueBlocks, queueCard } from "./queue.ts";
import { sampleBlocks, sampleCard, sampleListBlocks, sampleListCard } from "./sample.ts";
import * as sk from "./slack.ts";
import { suggestionBlocks, suggestionCard } from "./suggestion.ts";
import { truncate } from "./text.ts";
import type { CardView, StaleView } from "./views.ts";
import { witnessRequestBlocks, witnessRequestCard } from "./witness.ts";

const STALE = "This changed since you opened it; here is the current card.";

/** Teams shows a personalised (refreshed) card to at most 60 people named in `refresh.userIds`. */
export const MAX_REFRESH_USERS = 60;

/** Options for the Adaptive Card: the Teams user ids (MRIs) of the people who may act on it, for its refresh. */
export interface AdaptiveOptions {
  refreshUserIds?: readonly string[];
}

/**
 * Adaptive Card JSON (schema 1.5) for any card view: what Teams and the web playground show. A card with a
 * `refresh` names who it refreshes for (`refreshUserIds`, at most 60; none given, nobody is named).
 */
export function adaptiveCard(card: CardView, options: AdaptiveOptions = {}): ac.AdaptiveCard {
  const built = buildAdaptive(card);
  if (!built.refresh) return built;
  const userIds = [...new Set(options.refreshUserIds ?? [])].slice(0, MAX_REFRESH_USERS);
  return { ...built, refresh: { ...built.refresh, userIds } };
}

function buildAdaptive(card: CardView): ac.AdaptiveCard {
  switch (card.kind) {
    case "suggestion":
      return suggestionCard(card.view);
    case "coverage":
      return coverageCard(card.view);
    case "witnessRequest":
      return witnessRequestCard(card.view);
    case "approval":
      return approvalCard(card.view);
    case "queue":
      return queueCard(card.view);
    case "sampleList":
      return sampleListCard(card.view);
    case "sample":
      return sampleCard(card.view);
    case "message":
      return messageCard(card.view);
    case "assessorRecord":
      return assessorRecordCard(card.view);
    case "actionPlanForm":
      return actionPlanFormCard(card.view);
    case "actionPlan":
      return actionPlanCard(card.view);
    case "feedback":
      return feedbackCard(card.view);
    case "expertStatement":
      return expertStatementCard(card.view);
    case "stale":
      return staleCard(card.view);
  }
}

/**
 * The evidence a card is about and the version it shows (suggestion, witness, approval and sample cards, and a
 * stale notice over one of them); undefined for lists, progress and messages.
 */
export function cardAbout(card: CardView): { evidenceId: string; version: number } | undefined {
  const view = card.kind === "stale" ? card.view.current : card;
  switch (view.kind) {
    case "suggestion":
    case "witnessRequest":
    case "approval":
    case "sample":
      return { evidenceId: view.view.evidenceId, version: view.view.version };
    default:
      return undefined;
  }
}

/** Block Kit blocks for any card view: what Slack shows. */
export function slackBlocks(card: CardView): KnownBlock[] {
  switch (card.kind) {
    case "suggestion":
      return suggestionBlocks(card.view);
    case "coverage":
      return coverageBlocks(card.view);
    case "witnessRequest":
      return witnessRequestBlocks(card.view);
    case "approval":
      return approvalBlocks(card.view);
    case "queue":
      return queueBlocks(card.view);
    case "sampleList":
      return sampleListBlocks(card.view);
    case "sample":
      return sampleBlocks(card.view);
    case "message":
      return messageBlocks(card.view);
    case "assessorRecord":
      return assessorRecordBlocks(card.view);
    case "actionPlanForm":
      return actionPlanFormBlocks(card.view);
    case "actionPlan":
      return actionPlanBlocks(card.view);
    case "feedback":
      return feedbackBlocks(card.view);
    case "expertStatement":
      return expertStatementBlocks(card.view);
    case "stale":
      return staleBlocks(card.view);
  }
}

/** The notification text Slack needs beside the blocks: the card's first heading or line. */
export function slackFallbackText(card: CardView | KnownBlock[]): string {
  const blocks = Array.isArray(card) ? card : slackBlocks(card);
  for (const block of blocks) {
    if (block.type === "header") return block.text.text;
    if (block.type === "section" && block.text) return truncate(block.text.text.replace(/[*_]/g, ""), 300);
  }
  return "Shiftnote";
}

/** A card's one-line summary (its heading or first line): Slack's notification text, Teams' activity summary. */
export const cardSummary = (card: CardView): string => slackFallbackText(card);

/** A Slack message (`text` plus `blocks`) for any card view. */
export function slackMessage(card: CardView): { text: string; blocks: KnownBlock[] } {
  const blocks = slackBlocks(card);
  return { text: slackFallbackText(blocks), blocks };
}

/** The current card with a notice above it, for an action that arrived with an old version. */
export function staleCard(view: StaleView): ac.AdaptiveCard {
  const current = adaptiveCard(view.current);
  const notice: ac.Container = {
    type: "Container",
    style: "warning",
    items: [{ type: "TextBlock", text: view.notice ?? STALE, wrap: true, weight: "bolder" }],
  };
  return { ...current, body: [notice, ...current.body] };
}

export function staleBlocks(view: StaleView): KnownBlock[] {
  const current = slackBlocks(view.current);
  const notice = sk.section(`:information_source: *${sk.esc(view.notice ?? STALE)}*`);
  // Keep within the block limit: the notice takes the place of the last block before the buttons if need be.
  if (current.length < sk.SLACK_LIMITS.blocks) return [notice, ...current];
  const last = current[current.length - 1];
  return [notice, ...current.slice(0, sk.SLACK_LIMITS.blocks - 2), ...(last ? [last] : [])];
}
