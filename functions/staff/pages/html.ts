/**
 * HTML for the staff pages, escaped by construction: hono/html's `html` escapes
 * every interpolated value, and fragments made by `html` (or lists of them) pass
 * through as they are. Form fields follow the residents' forms (GOV.UK's pattern).
 */
import { html as honoHtml, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { ERROR_PREFIX } from "../../../src/shared/forms/messages";

export type Html = HtmlEscapedString;
export { raw };

/** Escapes every value; nested fragments stay as they are. Never given a promise, so never async. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = honoHtml(strings, ...values);
  if (out instanceof Promise) throw new Error("staff pages render synchronously");
  return out;
}

export type Errors = Partial<Record<string, string>>;
export type Values = Partial<Record<string, string>>;

/** The id of a field in one form: forms on one page never share ids. */
export const fieldId = (form: string, name: string) => `${form}-${name}`;

const errorLine = (id: string, message: string | undefined) =>
  message
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${ERROR_PREFIX}</span> ${message}</p>`
    : "";

const describedBy = (id: string, hint: string | undefined, error: string | undefined) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

const group = (error: string | undefined, inner: Html) =>
  html`<div class="${error ? "form-group form-group-error" : "form-group"}">${inner}</div>`;

export interface FieldOptions {
  form: string;
  name: string;
  label: string;
  hint?: string;
  values: Values;
  errors: Errors;
}

export function textField(o: FieldOptions & { type?: "text" | "date" | "email" | "search"; autocomplete?: string }) {
  const id = fieldId(o.form, o.name);
  const error = o.errors[o.name];
  return group(
    error,
    html`<label class="label" for="${id}">${o.label}</label>${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ""}${errorLine(id, error)}<input class="input" id="${id}" name="${o.name}" type="${o.type ?? "text"}" value="${o.values[o.name] ?? ""}"${describedBy(id, o.hint, error) ? html` aria-describedby="${describedBy(id, o.hint, error)}"` : ""}${error ? raw(' aria-invalid="true"') : ""}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ""}>`,
  );
}

export function textareaField(o: FieldOptions & { rows?: number }) {
  const id = fieldId(o.form, o.name);
  const error = o.errors[o.name];
  return group(
    error,
    html`<label class="label" for="${id}">${o.label}</label>${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ""}${errorLine(id, error)}<textarea class="textarea" id="${id}" name="${o.name}" rows="${o.rows ?? 5}"${describedBy(id, o.hint, error) ? html` aria-describedby="${describedBy(id, o.hint, error)}"` : ""}${error ? raw(' aria-invalid="true"') : ""}>${o.values[o.name] ?? ""}</textarea>`,
  );
}

export function radiosField(o: FieldOptions & { choices: readonly (readonly [value: string, label: string])[] }) {
  const id = fieldId(o.form, o.name);
  const error = o.errors[o.name];
  const radios = o.choices.map(
    ([value, label], i) =>
      html`<div class="radio"><input class="radio-input" id="${id}-${i}" name="${o.name}" type="radio" value="${value}"${o.values[o.name] === value ? raw(" checked") : ""}><label for="${id}-${i}">${label}</label></div>`,
  );
  return group(
    error,
    html`<fieldset class="fieldset" id="${id}"${describedBy(id, o.hint, error) ? html` aria-describedby="${describedBy(id, o.hint, error)}"` : ""}><legend class="label">${o.label}</legend>${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ""}${errorLine(id, error)}${radios}</fieldset>`,
  );
}

export function selectField(o: FieldOptions & { choices: readonly (readonly [value: string, label: string])[] }) {
  const id = fieldId(o.form, o.name);
  const error = o.errors[o.name];
  const options = o.choices.map(
    ([value, label]) =>
      html`<option value="${value}"${o.values[o.name] === value ? raw(" selected") : ""}>${label}</option>`,
  );
  return group(
    error,
    html`<label class="label" for="${id}">${o.label}</label>${errorLine(id, error)}<select class="input" id="${id}" name="${o.name}"${describedBy(id, undefined, error) ? html` aria-describedby="${describedBy(id, undefined, error)}"` : ""}>${options}</select>`,
  );
}

export const button = (label: string) => html`<button type="submit" class="button button-primary">${label}</button>`;
