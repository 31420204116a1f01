// Small pieces the record forms share: a fresh event id, labelled fields that keep what was typed, hidden tokens.
import { randomBytes } from "node:crypto";
import { type Html, type HtmlValue, html } from "../html.ts";
import type { Viewer } from "./layout.ts";

/** A fresh id per rendered form: the use cases record a double submit once (idempotent event ids). */
export const formEventId = () => randomBytes(9).toString("base64url");

/** The CSRF token and event id every form carries. */
export const formTokens = (viewer: Viewer) =>
  html`<input type="hidden" name="_csrf" value="${viewer.csrf}"><input type="hidden" name="_event" value="${formEventId()}">`;

type Prev = Readonly<Record<string, string | undefined>>;

interface FieldOptions {
  hint?: HtmlValue;
  required?: boolean;
  type?: "text" | "date" | "datetime-local" | "number" | "email";
  value?: string;
}

/** A labelled one-line input. */
export function field(name: string, label: string, prev: Prev, options: FieldOptions = {}): Html {
  const id = `f-${name}`;
  const value = prev[name] ?? options.value ?? "";
  return html`<div class="field"><label for="${id}">${label}${options.hint ? html` <span class="muted">${options.hint}</span>` : ""}</label>
<input type="${options.type ?? "text"}" id="${id}" name="${name}" value="${value}" class="wide"${options.required ? html` required` : ""}${options.type === "number" ? html` min="0" step="1"` : ""}></div>`;
}

/** A labelled text area. */
export function area(name: string, label: string, prev: Prev, options: FieldOptions = {}): Html {
  const id = `f-${name}`;
  return html`<div class="field"><label for="${id}">${label}${options.hint ? html` <span class="muted">${options.hint}</span>` : ""}</label>
<textarea id="${id}" name="${name}"${options.required ? html` required` : ""}>${prev[name] ?? options.value ?? ""}</textarea></div>`;
}

/** A labelled select. */
export function choose(
  name: string,
  label: string,
  options: Array<[value: string, text: string]>,
  prev: Prev,
  selected?: string,
): Html {
  const id = `f-${name}`;
  const chosen = prev[name] ?? selected;
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}">${options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === chosen ? html` selected` : ""}>${text}</option>`,
  )}</select></div>`;
}

/** A checkbox with its label. */
export function tick(name: string, value: string, label: HtmlValue, checked: boolean): Html {
  const id = `t-${name}-${value}`.replace(/[^A-Za-z0-9-]/g, "-");
  return html`<span class="choice"><input type="checkbox" id="${id}" name="${name}" value="${value}"${checked ? html` checked` : ""}><label for="${id}">${label}</label></span>`;
}
