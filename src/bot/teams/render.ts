// Renders the core's replies as Teams activities, and an Action.Execute result as its invoke response.
import { Activity, ActivityTypes } from "@microsoft/agents-activity";
import { CardFactory } from "@microsoft/agents-hosting";
import type { BotReply } from "../types.ts";

export const ADAPTIVE_CARD_RESPONSE = "application/vnd.microsoft.card.adaptive";
export const MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";

/** One message activity for one reply: its text, and its Adaptive Card as an attachment. */
export function replyActivity(reply: BotReply): Activity {
  const activity = new Activity(ActivityTypes.Message);
  if (reply.text) activity.text = reply.text;
  if (reply.card) {
    activity.attachments = [CardFactory.adaptiveCard(reply.card.adaptive)];
    // What Teams shows in the activity feed and notifications for a card.
    if (reply.card.fallbackText) activity.summary = reply.card.fallbackText;
  }
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
export function actionResponse(replies: BotReply[]): { body: ActionInvokeBody; rest: BotReply[] } {
  const index = replies.findIndex((reply) => reply.replacesCard && reply.card);
  const replacing = index >= 0 ? replies[index] : undefined;
  if (replacing?.card) {
    const rest = replies.filter((_, i) => i !== index);
    if (replacing.text) rest.unshift({ text: replacing.text });
    return {
      body: { statusCode: 200, type: ADAPTIVE_CARD_RESPONSE, value: replacing.card.adaptive },
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
