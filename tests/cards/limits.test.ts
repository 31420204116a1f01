// Oversized views still give valid cards: Slack's limits kept, Teams' size budget kept, what was left out said.

import type { InputBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { CARD_BUDGET, cardBytes } from "../../src/cards/adaptive.ts";
import { adaptiveCard, slackBlocks } from "../../src/cards/render.ts";
import { SLACK_LIMITS } from "../../src/cards/slack.ts";
import { suggestionEditModal } from "../../src/cards/suggestion.ts";
import { BIG, bigApproval, bigSuggestion } from "./big-views.ts";
import {
  adaptiveCardProblems,
  adaptiveVisibleText,
  executeActions,
  slackLimitProblems,
  slackMrkdwnText,
  slackVisibleText,
} from "./checks.ts";

describe.each(Object.keys(BIG))("a very large %s view", (name) => {
  const view = BIG[name];
  if (!view) throw new Error(name);

  it("gives Block Kit within Slack's limits", () => {
    const blocks = slackBlocks(view);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(slackLimitProblems(blocks)).toEqual([]);
  });

  it("gives an Adaptive Card that parses cleanly and fits a Teams message", () => {
    const card = adaptiveCard(view);
    expect(adaptiveCardProblems(card)).toEqual([]);
    // The suggestion card carries the whole account in its edit box; the bot core caps how long an account may be.
    const text = view.kind === "suggestion" ? new TextEncoder().encode(view.view.text).length : 0;
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET + text);
  });

  it("escapes Slack markup in what people wrote", () => {
    const mrkdwn = slackMrkdwnText(slackBlocks(view)).join("\n");
    expect(mrkdwn).not.toMatch(/<[!@#]/);
    if (mrkdwn.includes("channel")) expect(mrkdwn).toContain("&lt;!channel&gt; &amp;");
  });
});

describe("trimming", () => {
  it("says how much of a big suggestion was left out, in both channels", () => {
    const card = adaptiveCard(BIG.suggestion ?? { kind: "message", view: { text: "" } });
    expect(adaptiveVisibleText(card).join("\n")).toMatch(
      /…and \d+ more suggestions that did not fit on this card: they are filed with it/,
    );
    expect(executeActions(card).map((a) => a.verb)).toContain("evidence.submit");
  });

  it("switches a big suggestion to compact checkbox groups in Slack, keeping every claim", () => {
    const blocks = slackBlocks({
      kind: "suggestion",
      view: { ...bigSuggestion, units: bigSuggestion.units.slice(0, 4) },
    });
    const ids = blocks.flatMap((b) =>
      b.block_id?.startsWith("claimset:") ? b.block_id.slice(9).split(",") : [],
    );
    expect(ids).toHaveLength(4 * 24);
    expect(slackLimitProblems(blocks)).toEqual([]);
  });

  it("says a big approval has claims not shown, and keeps the buttons", () => {
    const blocks = slackBlocks(BIG.approval ?? { kind: "message", view: { text: "" } });
    expect(slackVisibleText(blocks).join("\n")).toMatch(/\d+ more claims not shown here/);
    expect(blocks[blocks.length - 1]?.type).toBe("actions");
  });

  it("cuts long text at a word with an ellipsis", () => {
    const card = adaptiveCard({ kind: "approval", view: { ...bigApproval, testimonies: [] } });
    const account = adaptiveVisibleText(card).find((t) => t.startsWith("account"));
    expect(account?.endsWith("…")).toBe(true);
    expect(account?.length).toBeLessThanOrEqual(2500);
  });

  it("keeps the Slack edit modal within an input's limit", () => {
    const modal = suggestionEditModal(bigSuggestion);
    const block = modal.blocks[0] as InputBlock | undefined;
    const value = block?.element.type === "plain_text_input" ? block.element.initial_value : "";
    expect(value?.length).toBeLessThanOrEqual(SLACK_LIMITS.inputValue);
    expect(JSON.parse(modal.private_metadata ?? "{}")).toEqual({
      verb: "evidence.edit",
      evidenceId: bigSuggestion.evidenceId,
      version: 7,
    });
  });
});
