/**
 * POST /api/submissions — a browser form (303 to the receipt, or 422 with the
 * form shown again) or JSON (201 / 422). Every malformed request gets a 4xx with
 * a Bulgarian message; a storage failure gets 503 with the resident's text intact.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { dottedDate, sofiaDate } from "../../src/shared/forms/dates";
import { BODY_LIMIT_BYTES, receiptPath, TURNSTILE_FIELD } from "../../src/shared/forms/fields";
import { isSubmissionKind } from "../../src/shared/forms/kinds";
import { ERRORS, REQUEST_ERRORS } from "../../src/shared/forms/messages";
import { isKnownMunicipality, municipalityById, type RegisteredMunicipality } from "../../src/shared/forms/registry";
import {
  type FormState,
  formContext,
  renderSubmissionPage,
  submissionTitle,
  valuesFrom,
} from "../../src/shared/forms/render";
import {
  type FieldErrors,
  isBot,
  type RawInput,
  type Submission,
  validateSubmission,
} from "../../src/shared/forms/schema";
import type { AppEnv } from "../env";
import { readBody } from "../http/body";
import { htmlPage, problem, wantsJson } from "../http/respond";
import { logError } from "../log";
import { sendNow } from "../mail/outbox";
import { clientAddress, isRateLimited, RETRY_AFTER_SECONDS } from "../rate-limit";
import { verifyTurnstile } from "../turnstile";
import { recall, remember } from "./dedup";
import { fingerprint, newReceiptToken } from "./identity";
import { type Registration, register } from "./register";

type C = Context<AppEnv>;

interface Accepted {
  reference: string;
  deadline: string | null;
  receiptToken: string;
}

export const submissions = new Hono<AppEnv>();

submissions.post(
  "/",
  bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => problem(c as C, { status: 413, message: REQUEST_ERRORS.tooLarge }),
  }),
  async (c) => {
    const limited = await isRateLimited(c.env, c.req.raw);
    const body = await readBody(c.req.raw);
    if (!body.ok) return problem(c, { status: body.status, message: body.message });
    const input = body.input;
    if (limited) {
      return formProblem(c, input, 429, REQUEST_ERRORS.rateLimited, { "Retry-After": String(RETRY_AFTER_SECONDS) });
    }
    if (isBot(input)) return accepted(c, decoy(input));

    const result = validateSubmission(input, { isKnownMunicipality });
    if (!result.ok) return invalid(c, input, result.errors);
    const submission = result.value;
    const municipality = municipalityById(submission.municipality) as RegisteredMunicipality;

    if (c.env.TURNSTILE_SECRET) {
      const passed = await verifyTurnstile(c.env.TURNSTILE_SECRET, input[TURNSTILE_FIELD], clientAddress(c.req.raw));
      if (!passed) return formProblem(c, input, 422, ERRORS.turnstile);
    }

    const key = await fingerprint(submission);
    const remembered = await recall(c.env.DEDUP, key);
    if (remembered) return accepted(c, remembered);

    let registration: Registration;
    try {
      registration = await register(c.env.DB, {
        submission,
        municipality,
        receiptToken: newReceiptToken(),
        dedupKey: key,
        now: new Date(),
      });
    } catch (error) {
      logError("submission.store_failed", error, { kind: submission.kind, municipality: municipality.id });
      return storageDown(c, input, municipality);
    }
    c.executionCtx.waitUntil(
      afterRegistration(c, key, registration, submission, municipality).catch((error) =>
        logError("submission.after_failed", error),
      ),
    );
    return accepted(c, registration);
  },
);

submissions.all("/", (c) =>
  problem(c, { status: 405, message: REQUEST_ERRORS.methodNotAllowed, headers: { Allow: "POST" } }),
);

/** KV remembers the answer; new rows' e-mails go out now (the cron retries failures). */
async function afterRegistration(
  c: C,
  key: string,
  registration: Registration,
  submission: Submission,
  municipality: RegisteredMunicipality,
): Promise<void> {
  const remembering = remember(c.env.DEDUP, key, {
    reference: registration.reference,
    deadline: registration.deadline,
    receiptToken: registration.receiptToken,
  }).catch((error) => logError("dedup.remember_failed", error));
  if (registration.created && registration.outbox.length > 0) {
    const record = {
      ...submission,
      reference: registration.reference,
      receivedAt: registration.receivedAt,
      deadline: registration.deadline,
      receiptToken: registration.receiptToken,
    };
    await sendNow(c.env, registration.outbox, record, municipality);
  }
  await remembering;
}

function accepted(c: C, a: Accepted): Response {
  const receiptUrl = receiptPath(a.receiptToken);
  if (wantsJson(c.req.raw)) return c.json({ reference: a.reference, deadline: a.deadline, receiptUrl }, 201);
  return c.redirect(receiptUrl, 303);
}

/** What a bot that filled the honeypot sees: a success of the usual shape, and nothing stored. */
function decoy(input: RawInput): Accepted {
  const m = typeof input.municipality === "string" ? municipalityById(input.municipality) : undefined;
  return {
    reference: `${m?.registryIndex ?? "94-00"}-0/${dottedDate(sofiaDate(new Date()))}`,
    deadline: null,
    receiptToken: newReceiptToken(),
  };
}

/** The form, with the resident's values, for municipality+kind from the input; null if those are unknown. */
function formFor(c: C, input: RawInput) {
  const m = typeof input.municipality === "string" ? municipalityById(input.municipality) : undefined;
  if (!m || !isSubmissionKind(input.kind)) return null;
  return formContext(m, input.kind, c.env.TURNSTILE_SITE_KEY);
}

async function showForm(c: C, input: RawInput, status: 422 | 429 | 503, state: FormState, headers = {}) {
  const ctx = formFor(c, input);
  if (!ctx) return problem(c, { status: 422, message: REQUEST_ERRORS.unknownForm });
  return htmlPage(
    c,
    status,
    {
      title: submissionTitle(ctx),
      body: renderSubmissionPage(ctx, { ...state, values: valuesFrom(input) }),
      error: true,
    },
    headers,
  );
}

function invalid(c: C, input: RawInput, errors: FieldErrors) {
  if (wantsJson(c.req.raw)) return c.json({ errors }, 422);
  return showForm(c, input, 422, { errors });
}

function formProblem(c: C, input: RawInput, status: 422 | 429, message: string, headers: Record<string, string> = {}) {
  if (wantsJson(c.req.raw)) {
    return status === 422
      ? c.json({ errors: { [TURNSTILE_FIELD]: message } }, 422)
      : c.json({ error: message }, status, headers);
  }
  return showForm(c, input, status, { problem: message }, headers);
}

/** D1 is down: nothing was written; the resident keeps their text and gets a phone number. */
function storageDown(c: C, input: RawInput, m: RegisteredMunicipality) {
  const phone = m.phones?.[0];
  const reach = phone ? `обадете се на ${m.name} на тел. ${phone}` : `свържете се с ${m.name} чрез ${m.website}`;
  const message = `Съобщението не беше записано поради технически проблем. Текстът Ви е запазен – опитайте отново след няколко минути. Ако проблемът продължи, ${reach}.`;
  if (wantsJson(c.req.raw)) return c.json({ error: message, phone: phone ?? null }, 503, { "Retry-After": "60" });
  return showForm(c, input, 503, { problem: message }, { "Retry-After": "60" });
}
