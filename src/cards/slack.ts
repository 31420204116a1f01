// Block Kit builders that keep to Slack's limits: escaped mrkdwn, capped text, buttons carrying an action payload.

import type {
  ActionsBlock,
  Button,
  Checkboxes,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  RichTextBlock,
  SectionBlock,
  SectionBlockAccessory,
} from "@slack/types";
import { payload, SLACK_INPUT_ACTION_PREFIX, type Verb } from "./actions.ts";
import { truncate } from "./text.ts";

/** Slack's documented limits for the parts we use. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 75,
  checkboxOptions: 10,
  actionsElements: 25,
  contextElements: 10,
  inputLabel: 2000,
  inputValue: 3000,
  id: 255,
} as const;

/** Escapes the three characters Slack's mrkdwn treats as markup (so "<!channel>" in an account pings nobody). */
export const esc = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const mrkdwn = (text: string, max: number = SLACK_LIMITS.sectionText): MrkdwnElement => ({
  type: "mrkdwn",
  text: truncate(text, max),
});

export const plain = (text: string, max = 3000): PlainTextElement => ({
  type: "plain_text",
  text: truncate(text, max) || " ",
  emoji: true,
});

export const header = (text: string): HeaderBlock => ({
  type: "header",
  text: plain(text, SLACK_LIMITS.headerText),
});

export const section = (text: string, accessory?: SectionBlockAccessory, blockId?: string): SectionBlock => ({
  type: "section",
  text: mrkdwn(text),
  ...(accessory ? { accessory } : {}),
  ...(blockId ? { block_id: blockId } : {}),
});

export const fields = (items: string[]): SectionBlock => ({
  type: "section",
  fields: items.slice(0, 10).map((item) => mrkdwn(item, SLACK_LIMITS.fieldText)),
});

export const context = (...texts: string[]): ContextBlock => ({
  type: "context",
  elements: texts.slice(0, SLACK_LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export const divider = (): DividerBlock => ({ type: "divider" });

/** Text people wrote, as a rich-text quote: shown verbatim, no mrkdwn interpreted. */
export const quoteBlock = (text: string, max = 2500, italic = false): RichTextBlock => ({
  type: "rich_text",
  elements: [
    {
      type: "rich_text_quote",
      elements: [
        { type: "text", text: truncate(text, max) || " ", ...(italic ? { style: { italic: true } } : {}) },
      ],
    },
  ],
});

/** A button whose value is the action payload; `action_id` is the verb, with a suffix when it repeats. */
export function button(
  title: string,
  verb: Verb,
  key: { evidenceId: string; version: number },
  options: {
    style?: "primary" | "danger";
    suffix?: string;
    confirm?: { title: string; text: string; yes: string };
  } = {},
): Button {
  const { style, suffix, confirm } = options;
  return {
    type: "button",
    text: plain(title, SLACK_LIMITS.buttonText),
    action_id: suffix ? `${verb}:${suffix}` : verb,
    value: JSON.stringify(payload(verb, key)),
    ...(style ? { style } : {}),
    ...(confirm
      ? {
          confirm: {
            title: plain(confirm.title, 100),
            text: plain(confirm.text, 300),
            confirm: plain(confirm.yes, 30),
            deny: plain("Cancel", 30),
            ...(style === "danger" ? { style: "danger" as const } : {}),
          },
        }
      : {}),
  };
}

/** A button that opens a page (a signed link); Slack still sends an action, which the adapter ignores. */
export const linkButton = (title: string, url: string): Button => ({
  type: "button",
  text: plain(title, SLACK_LIMITS.buttonText),
  action_id: "link.open",
  url,
});

export const actions = (elements: Button[], blockId?: string): ActionsBlock => ({
  type: "actions",
  elements: elements.slice(0, SLACK_LIMITS.actionsElements),
  ...(blockId ? { block_id: blockId } : {}),
});

export const option = (text: string, value: string, description?: string): PlainTextOption => ({
  text: plain(text, SLACK_LIMITS.optionText),
  value,
  ...(description ? { description: plain(description, SLACK_LIMITS.optionText) } : {}),
});

/** One checkbox standing for an Adaptive Card Input.Toggle; its block_id is the input id. */
export function toggleAccessory(inputId: string, label: string, on: boolean): Checkboxes {
  const only = option(label, "true");
  return {
    type: "checkboxes",
    action_id: `${SLACK_INPUT_ACTION_PREFIX}${inputId}`,
    options: [only],
    ...(on ? { initial_options: [only] } : {}),
  };
}

export const inputAction = (inputId: string): string => `${SLACK_INPUT_ACTION_PREFIX}${inputId}`;

export function input(
  inputId: string,
  label: string,
  element: InputBlockElement,
  extra: { hint?: string; optional?: boolean } = {},
): InputBlock {
  return {
    type: "input",
    block_id: inputId,
    label: plain(label, SLACK_LIMITS.inputLabel),
    element,
    ...(extra.hint ? { hint: plain(extra.hint, SLACK_LIMITS.inputLabel) } : {}),
    ...(extra.optional ? { optional: true } : {}),
  };
}

/**
 * Assembles a message within Slack's block limit: `head` and `tail` always stay; body groups are kept in order
 * while they fit, and the rest are replaced by one context line saying what was left out.
 */
export function fitBlocks(
  head: KnownBlock[],
  body: KnownBlock[][],
  tail: KnownBlock[],
  leftOut: (groups: number) => string,
): KnownBlock[] {
  const room = SLACK_LIMITS.blocks - head.length - tail.length;
  const total = body.reduce((n, group) => n + group.length, 0);
  if (total <= room) return [...head, ...body.flat(), ...tail];
  const kept: KnownBlock[] = [];
  let used = 0;
  let groups = 0;
  for (const group of body) {
    if (used + group.length > room - 1) break;
    kept.push(...group);
    used += group.length;
    groups += 1;
  }
  return [...head, ...kept, context(leftOut(body.length - groups)), ...tail];
}
