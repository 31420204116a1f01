// Turns Slack's `state.values` into the same input record an Adaptive Card action carries, keyed by input id.

import { INPUT } from "./actions.ts";

/** The part of a Slack block-actions or view-submission state value we read. */
export interface SlackStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
  selected_date?: string | null;
  selected_time?: string | null;
}

export type SlackStateValues = Record<string, Record<string, SlackStateValue>>;

/**
 * Inputs by id: checkboxes give "true"/"false" (a compact `claimset:` group gives one per claim), selects and
 * radio buttons their value, text inputs their text (empty when cleared). Unknown shapes are skipped.
 */
export function slackInputs(values: SlackStateValues): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const states = Object.values(actions);
    if (blockId.startsWith("claimset:")) {
      const chosen = new Set(states.flatMap((s) => (s.selected_options ?? []).map((o) => o.value)));
      for (const id of blockId.slice("claimset:".length).split(",")) {
        if (id) inputs[INPUT.claim(id)] = chosen.has(id) ? "true" : "false";
      }
      continue;
    }
    const state = states[0];
    if (!state) continue;
    if (state.type === "checkboxes") {
      // one "true" box stands for a toggle; a group of named boxes (the plan's methods) gives the values ticked
      const values = (state.selected_options ?? []).map((o) => o.value ?? "");
      inputs[blockId] = values.every((v) => v === "true")
        ? values.length > 0
          ? "true"
          : "false"
        : values.join(",");
    } else if (state.type === "datepicker") inputs[blockId] = state.selected_date ?? "";
    else if (state.type === "timepicker") inputs[blockId] = state.selected_time ?? "";
    else if (state.type === "static_select" || state.type === "radio_buttons") {
      if (state.selected_option?.value !== undefined) inputs[blockId] = state.selected_option.value;
    } else if (state.type === "plain_text_input") inputs[blockId] = state.value ?? "";
  }
  return inputs;
}
