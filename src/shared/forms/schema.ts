/**
 * The submission rules, shared by the form pages (inline, in the browser) and the
 * Worker (authoritative). Fields are checked one by one so that every mistake is
 * reported at once, then the per-kind rules (what is required, anonymity) apply.
 * zod/mini keeps the browser bundle small; the messages are our own, in Bulgarian.
 */

import { isSubmissionKind, KIND_SPECS, SUBMISSION_KINDS, type SubmissionKind } from "../kinds";
import { cleanLine, cleanText } from "./clean";
import { isEmailAddress } from "./email-address";
import { CONTACT_FIELDS, type FieldName, LIMITS, RATINGS, type Rating } from "./fields";
import { ERRORS } from "./messages";
import { parseFields } from "./parse-fields";
import "./zod";
import * as z from "zod/mini";

export type FieldErrors = Partial<Record<FieldName, string>>;

export interface ValidationOptions {
  /** Whether a municipality id is one this site serves. */
  isKnownMunicipality: (id: string) => boolean;
}

/** Raw input as it arrives: strings from a form, strings/booleans/numbers from JSON. */
export type RawInput = Readonly<Record<string, unknown>>;

const absentAsEmpty = z.pipe(
  z.optional(z.nullable(z.string({ error: ERRORS.notText }))),
  z.transform((v) => v ?? ""),
);
const line = (max: number, tooLong: string) =>
  z.pipe(z.pipe(absentAsEmpty, z.transform(cleanLine)), z.string().check(z.maxLength(max, tooLong)));
const text = (max: number, tooLong: string) =>
  z.pipe(z.pipe(absentAsEmpty, z.transform(cleanText)), z.string().check(z.maxLength(max, tooLong)));

const TRUE_WORDS = new Set(["on", "true", "1", "yes", "да"]);
const FALSE_WORDS = new Set(["", "off", "false", "0", "no", "не"]);

/** Whether a form value means a ticked box; used to show a posted checkbox again. */
export const isTicked = (value: string | undefined) => TRUE_WORDS.has((value ?? "").trim().toLowerCase());

/** A checkbox: absent/unchecked is false; JSON may send booleans. */
const checkbox = z.pipe(
  z.optional(z.nullable(z.union([z.boolean(), z.string()], { error: ERRORS.notYesNo }))),
  z.transform((v, ctx) => {
    if (v === undefined || v === null || typeof v === "boolean") return v ?? false;
    const word = v.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (!FALSE_WORDS.has(word)) ctx.issues.push({ code: "custom", message: ERRORS.notYesNo, input: v });
    return false;
  }),
);

/** A rating 1–5 as a number or its digit; absent is null (required-ness is per kind). */
const rating = z.pipe(
  z.optional(z.nullable(z.union([z.number(), z.string()], { error: ERRORS.ratingRequired }))),
  z.transform((v, ctx): Rating | null => {
    if (v === undefined || v === null || v === "") return null;
    const n = typeof v === "number" ? v : /^\s*\d\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!(RATINGS as readonly number[]).includes(n)) {
      ctx.issues.push({ code: "custom", message: ERRORS.ratingRequired, input: v });
      return null;
    }
    return n as Rating;
  }),
);

const email = z.pipe(
  line(LIMITS.email, ERRORS.emailInvalid),
  z.string().check(z.refine((v) => v === "" || isEmailAddress(v), ERRORS.emailInvalid)),
);
const phone = z.pipe(
  line(LIMITS.phone, ERRORS.phoneInvalid),
  z.string().check(z.regex(/^$|^[0-9+][0-9 ()+-]{5,}$/, ERRORS.phoneInvalid)),
);

/** One schema per field, in the order of the form; `kind` and `municipality` are checked first. */
const FIELD_SCHEMAS = {
  municipality: line(100, ERRORS.municipality),
  kind: z.enum(SUBMISSION_KINDS, { error: ERRORS.kind }),
  subject: line(LIMITS.subject, ERRORS.subjectTooLong),
  message: text(LIMITS.message, ERRORS.messageTooLong),
  name: line(LIMITS.name, ERRORS.nameTooLong),
  email,
  phone,
  address: line(LIMITS.address, ERRORS.addressTooLong),
  anonymous: checkbox,
  health_risk: checkbox,
  rating,
} satisfies Record<FieldName, z.ZodMiniType>;

/** A valid submission, cleaned and ready to store: one property per field. Contact fields are empty when anonymous. */
export type Submission = { [K in FieldName]: z.output<(typeof FIELD_SCHEMAS)[K]> };

export type ValidationResult = { ok: true; value: Submission } | { ok: false; errors: FieldErrors };

/** The fields a kind's form shows; values for other fields are ignored. */
export function fieldsOf(kind: SubmissionKind): ReadonlySet<FieldName> {
  const spec = KIND_SPECS[kind];
  const fields: FieldName[] = ["municipality", "kind", "message"];
  if (spec.subject !== "absent") fields.push("subject");
  if (spec.rating) fields.push("rating");
  if (spec.identity !== "none") fields.push(...CONTACT_FIELDS);
  if (spec.identity === "required-unless-anonymous-risk") fields.push("anonymous", "health_risk");
  return new Set(fields);
}

export function validateSubmission(input: RawInput, options: ValidationOptions): ValidationResult {
  const { values: parsed, errors } = parseFields(FIELD_SCHEMAS, input) as {
    values: Partial<Submission>;
    errors: FieldErrors;
  };
  if (!errors.municipality && !options.isKnownMunicipality(parsed.municipality ?? "")) {
    errors.municipality = ERRORS.municipality;
  }
  const kind = parsed.kind;
  if (!kind || !isSubmissionKind(kind)) return { ok: false, errors };
  // A value for a field the kind's form does not show is ignored, never an error.
  const shown = fieldsOf(kind);
  for (const field of Object.keys(errors) as FieldName[]) if (!shown.has(field)) delete errors[field];
  applyKindRules(kind, parsed, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const p = parsed as Submission;
  const spec = KIND_SPECS[kind];
  const anonymous = spec.identity === "required-unless-anonymous-risk" && p.anonymous;
  const keepsContact = spec.identity !== "none" && !anonymous;
  const value: Submission = {
    ...p,
    subject: shown.has("subject") ? p.subject : "",
    anonymous,
    // What the resident ticked, whether or not they are anonymous: staff must see it.
    health_risk: shown.has("health_risk") && p.health_risk,
    rating: shown.has("rating") ? p.rating : null,
  };
  for (const field of CONTACT_FIELDS) if (!keepsContact) value[field] = "";
  return { ok: true, value };
}

/** What each kind requires, and the charter's anonymity rule. Adds to `errors` in form order. */
function applyKindRules(kind: SubmissionKind, p: Partial<Submission>, errors: FieldErrors): void {
  const spec = KIND_SPECS[kind];
  const need = (field: FieldName, ok: boolean, message: string) => {
    if (!ok && !errors[field]) errors[field] = message;
  };
  if (spec.subject === "required") need("subject", Boolean(p.subject), ERRORS.subjectRequired);
  if (spec.message === "required") need("message", Boolean(p.message), spec.messageMissing);
  if (spec.rating) need("rating", p.rating != null, ERRORS.ratingRequired);
  if (spec.identity !== "required-unless-anonymous-risk") return;
  if (p.anonymous) {
    need("health_risk", Boolean(p.health_risk), ERRORS.anonymousWithoutRisk);
    return;
  }
  need("name", Boolean(p.name), ERRORS.nameRequired);
  need("email", Boolean(p.email) || Boolean(p.address), ERRORS.contactRequired);
}
