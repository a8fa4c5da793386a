/**
 * The submission rules, shared by the form pages (inline, in the browser) and the
 * Worker (authoritative). Fields are checked one by one so that every mistake is
 * reported at once, then the per-kind rules (what is required, anonymity) apply.
 * zod/mini keeps the browser bundle small; the messages are our own, in Bulgarian.
 */

import { cleanLine, cleanText } from "./clean";
import { type FieldName, HONEYPOT_FIELD, LIMITS, RATINGS } from "./fields";
import { fieldsOf, isSubmissionKind, KIND_SPECS, SUBMISSION_KINDS, type SubmissionKind } from "./kinds";
import { ERRORS } from "./messages";
import "./zod";
import * as z from "zod/mini";

/** A valid submission, cleaned and ready to store. Contact fields are empty when anonymous. */
export interface Submission {
  municipality: string;
  kind: SubmissionKind;
  subject: string;
  message: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  anonymous: boolean;
  health_risk: boolean;
  rating: number | null;
}

export type FieldErrors = Partial<Record<FieldName, string>>;

export type ValidationResult = { ok: true; value: Submission } | { ok: false; errors: FieldErrors };

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
  z.transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return null;
    const n = typeof v === "number" ? v : /^\s*\d\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!(RATINGS as readonly number[]).includes(n)) {
      ctx.issues.push({ code: "custom", message: ERRORS.ratingRequired, input: v });
      return null;
    }
    return n;
  }),
);

const email = z.pipe(
  line(LIMITS.email, ERRORS.emailInvalid),
  z.union([z.literal(""), z.email({ error: ERRORS.emailInvalid })], { error: ERRORS.emailInvalid }),
);
const phone = z.pipe(
  line(LIMITS.phone, ERRORS.phoneInvalid),
  z.string().check(z.regex(/^$|^[0-9+][0-9 ()+-]{5,}$/, ERRORS.phoneInvalid)),
);

/** One schema per field; `kind` and `municipality` are checked before the rest. */
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

type Parsed = { [K in FieldName]: z.output<(typeof FIELD_SCHEMAS)[K]> };

/** True when the hidden honeypot field was filled: the post came from a bot. */
export function isBot(input: RawInput): boolean {
  const v = input[HONEYPOT_FIELD];
  return v !== undefined && v !== null && v !== "" && v !== false;
}

export function validateSubmission(input: RawInput, options: ValidationOptions): ValidationResult {
  const errors: FieldErrors = {};
  const parsed: Partial<Parsed> = {};
  for (const field of Object.keys(FIELD_SCHEMAS) as FieldName[]) {
    const result = FIELD_SCHEMAS[field].safeParse(input[field]);
    if (result.success) (parsed as Record<string, unknown>)[field] = result.data;
    else errors[field] = result.error.issues[0]?.message ?? ERRORS.notText;
  }
  if (!errors.municipality && !options.isKnownMunicipality(parsed.municipality ?? "")) {
    errors.municipality = ERRORS.municipality;
  }
  const kind = parsed.kind;
  if (kind && isSubmissionKind(kind)) {
    // A value for a field the kind's form does not show is ignored, never an error.
    const shown = fieldsOf(kind);
    for (const field of Object.keys(errors) as FieldName[]) if (!shown.has(field)) delete errors[field];
    applyKindRules(kind, parsed, errors);
  }
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };

  const p = parsed as Parsed;
  const spec = KIND_SPECS[kind];
  const anonymous = spec.identity === "required-unless-anonymous-risk" && p.anonymous;
  const keepsContact = spec.identity !== "none" && !anonymous;
  return {
    ok: true,
    value: {
      municipality: p.municipality,
      kind,
      subject: spec.subject === "absent" ? "" : p.subject,
      message: p.message,
      name: keepsContact ? p.name : "",
      email: keepsContact ? p.email : "",
      phone: keepsContact ? p.phone : "",
      address: keepsContact ? p.address : "",
      anonymous,
      health_risk: anonymous && p.health_risk,
      rating: spec.rating ? p.rating : null,
    },
  };
}

/** What each kind requires, and the charter's anonymity rule. Adds to `errors` in form order. */
function applyKindRules(kind: SubmissionKind, p: Partial<Parsed>, errors: FieldErrors): void {
  const spec = KIND_SPECS[kind];
  const need = (field: FieldName, ok: boolean, message: string) => {
    if (!ok && !errors[field]) errors[field] = message;
  };
  if (spec.subject === "required") need("subject", Boolean(p.subject), ERRORS.subjectRequired);
  if (spec.message === "required") {
    need("message", Boolean(p.message), kind === "praise" ? ERRORS.messagePraiseRequired : ERRORS.messageRequired);
  }
  if (spec.rating) need("rating", p.rating != null, ERRORS.ratingRequired);
  if (spec.identity !== "required-unless-anonymous-risk") return;
  if (p.anonymous) {
    need("health_risk", Boolean(p.health_risk), ERRORS.anonymousWithoutRisk);
    return;
  }
  need("name", Boolean(p.name), ERRORS.nameRequired);
  need("email", Boolean(p.email) || Boolean(p.address), ERRORS.contactRequired);
}
