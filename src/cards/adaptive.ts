// Adaptive Card 1.5 JSON types (the subset we emit) and small builders for the card functions.

import { type ActionPayload, payload, REFRESH_VERB, type Verb } from "./actions.ts";

type Spacing = "none" | "small" | "default" | "medium" | "large" | "extraLarge" | "padding";
type TextColor = "default" | "dark" | "light" | "accent" | "good" | "warning" | "attention";
type TextSize = "small" | "default" | "medium" | "large" | "extraLarge";
type TextWeight = "lighter" | "default" | "bolder";
type ContainerStyle = "default" | "emphasis" | "good" | "attention" | "warning" | "accent";

interface Common {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
}

export interface TextBlock extends Common {
  type: "TextBlock";
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  style?: "default" | "heading";
}

export interface TextRun {
  type: "TextRun";
  text: string;
  italic?: boolean;
  isSubtle?: boolean;
  weight?: TextWeight;
  color?: TextColor;
  size?: TextSize;
  /** A link on these words (Adaptive Cards 1.2+). */
  selectAction?: OpenUrlAction;
}

export interface RichTextBlock extends Common {
  type: "RichTextBlock";
  inlines: TextRun[];
}

export interface Container extends Common {
  type: "Container";
  items: Element[];
  style?: ContainerStyle;
  bleed?: boolean;
}

export interface Column extends Common {
  type: "Column";
  items: Element[];
  width?: "auto" | "stretch" | number;
  verticalContentAlignment?: "top" | "center" | "bottom";
}

export interface ColumnSet extends Common {
  type: "ColumnSet";
  columns: Column[];
}

export interface FactSet extends Common {
  type: "FactSet";
  facts: { title: string; value: string }[];
}

export interface ActionSet extends Common {
  type: "ActionSet";
  actions: Action[];
}

interface InputCommon extends Common {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface InputText extends InputCommon {
  type: "Input.Text";
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
}

export interface InputToggle extends InputCommon {
  type: "Input.Toggle";
  title: string;
  value: "true" | "false";
  wrap?: boolean;
}

export interface InputChoiceSet extends InputCommon {
  type: "Input.ChoiceSet";
  choices: { title: string; value: string }[];
  value?: string;
  style?: "compact" | "expanded";
  /** Several may be chosen; the value is then the chosen values joined by commas. */
  isMultiSelect?: boolean;
  placeholder?: string;
  wrap?: boolean;
}

/** A date picker; its value is "YYYY-MM-DD". */
export interface InputDate extends InputCommon {
  type: "Input.Date";
  value?: string;
}

/** A time picker; its value is "HH:MM" (24-hour). */
export interface InputTime extends InputCommon {
  type: "Input.Time";
  value?: string;
}

export type Element =
  | TextBlock
  | RichTextBlock
  | Container
  | ColumnSet
  | FactSet
  | ActionSet
  | InputText
  | InputToggle
  | InputChoiceSet
  | InputDate
  | InputTime;

export interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: Verb;
  data: ActionPayload;
  style?: "default" | "positive" | "destructive";
  associatedInputs?: "auto" | "none";
  /** What a client without Universal Actions does instead: the same payload as a message (Action.Submit). */
  fallback?: SubmitAction;
}

/** The pre-Universal-Actions button: its data (with the inputs) comes back as a message activity. */
export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  data: ActionPayload;
  style?: "default" | "positive" | "destructive";
  associatedInputs?: "auto" | "none";
}

export interface ShowCardAction {
  type: "Action.ShowCard";
  title: string;
  card: { type: "AdaptiveCard"; body: Element[]; actions?: Action[] };
}

/** Opens a page in the browser: the person's own pages, by a signed link. */
export interface OpenUrlAction {
  type: "Action.OpenUrl";
  title: string;
  url: string;
}

export type Action = ExecuteAction | ShowCardAction | OpenUrlAction;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  version: "1.5";
  /** Universal Actions' refresh: Teams asks the bot for the current card whenever a copy is shown. */
  refresh?: { action: ExecuteAction; userIds?: string[] };
  body: Element[];
  actions?: Action[];
  msteams?: { width: "Full" };
}

/**
 * A 1.5 card, full width in Teams; `actions` left out when there are none. A card about one piece of evidence
 * (`about`) carries a refresh action, so every copy of it (in a chat of fewer than 60 people, where Teams
 * refreshes for everyone) shows the evidence as it is when someone looks, not as it was when it was sent.
 */
export function card(
  body: Element[],
  actions: Action[] = [],
  about?: { evidenceId: string; version: number },
): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    ...(about ? { refresh: { action: execute("Refresh", REFRESH_VERB, about) } } : {}),
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: "Full" },
  };
}

export const heading = (text: string, size: TextSize = "medium"): TextBlock => ({
  type: "TextBlock",
  text,
  style: "heading",
  size,
  weight: "bolder",
  wrap: true,
});

export const text = (value: string, extra: Partial<Omit<TextBlock, "type" | "text">> = {}): TextBlock => ({
  type: "TextBlock",
  text: value,
  wrap: true,
  ...extra,
});

export const subtle = (value: string, extra: Partial<Omit<TextBlock, "type" | "text">> = {}): TextBlock =>
  text(value, { isSubtle: true, size: "small", spacing: "none", ...extra });

/** Text people typed: a RichTextBlock, so no markdown in it is interpreted. */
export const userText = (
  value: string,
  extra: Partial<Omit<TextRun, "type" | "text">> = {},
): RichTextBlock => ({
  type: "RichTextBlock",
  inlines: [{ type: "TextRun", text: value, ...extra }],
});

/** A supporting sentence: quoted, italic, subtle. */
export const quoted = (value: string): RichTextBlock => ({
  ...userText(value, { italic: true, isSubtle: true, size: "small" }),
  spacing: "none",
});

export const container = (
  items: Element[],
  extra: Partial<Omit<Container, "type" | "items">> = {},
): Container => ({ type: "Container", items, ...extra });

export const facts = (pairs: [string, string][]): FactSet => ({
  type: "FactSet",
  facts: pairs.map(([title, value]) => ({ title, value })),
});

export const execute = (
  title: string,
  verb: Verb,
  key: { evidenceId: string; version: number },
  extra: Partial<Pick<ExecuteAction, "style" | "associatedInputs">> = {},
): ExecuteAction => ({
  type: "Action.Execute",
  title,
  verb,
  data: payload(verb, key),
  ...extra,
  // A client without Universal Actions sends the same payload (and inputs) as a message the bot already reads.
  fallback: { type: "Action.Submit", title, data: payload(verb, key), ...extra },
});

export const openUrl = (title: string, url: string): OpenUrlAction => ({
  type: "Action.OpenUrl",
  title,
  url,
});

export const actionSet = (
  actions: Action[],
  extra: Partial<Omit<ActionSet, "type" | "actions">> = {},
): ActionSet => ({
  type: "ActionSet",
  actions,
  ...extra,
});

export const toggle = (
  id: string,
  title: string,
  on: boolean,
  extra: Partial<InputToggle> = {},
): InputToggle => ({
  type: "Input.Toggle",
  id,
  title,
  value: on ? "true" : "false",
  wrap: true,
  ...extra,
});

/** Every element that a card and the cards under its ShowCard actions hold, depth first. */
export function* walk(root: { body: Element[]; actions?: Action[] }): Generator<Element | Action> {
  const visitElements = function* (elements: Element[]): Generator<Element | Action> {
    for (const element of elements) {
      yield element;
      if (element.type === "Container") yield* visitElements(element.items);
      if (element.type === "ColumnSet")
        for (const column of element.columns) yield* visitElements(column.items);
      if (element.type === "ActionSet") yield* visitActions(element.actions);
    }
  };
  const visitActions = function* (actions: Action[]): Generator<Element | Action> {
    for (const action of actions) {
      yield action;
      if (action.type === "Action.ShowCard") yield* walk(action.card);
    }
  };
  yield* visitElements(root.body);
  yield* visitActions(root.actions ?? []);
}

/** Bytes of card JSON we allow: Teams refuses messages over about 28 KB, and the activity needs some room too. */
export const CARD_BUDGET = 24_000;

/** How hard a card is trimmed: 0 shows most, 3 least. */
export type Density = 0 | 1 | 2 | 3;

export const cardBytes = (json: unknown): number => new TextEncoder().encode(JSON.stringify(json)).length;

/** Builds the card at the fullest density that fits `CARD_BUDGET` (the sparsest when none does). */
export function fitCard(build: (density: Density) => AdaptiveCard): AdaptiveCard {
  let built = build(0);
  for (const density of [1, 2, 3] as const) {
    if (cardBytes(built) <= CARD_BUDGET) break;
    built = build(density);
  }
  return built;
}
