// Checks shared by the card tests: adaptivecards parsing, Action.Execute payloads, Slack limits, visible text.

import type { KnownBlock } from "@slack/types";
import * as AC from "adaptivecards";
import { type AdaptiveCard, walk } from "../../src/cards/adaptive.ts";
import { SLACK_LIMITS } from "../../src/cards/slack.ts";

/** Every parse and validation message the adaptivecards object model reports for `json`. */
export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/**
 * Properties the object model dropped when it read the card back (so a renderer would ignore them); enum values
 * compare case-insensitively, and the Teams-only `msteams` is left aside, as is an action's `fallback`: a renderer that
 * knows Action.Execute (this one does) uses the action itself and keeps no fallback, which is what a fallback is for.
 */
export function adaptiveRoundTripLosses(json: AdaptiveCard): string[] {
  const card = new AC.AdaptiveCard();
  card.parse(json, new AC.SerializationContext());
  const losses: string[] = [];
  const compare = (a: unknown, b: unknown, path: string): void => {
    if (typeof a !== "object" || a === null) {
      if (String(a).toLowerCase() !== String(b).toLowerCase()) losses.push(`${path}: ${JSON.stringify(a)}`);
      return;
    }
    for (const [key, value] of Object.entries(a)) {
      if (key !== "msteams" && key !== "fallback")
        compare(value, (b as Record<string, unknown> | undefined)?.[key], `${path}.${key}`);
    }
  };
  compare(json, card.toJSON(), "");
  return losses;
}

export const executeActions = (card: AdaptiveCard) =>
  [...walk(card)].filter((e) => e.type === "Action.Execute");

export const inputs = (card: AdaptiveCard) => [...walk(card)].filter((e) => e.type.startsWith("Input."));

/** The text a person can see on an Adaptive Card (not ids, verbs or data). */
export function adaptiveVisibleText(card: AdaptiveCard): string[] {
  const out: string[] = [];
  for (const e of walk(card)) {
    const el = e;
    if ("title" in el && typeof el.title === "string") out.push(el.title);
    switch (el.type) {
      case "TextBlock":
        out.push(el.text);
        break;
      case "RichTextBlock":
        out.push(...el.inlines.map((i) => i.text));
        break;
      case "FactSet":
        out.push(...el.facts.flatMap((f) => [f.title, f.value]));
        break;
      case "Input.ChoiceSet":
        out.push(...el.choices.map((c) => c.title), el.label ?? "");
        break;
      case "Input.Text":
        out.push(el.label ?? "", el.placeholder ?? "", el.value ?? "");
        break;
      case "Input.Toggle":
        out.push(el.label ?? "");
        break;
    }
  }
  return out;
}

/** Every `text` string of a Block Kit message (labels, sections, options), not values or ids. */
export function slackVisibleText(blocks: KnownBlock[]): string[] {
  const out: string[] = [];
  const visit = (node: unknown, key: string): void => {
    if (typeof node === "string") {
      if (key === "text" || key === "initial_value") out.push(node);
      return;
    }
    if (Array.isArray(node)) for (const item of node) visit(item, key);
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) visit(v, k);
  };
  visit(blocks, "");
  return out;
}

/** Where a Block Kit message breaks Slack's limits; empty when it keeps to them. */
export function slackLimitProblems(blocks: KnownBlock[]): string[] {
  const problems: string[] = [];
  if (blocks.length > SLACK_LIMITS.blocks) problems.push(`${blocks.length} blocks`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const element = (el: Record<string, unknown>): void => {
    const id = el.action_id;
    if (typeof id === "string") {
      if (actionIds.has(id)) problems.push(`action_id ${id} repeats`);
      if (id.length > SLACK_LIMITS.id) problems.push(`action_id ${id} too long`);
      actionIds.add(id);
    }
    if (el.type === "button") {
      const text = (el.text as { text: string }).text;
      if (text.length > SLACK_LIMITS.buttonText) problems.push(`button text ${text}`);
      if (String(el.value ?? "").length > SLACK_LIMITS.buttonValue) problems.push("button value too long");
    }
    const options = [...((el.options as unknown[]) ?? [])] as {
      text: { text: string };
      value?: string;
      description?: { text: string };
    }[];
    if (el.type === "checkboxes" && options.length > SLACK_LIMITS.checkboxOptions)
      problems.push("too many checkboxes");
    for (const o of options) {
      if (o.text.text.length > SLACK_LIMITS.optionText) problems.push(`option text ${o.text.text}`);
      if ((o.value ?? "").length > SLACK_LIMITS.optionValue) problems.push(`option value ${o.value}`);
      if ((o.description?.text ?? "").length > SLACK_LIMITS.optionText)
        problems.push("option description too long");
    }
  };
  for (const block of blocks) {
    if (block.block_id) {
      if (blockIds.has(block.block_id)) problems.push(`block_id ${block.block_id} repeats`);
      if (block.block_id.length > SLACK_LIMITS.id) problems.push(`block_id ${block.block_id} too long`);
      blockIds.add(block.block_id);
    }
    if (block.type === "section") {
      if ((block.text?.text.length ?? 0) > SLACK_LIMITS.sectionText) problems.push("section text too long");
      if ((block.fields?.length ?? 0) > 10) problems.push("too many fields");
      for (const f of block.fields ?? [])
        if (f.text.length > SLACK_LIMITS.fieldText) problems.push("field too long");
      if (block.accessory) element(block.accessory as unknown as Record<string, unknown>);
    }
    if (block.type === "header" && block.text.text.length > SLACK_LIMITS.headerText)
      problems.push("header too long");
    if (block.type === "actions") {
      if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push("too many elements");
      for (const el of block.elements) element(el as unknown as Record<string, unknown>);
    }
    if (block.type === "context" && block.elements.length > SLACK_LIMITS.contextElements)
      problems.push("context too long");
    if (block.type === "input") {
      if (block.label.text.length > SLACK_LIMITS.inputLabel) problems.push("label too long");
      element(block.element as unknown as Record<string, unknown>);
    }
  }
  return problems;
}

/** Buttons of a Block Kit message. */
export const slackButtons = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => {
    if (b.type === "actions") return b.elements.filter((e) => e.type === "button");
    if (b.type === "section" && b.accessory?.type === "button") return [b.accessory];
    return [];
  });

/** Input elements of a Block Kit message (input blocks, and checkboxes or selects elsewhere). */
export const slackInputElements = (blocks: KnownBlock[]): { type: string; action_id?: string }[] =>
  blocks.flatMap((b): { type: string; action_id?: string }[] => {
    if (b.type === "input") return [b.element];
    if (b.type === "actions") return b.elements.filter((e) => e.type !== "button");
    if (b.type === "section" && b.accessory && b.accessory.type !== "button") return [b.accessory];
    return [];
  });

/** The mrkdwn text objects of a message: where Slack would act on `<!channel>` or `<@U123>`. */
export function slackMrkdwnText(blocks: KnownBlock[]): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "mrkdwn" && typeof record.text === "string") out.push(record.text);
      for (const value of Object.values(record)) visit(value);
    }
  };
  visit(blocks);
  return out;
}
