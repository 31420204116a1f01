// How card actions come back: payload parsing, Slack state to inputs, and the wording helpers.

import { describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/cards/actions.ts";
import { aimNext, nextWords } from "../../src/cards/coverage.ts";
import { slackInputs } from "../../src/cards/slack-inputs.ts";
import { suggestionBlocks } from "../../src/cards/suggestion.ts";
import { englishList, formatWhen, progressBar, shortRef, truncate } from "../../src/cards/text.ts";
import { coverage, IDS, suggestion } from "./fixtures.ts";

describe("parseCardAction", () => {
  it("splits Adaptive Card data (inputs merged in) into the payload and the inputs", () => {
    const parsed = parseCardAction({
      verb: "evidence.submit",
      evidenceId: IDS.evidence,
      version: 3,
      "claim:205.1.3": "true",
      "claim:205.1.6": "false",
    });
    expect(parsed).toEqual({
      payload: { verb: "evidence.submit", evidenceId: IDS.evidence, version: 3 },
      inputs: { "claim:205.1.3": "true", "claim:205.1.6": "false" },
    });
  });

  it("accepts a Slack button value merged with its state", () => {
    const button = suggestionBlocks(suggestion).flatMap((b) => (b.type === "actions" ? b.elements : []))[0];
    const value = button?.type === "button" ? JSON.parse(button.value ?? "{}") : {};
    const parsed = parseCardAction({
      ...value,
      ...slackInputs({ text: { x: { type: "plain_text_input", value: "hi" } } }),
    });
    expect(parsed?.payload).toEqual({ verb: "evidence.submit", evidenceId: IDS.evidence, version: 1 });
    expect(parsed?.inputs).toEqual({ text: "hi" });
  });

  it.each([
    ["an unknown verb", { verb: "evidence.delete_everything", evidenceId: IDS.evidence, version: 1 }],
    ["no evidence id", { verb: "evidence.submit", version: 1 }],
    ["a fractional version", { verb: "evidence.submit", evidenceId: IDS.evidence, version: 1.5 }],
    ["a negative version", { verb: "evidence.submit", evidenceId: IDS.evidence, version: -1 }],
    ["an oversized id", { verb: "evidence.submit", evidenceId: "x".repeat(500), version: 1 }],
    ["an array", [1, 2]],
    ["a string", "evidence.submit"],
  ])("refuses %s", (_, raw) => {
    expect(parseCardAction(raw)).toBeNull();
  });

  it("accepts a version sent as digits and drops non-text inputs", () => {
    const parsed = parseCardAction({
      verb: "witness.testify",
      evidenceId: "e1",
      version: "4",
      declaration: true,
      x: { y: 1 },
    });
    expect(parsed).toEqual({
      payload: { verb: "witness.testify", evidenceId: "e1", version: 4 },
      inputs: { declaration: "true" },
    });
  });
});

describe("slackInputs", () => {
  it("reads checkboxes, selects, radio buttons, text and compact claim groups by input id", () => {
    expect(
      slackInputs({
        "claim:205.1.3": {
          "input:claim:205.1.3": { type: "checkboxes", selected_options: [{ value: "true" }] },
        },
        "claim:205.1.6": { "input:claim:205.1.6": { type: "checkboxes", selected_options: [] } },
        "decision:abc": {
          "input:decision:abc": { type: "static_select", selected_option: { value: "reject" } },
        },
        statusCategory: {
          "input:statusCategory": { type: "radio_buttons", selected_option: { value: "3" } },
        },
        testimony: { "input:testimony": { type: "plain_text_input", value: null } },
        "claimset:206.1.1,206.1.2": {
          "input:claimset:206:0": { type: "checkboxes", selected_options: [{ value: "206.1.2" }] },
        },
        odd: { "input:odd": { type: "users_select" } },
        // the action plan form: methods ticked (a group of named boxes), a date and a time
        methods: {
          "input:methods": {
            type: "checkboxes",
            selected_options: [{ value: "direct_observation" }, { value: "case_study" }],
          },
        },
        date: { "input:date": { type: "datepicker", selected_date: "2026-12-04" } },
        time: { "input:time": { type: "timepicker", selected_time: "10:00" } },
      }),
    ).toEqual({
      "claim:205.1.3": "true",
      "claim:205.1.6": "false",
      "decision:abc": "reject",
      statusCategory: "3",
      testimony: "",
      "claim:206.1.1": "false",
      "claim:206.1.2": "true",
      methods: "direct_observation,case_study",
      date: "2026-12-04",
      time: "10:00",
    });
  });
});

describe("wording", () => {
  it("says how much a unit still needs, counted, and what to aim for next", () => {
    expect(coverage.units[0] && nextWords(coverage.units[0])).toBe(
      "205: 6 criteria, 5 knowledge items and 5 situations to go. Aim next for a quiet period (ER4c) and an unhappy customer (ER5b).",
    );
    expect(coverage.units[1] && nextWords(coverage.units[1])).toBe("206: complete.");
  });

  it("aims next for the unit furthest along, not the smallest one untouched", () => {
    const small = {
      unitId: "216",
      title: "Improve your own customer service skills",
      criteria: { total: 6, assessed: 0, claimed: 0 },
      ranges: { total: 2, assessed: 0, claimed: 0 },
      next: [{ id: "216.1.1", words: "how you found out about your own skills" }],
      guideSections: [],
    };
    const view = { ...coverage, units: [small, ...coverage.units] };
    expect(aimNext(view)).toBe(
      "Aim next for 205 Make customer service personal, the unit nearest completion: a quiet period (ER4c).",
    );
    // with nothing covered anywhere, the smallest unit is a place to start, not "nearest completion"
    expect(aimNext({ ...coverage, units: [small] })).toBe(
      "Aim next for 216 Improve your own customer service skills, a good unit to start with (8 things to cover): how you found out about your own skills (216.1.1).",
    );
  });

  it("truncates at a word with an ellipsis", () => {
    expect(truncate("the card machine stopped working", 20)).toBe("the card machine…");
    expect(truncate("short", 20)).toBe("short");
  });

  it("lists in English", () => {
    expect(englishList(["a"])).toBe("a");
    expect(englishList(["a", "b", "c"])).toBe("a, b and c");
    expect(englishList(["a", "b", "c", "d", "e"], 3)).toBe("a, b, c and 2 more");
  });

  it("formats dates in UK time, references and bars", () => {
    expect(formatWhen("2025-07-01T12:30:00Z")).toBe("Tue 1 Jul 2025, 13:30");
    expect(formatWhen("not a date")).toBe("not a date");
    expect(shortRef("205.ER4.b")).toBe("ER4b");
    expect(shortRef("205.1.2")).toBe("205.1.2");
    expect(progressBar(10, 3, 2)).toBe("●●●◐◐○○○○○");
    expect(progressBar(0, 0, 0)).toBe("");
  });
});
