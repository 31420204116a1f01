// The witness's testimony as a Block Kit modal: the card's own input blocks, which Slack then makes required.
import type { InputBlock, KnownBlock, ModalView } from "@slack/types";
import type { SlackStateValues } from "../../cards/index.ts";
import type { CardActionData } from "../types.ts";

export const TESTIMONY_CALLBACK = "shiftnote.testimony";
/** The card button that sends testimony; on Teams the same verb arrives with the inputs already filled in. */
export const TESTIFY_VERB = "witness.testify";

/** What the modal carries through Slack and back (Slack caps private_metadata at 3,000 characters). */
export interface TestimonyContext {
  data: CardActionData;
  channel: string;
  messageTs?: string;
  threadTs?: string;
}

/**
 * Slack does not enforce required inputs in a message, so "Send my testimony" can arrive with the
 * status, declaration or words left empty. Those are the input blocks still to fill in (none when the
 * card asks for nothing or everything is there).
 */
export function missingInputs(
  blocks: unknown[] | undefined,
  values: SlackStateValues | undefined,
): InputBlock[] {
  const inputs = (blocks ?? []).filter(isInputBlock);
  return inputs.some((block) => !block.optional && !hasValue(values?.[block.block_id ?? ""])) ? inputs : [];
}

/** The modal: the card's input blocks, required unless the card said optional, with what was typed kept. */
export function testimonyForm(
  context: TestimonyContext,
  inputs: InputBlock[],
  values: SlackStateValues | undefined,
): ModalView {
  return {
    type: "modal",
    callback_id: TESTIMONY_CALLBACK,
    private_metadata: JSON.stringify(context),
    title: { type: "plain_text", text: "Witness testimony" },
    submit: { type: "plain_text", text: "Send testimony" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Please complete every part; the assessor reads it with the candidate's account.",
        },
      },
      ...inputs.map((block) => withCurrentValue(block, values)),
    ] as KnownBlock[],
  };
}

/** Reads private_metadata back; undefined when it is not ours. */
export function readTestimonyContext(metadata: string | undefined): TestimonyContext | undefined {
  try {
    const parsed = JSON.parse(metadata ?? "") as Partial<TestimonyContext>;
    if (typeof parsed.channel !== "string" || typeof parsed.data?.verb !== "string") return undefined;
    return parsed as TestimonyContext;
  } catch {
    return undefined;
  }
}

function isInputBlock(block: unknown): block is InputBlock {
  return typeof block === "object" && block !== null && (block as { type?: unknown }).type === "input";
}

type State = NonNullable<SlackStateValues[string]>[string];

function hasValue(actions: Record<string, State> | undefined): boolean {
  return Object.values(actions ?? {}).some(
    (state) =>
      (typeof state.value === "string" && state.value.trim() !== "") ||
      Boolean(state.selected_option?.value) ||
      (state.selected_options ?? []).length > 0,
  );
}

/** Copies the block with what the person already entered as its initial value. */
function withCurrentValue(block: InputBlock, values: SlackStateValues | undefined): InputBlock {
  const state = Object.values(values?.[block.block_id ?? ""] ?? {})[0];
  if (!state) return block;
  const element = { ...block.element } as Record<string, unknown>;
  const options = (element.options ?? []) as Array<{ value?: string }>;
  if (typeof state.value === "string" && state.value !== "") element.initial_value = state.value;
  if (state.selected_option?.value) {
    const chosen = options.find((option) => option.value === state.selected_option?.value);
    if (chosen) element.initial_option = chosen;
  }
  const selected = new Set((state.selected_options ?? []).map((option) => option.value));
  if (selected.size > 0) element.initial_options = options.filter((option) => selected.has(option.value));
  return { ...block, element } as unknown as InputBlock;
}
