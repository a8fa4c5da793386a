/**
 * The submission form as HTML: one pure function used by the static form pages
 * (at build time), by the Worker (422 and 503 answers, values kept) and by the
 * browser script (inline errors). GOV.UK's pattern: an error summary at the top
 * that takes focus, inline messages linked to their fields.
 */
import { formatDuration } from "../dates";
import { attrs, escapeHtml } from "../html";
import { KIND_SPECS, type SubmissionKind } from "../kinds";
import type { AnswerDeadline, Municipality } from "../municipality";
import { renderBreadcrumbs } from "../partials/breadcrumbs";
import { renderErrorSummary } from "../partials/error-summary";
import { renderHoneypot } from "../partials/honeypot";
import { FIELD_NAMES, type FieldName, FORM_LOAD_FIELD, PRIVACY_PATH, RATINGS, SUBMISSIONS_ENDPOINT } from "./fields";
import { ERROR_PREFIX, HINTS, LABELS, RATING_LABELS } from "./messages";
import { type FieldErrors, isTicked, type RawInput } from "./schema";

/** What a form page needs to know; small enough to travel to the browser as JSON. */
export interface FormContext {
  kind: SubmissionKind;
  municipality: {
    id: string;
    name: string;
    /** The first public phone number, if the charter gives one. */
    phone?: string;
    website: string;
    /** The answer deadline for this kind; praise and surveys have none. */
    deadline?: Pick<AnswerDeadline, "amount" | "unit" | "source">;
  };
  /** Set when the deployment turns Cloudflare Turnstile on. */
  turnstileSiteKey?: string;
}

/** The text a resident typed, field by field, exactly as typed. */
export type FormValues = Partial<Record<string, string>>;

export interface FormState {
  values?: FormValues;
  errors?: FieldErrors;
  /** A problem not tied to a field (storage down, too many posts), shown in the summary. */
  problem?: string;
}

export function formContext(m: Municipality, kind: SubmissionKind, turnstileSiteKey?: string): FormContext {
  const deadline = m.deadlines[kind];
  return {
    kind,
    municipality: {
      id: m.id,
      name: m.name,
      phone: m.phones[0],
      website: m.website,
      deadline: deadline && { amount: deadline.amount, unit: deadline.unit, source: deadline.source },
    },
    turnstileSiteKey: turnstileSiteKey || undefined,
  };
}

/**
 * The values of a form post, for showing back what was sent. Only a form post is shown
 * again (JSON is answered with JSON), so every value is a string.
 */
export function valuesFrom(input: RawInput): FormValues {
  const values: FormValues = {};
  for (const field of [...FIELD_NAMES, FORM_LOAD_FIELD]) {
    const v = input[field];
    if (typeof v === "string") values[field] = v;
  }
  return values;
}

/** "Жалба до Община Костинброд" — the page's title and heading. */
export function submissionTitle(ctx: FormContext): string {
  return `${KIND_SPECS[ctx.kind].label} до ${ctx.municipality.name}`;
}

/** The whole main content of a form page: breadcrumbs, then the part the browser re-renders. */
export function renderSubmissionPage(ctx: FormContext, state: FormState = {}): string {
  const crumbs = renderBreadcrumbs([
    { href: "/", label: "Общини" },
    { href: `/${ctx.municipality.id}/`, label: ctx.municipality.name },
    { label: KIND_SPECS[ctx.kind].label },
  ]);
  const context = JSON.stringify(ctx);
  return `${crumbs}<div class="form-page" data-form-root data-form-context="${escapeHtml(context)}">${renderSubmissionBody(ctx, state)}</div>`;
}

/**
 * Summary, heading, explanation and form. Elements marked `data-patch` are the
 * ones the browser swaps when errors change, so nothing else on the page moves.
 */
export function renderSubmissionBody(ctx: FormContext, state: FormState = {}): string {
  return [
    summary(state),
    `<h1>${escapeHtml(submissionTitle(ctx))}</h1>`,
    renderIntro(ctx),
    renderForm(ctx, state),
  ].join("");
}

/** The order errors are listed in the summary: the order renderForm lays the fields out in. */
export const FIELD_ORDER: readonly FieldName[] = [
  "municipality",
  "kind",
  "rating",
  "subject",
  "message",
  "name",
  "email",
  "phone",
  "address",
  "anonymous",
  "health_risk",
];

/** The error summary; an empty placeholder when there is nothing to show. */
function summary(state: FormState): string {
  const errors = state.errors ?? {};
  const items = FIELD_ORDER.filter((f) => errors[f]).map((f) => ({ target: fieldId(f), message: errors[f] ?? "" }));
  if (!state.problem && items.length === 0) return `<div data-patch="summary"></div>`;
  // autofocus moves focus here on load without JavaScript; the script focuses it after inline checks.
  return renderErrorSummary({
    problem: state.problem,
    items,
    hooks: { "data-patch": "summary", "data-error-summary": true },
  });
}

function renderIntro(ctx: FormContext): string {
  const spec = KIND_SPECS[ctx.kind];
  const m = ctx.municipality;
  const when = m.deadline
    ? `${m.name} разглежда ${spec.definite} и отговаря в срок до ${formatDuration(m.deadline)} от регистрирането – по ${m.deadline.source}.`
    : `${m.name} ${spec.thanks ?? `разглежда ${spec.definite}.`}`;
  const number = spec.correspondence ? " След изпращането веднага ще видите входящия номер." : "";
  const anonymity =
    spec.identity === "required-unless-anonymous-risk"
      ? "<p>Посочете името си и електронна поща или пощенски адрес за отговор. Анонимно можете да подадете само ако проблемът застрашава здравето и сигурността на гражданите.</p>"
      : "";
  return `<div class="form-intro"><p class="lead">${escapeHtml(spec.intro)}</p><p>${escapeHtml(when + number)}</p>${anonymity}<p>Какво правим с личните Ви данни, вижте в <a href="${PRIVACY_PATH}">Защита на личните данни</a>. Общината ги обработва по закон, затова формулярът не иска съгласие.</p></div>`;
}

function renderForm(ctx: FormContext, state: FormState): string {
  const spec = KIND_SPECS[ctx.kind];
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const parts: string[] = [
    `<input type="hidden" name="municipality" value="${escapeHtml(ctx.municipality.id)}">`,
    `<input type="hidden" name="kind" value="${ctx.kind}">`,
    // Filled by the form script (or by the Worker when it shows the form again): see FORM_LOAD_FIELD.
    `<input type="hidden" name="${FORM_LOAD_FIELD}" value="${escapeHtml(v[FORM_LOAD_FIELD] ?? "")}" data-form-load>`,
  ];
  if (spec.rating) parts.push(ratingField(v.rating, e.rating));
  if (spec.subject !== "absent") {
    parts.push(
      textField("subject", spec.subjectLabel, v, e, {
        hint: HINTS.subject,
      }),
    );
  }
  parts.push(textareaField(spec.messageLabel, spec.messageHint, v, e));
  if (spec.identity !== "none") parts.push(identityFields(ctx.kind, v, e));
  parts.push(renderHoneypot("f"));
  if (ctx.turnstileSiteKey) {
    parts.push(
      `<div class="cf-turnstile" data-sitekey="${escapeHtml(ctx.turnstileSiteKey)}" data-language="bg"></div><script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script>`,
    );
  }
  parts.push(`<button type="submit" class="button button-primary" data-submit>${LABELS.submit}</button>`);
  return `<form class="submission-form" method="post" action="${SUBMISSIONS_ENDPOINT}" novalidate accept-charset="utf-8" data-submission-form>${parts.join("")}</form>`;
}

function identityFields(kind: SubmissionKind, v: FormValues, e: FieldErrors): string {
  const strict = KIND_SPECS[kind].identity === "required-unless-anonymous-risk";
  const fields = [
    textField("name", LABELS.name, v, e, { autocomplete: "name", hint: strict ? undefined : HINTS.nameOptional }),
    textField("email", LABELS.email, v, e, {
      type: "email",
      autocomplete: "email",
      spellcheck: false,
      hint: strict ? HINTS.emailRequired : HINTS.emailOptional,
    }),
    textField("phone", LABELS.phone, v, e, { type: "tel", autocomplete: "tel", width: "narrow" }),
  ];
  if (strict)
    fields.push(textField("address", LABELS.address, v, e, { autocomplete: "address-line1", hint: HINTS.address }));
  const contact = `<fieldset class="fieldset"><legend>${LABELS.identityLegend}</legend>${fields.join("")}</fieldset>`;
  if (!strict) return contact;
  const anonymous = `<fieldset class="fieldset" aria-describedby="f-anonymous-hint"><legend>${LABELS.anonymousLegend}</legend><p class="hint" id="f-anonymous-hint">${escapeHtml(HINTS.anonymous)}</p>${checkboxField("anonymous", LABELS.anonymous, v, e)}${checkboxField("health_risk", LABELS.health_risk, v, e)}</fieldset>`;
  return contact + anonymous;
}

export function fieldId(field: FieldName): string {
  return field === "rating" ? "f-rating-1" : `f-${field}`;
}

function errorMessage(id: string, message: string | undefined): string {
  if (!message) return "";
  return `<p class="field-error" id="${id}-error"><span class="visually-hidden">${ERROR_PREFIX}</span> ${escapeHtml(message)}</p>`;
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface TextOptions {
  type?: "text" | "email" | "tel";
  autocomplete?: string;
  hint?: string;
  spellcheck?: boolean;
  width?: "narrow";
}

function textField(field: FieldName, label: string, v: FormValues, e: FieldErrors, o: TextOptions = {}): string {
  const id = fieldId(field);
  const error = e[field];
  const input = `<input${attrs({
    class: o.width === "narrow" ? "input input-narrow" : "input",
    id,
    name: field,
    type: o.type ?? "text",
    value: v[field] ?? "",
    autocomplete: o.autocomplete ?? "off",
    spellcheck: o.spellcheck === false ? "false" : undefined,
    "aria-describedby": describedBy(id, Boolean(o.hint), Boolean(error)),
    "aria-invalid": error ? "true" : undefined,
  })}>`;
  return group(
    field,
    error,
    `<label class="label" for="${id}">${escapeHtml(label)}</label>${hint(id, o.hint)}${errorMessage(id, error)}${input}`,
  );
}

function textareaField(label: string, hintText: string, v: FormValues, e: FieldErrors): string {
  const id = fieldId("message");
  const error = e.message;
  const textarea = `<textarea${attrs({
    class: "textarea",
    id,
    name: "message",
    rows: 8,
    "aria-describedby": describedBy(id, true, Boolean(error)),
    "aria-invalid": error ? "true" : undefined,
  })}>${escapeHtml(v.message ?? "")}</textarea>`;
  return group(
    "message",
    error,
    `<label class="label" for="${id}">${escapeHtml(label)}</label>${hint(id, hintText)}${errorMessage(id, error)}${textarea}`,
  );
}

function checkboxField(field: FieldName, label: string, v: FormValues, e: FieldErrors): string {
  const id = fieldId(field);
  const error = e[field];
  const checked = isTicked(v[field]);
  const input = `<input${attrs({
    class: "checkbox-input",
    id,
    name: field,
    type: "checkbox",
    value: "on",
    checked,
    "aria-describedby": error ? `${id}-error` : undefined,
    "aria-invalid": error ? "true" : undefined,
  })}>`;
  return group(
    field,
    error,
    `${errorMessage(id, error)}<div class="checkbox">${input}<label for="${id}">${escapeHtml(label)}</label></div>`,
  );
}

function ratingField(value: string | undefined, error: string | undefined): string {
  const radios = RATINGS.map((n) => {
    const id = `f-rating-${n}`;
    return `<div class="radio"><input${attrs({ class: "radio-input", id, name: "rating", type: "radio", value: n, checked: value?.trim() === String(n) })}><label for="${id}">${RATING_LABELS[n]}</label></div>`;
  }).join("");
  const errorId = "f-rating";
  return group(
    "rating",
    error,
    `<fieldset class="fieldset"${attrs({ "aria-describedby": error ? `${errorId}-error` : undefined })}><legend class="label">${LABELS.rating}</legend>${errorMessage(errorId, error)}<div class="radios">${radios}</div></fieldset>`,
  );
}

function hint(id: string, text: string | undefined): string {
  return text ? `<p class="hint" id="${id}-hint">${escapeHtml(text)}</p>` : "";
}

function group(field: FieldName, error: string | undefined, inner: string): string {
  return `<div class="form-group${error ? " form-group-error" : ""}" data-patch="field-${field}">${inner}</div>`;
}
