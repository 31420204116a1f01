// Renders the core's replies as Teams activities, and an Action.Execute result as its invoke response.
import { Activity, ActivityTypes } from "@microsoft/agents-activity";
import { CardFactory } from "@microsoft/agents-hosting";
import { adaptiveCard, cardSummary } from "../../cards/index.ts";
import type { BotReply } from "../types.ts";

export const ADAPTIVE_CARD_RESPONSE = "application/vnd.microsoft.card.adaptive";
export const MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";

/** Who a card's Universal Actions refresh is for: the Teams user ids of the people who may act on it (at most 60). */
export interface RenderOptions {
  refreshUserIds?: readonly string[];
}

/** A reply's card as Teams shows it: the view's Adaptive Card, its refresh addressed to `refreshUserIds`. */
export function teamsCard(reply: BotReply, options: RenderOptions = {}): Record<string, unknown> | undefined {
  if (!reply.card) return undefined;
  const ids = options.refreshUserIds;
  return adaptiveCard(reply.card.view, ids ? { refreshUserIds: ids } : {}) as unknown as Record<
    string,
    unknown
  >;
}

/** One message activity for one reply: its text, and its Adaptive Card as an attachment. */
export function replyActivity(reply: BotReply, options: RenderOptions = {}): Activity {
  const activity = new Activity(ActivityTypes.Message);
  if (reply.text) activity.text = reply.text;
  const adaptive = teamsCard(reply, options);
  if (reply.card && adaptive) {
    activity.attachments = [CardFactory.adaptiveCard(adaptive)];
    // What Teams shows in the activity feed and notifications for a card.
    activity.summary = cardSummary(reply.card.view);
  }
  return activity;
}

/** A message activity carrying an Adaptive Card already rendered (the one an invoke answered with). */
export function cardActivity(adaptive: Record<string, unknown>): Activity {
  const activity = new Activity(ActivityTypes.Message);
  activity.attachments = [CardFactory.adaptiveCard(adaptive)];
  return activity;
}

/** The body of an `adaptiveCard/action` invoke response (the Universal Actions contract). */
export type ActionInvokeBody =
  | { statusCode: 200; type: typeof ADAPTIVE_CARD_RESPONSE; value: Record<string, unknown> }
  | { statusCode: 200; type: typeof MESSAGE_RESPONSE; value: string }
  | { statusCode: 400; type: "application/vnd.microsoft.error"; value: { code: string; message: string } };

/**
 * Splits an action's replies: the card that replaces the one pressed (or a short message) answers the
 * invoke itself; every other reply is sent as a message after it.
 */
export function actionResponse(
  replies: BotReply[],
  options: RenderOptions = {},
): { body: ActionInvokeBody; rest: BotReply[] } {
  const index = replies.findIndex((reply) => reply.replacesCard && reply.card);
  const replacing = index >= 0 ? replies[index] : undefined;
  const adaptive = replacing ? teamsCard(replacing, options) : undefined;
  if (replacing && adaptive) {
    const rest = replies.filter((_, i) => i !== index);
    if (replacing.text) rest.unshift({ text: replacing.text });
    return {
      body: { statusCode: 200, type: ADAPTIVE_CARD_RESPONSE, value: adaptive },
      rest,
    };
  }
  const first = replies[0];
  if (first?.text && !first.card) {
    return { body: { statusCode: 200, type: MESSAGE_RESPONSE, value: first.text }, rest: replies.slice(1) };
  }
  return { body: { statusCode: 200, type: MESSAGE_RESPONSE, value: "Done." }, rest: replies };
}

/** A refusal for an invoke we do not understand: a clean 4xx, never a 5xx. */
export function badActionBody(message: string): ActionInvokeBody {
  return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message } };
}
