/**
 * "Полезна ли беше тази страница?" — yes/no and an optional comment, under every
 * content page. A plain form (no JavaScript on content pages); the Worker stores
 * the answer and sends the reader to a thank-you page.
 */

import { attrs, escapeHtml } from "../html";
import { renderHoneypot } from "../partials/honeypot";
import { cleanLine, cleanText } from "./clean";
import { FEEDBACK_ENDPOINT, type FeedbackField, LIMITS } from "./fields";
import { ERROR_PREFIX, ERRORS } from "./messages";
import { parseFields } from "./parse-fields";
import type { RawInput } from "./schema";
import "./zod";
import * as z from "zod/mini";

export interface PageFeedback {
  /** The site path the answer is about, e.g. "/kostinbrod/harta/". */
  page: string;
  useful: boolean;
  comment: string;
}

export type FeedbackErrors = Partial<Record<FeedbackField, string>>;
export type FeedbackResult = { ok: true; value: PageFeedback } | { ok: false; errors: FeedbackErrors };

const optionalText = z.pipe(
  z.optional(z.nullable(z.string({ error: ERRORS.notText }))),
  z.transform((v) => v ?? ""),
);

/** A path on this site only: no scheme, no host, no query, only the characters our URLs use. */
const SITE_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/%]*$/;

export function isSitePath(value: unknown): value is string {
  return typeof value === "string" && value.length <= LIMITS.page && SITE_PATH.test(value);
}

const SCHEMAS = {
  page: z.pipe(
    z.pipe(optionalText, z.transform(cleanLine)),
    z.string().check(z.refine(isSitePath, ERRORS.pageInvalid)),
  ),
  useful: z.pipe(
    z.optional(z.nullable(z.union([z.boolean(), z.string()], { error: ERRORS.usefulRequired }))),
    z.transform((v, ctx) => {
      if (v === true || v === "yes" || v === "да") return true;
      if (v === false || v === "no" || v === "не") return false;
      ctx.issues.push({ code: "custom", message: ERRORS.usefulRequired, input: v });
      return false;
    }),
  ),
  comment: z.pipe(
    z.pipe(optionalText, z.transform(cleanText)),
    z.string().check(z.maxLength(LIMITS.comment, ERRORS.commentTooLong)),
  ),
};

export function validateFeedback(input: RawInput): FeedbackResult {
  const { values, errors } = parseFields(SCHEMAS, input);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: values as PageFeedback };
}

/** The id a summary links to for each field (the first radio for the yes/no question). */
export const feedbackFieldId = (field: FeedbackField) => (field === "useful" ? "pf-useful-yes" : `pf-${field}`);

export interface FeedbackFormState {
  values?: Partial<Record<FeedbackField, string>>;
  errors?: FeedbackErrors;
}

export const FEEDBACK_QUESTION = "Полезна ли беше тази страница?";

/** The feedback form; `page` is the path of the page it sits on. */
export function renderPageFeedback(page: string, state: FeedbackFormState = {}): string {
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const radio = (value: "yes" | "no", label: string) =>
    `<div class="radio"><input${attrs({
      class: "radio-input",
      id: `pf-useful-${value}`,
      name: "useful",
      type: "radio",
      value,
      checked: v.useful === value,
    })}><label for="pf-useful-${value}">${label}</label></div>`;
  const error = (field: FeedbackField) =>
    e[field]
      ? `<p class="field-error" id="pf-${field}-error"><span class="visually-hidden">${ERROR_PREFIX}</span> ${escapeHtml(e[field] ?? "")}</p>`
      : "";
  return `<form class="page-feedback" method="post" action="${FEEDBACK_ENDPOINT}" accept-charset="utf-8" novalidate aria-labelledby="pf-title">
<input type="hidden" name="page" value="${escapeHtml(page)}">
<div class="form-group${e.useful ? " form-group-error" : ""}"><fieldset class="fieldset"${attrs({ "aria-describedby": e.useful ? "pf-useful-error" : undefined })}><legend><h2 class="page-feedback-title" id="pf-title">${FEEDBACK_QUESTION}</h2></legend>${error("useful")}<div class="radios radios-inline">${radio("yes", "Да")}${radio("no", "Не")}</div></fieldset></div>
<div class="form-group${e.comment ? " form-group-error" : ""}"><label class="label" for="pf-comment">Какво да подобрим? (по желание)</label><p class="hint" id="pf-comment-hint">Не пишете лични данни. За жалба или сигнал използвайте формулярите на общината. До ${LIMITS.comment} знака.</p>${error("comment")}<textarea${attrs({ class: "textarea", id: "pf-comment", name: "comment", rows: 3, "aria-describedby": e.comment ? "pf-comment-hint pf-comment-error" : "pf-comment-hint", "aria-invalid": e.comment ? "true" : undefined })}>${escapeHtml(v.comment ?? "")}</textarea></div>
${renderHoneypot("pf")}
<button type="submit" class="button">Изпратете отговора</button>
</form>`;
}
